import { useId } from 'react';
import type { ReactNode } from 'react';
import { MISSIONS, OBSERVATION_KINDS, REVIEW_STATUSES } from '../../shared/observations/codelists';
import { useServices } from '../app/services';
import { codelistLabel } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';
import { ActiveFilters } from './active-filters';
import { ChoiceDisclosure } from './choice-disclosure';
import { MAX_FILTER_TEXT, toIndexFilter, useFilter } from './filter-state';
import { PlaceFilter } from './place-filter';
import './filter-bar.css';

/** A codelist as a choice: its values in codelist order, with their labels. */
function Codes<T extends string>(props: {
  label: string;
  codes: readonly T[];
  chosen: readonly T[];
  clearLabel: string;
  labelOf: (code: T) => string;
  onChange: (chosen: T[]) => void;
}): ReactNode {
  const known = new Set<string>(props.codes);
  const isCode = (value: string): value is T => known.has(value);
  return (
    <ChoiceDisclosure
      label={props.label}
      groups={[{ key: 'all', legend: null, options: props.codes.map((code) => ({ value: code, label: props.labelOf(code) })) }]}
      selected={props.chosen}
      onChange={(values) => props.onChange(values.filter(isCode))}
      clearLabel={props.clearLabel}
      labelOf={(value) => (isCode(value) ? props.labelOf(value) : value)}
    />
  );
}

/**
 * The shared filter as the list shows it, in one row: period, words in the summary,
 * then places, kinds, review status and missions as disclosures (so that the list
 * keeps the height of the screen); below, what is active with "Clear filters", and the
 * screen's `status` (the list's search progress). The words are stored as typed;
 * screens debounce the search they start (the summary is not in the day index, see
 * renderer/store/text-search.ts).
 */
export function FilterBar({ status, steadyHeight = false }: { status?: ReactNode; steadyHeight?: boolean }) {
  const { filter, setFilter } = useFilter();
  const { places, placesById } = useServices();
  const id = useId();
  const valid = toIndexFilter(filter) !== null;
  return (
    <div className="filter-bar" role="group" aria-label={t('filter.label')}>
      <div className="filter-row">
        <div className="filter-field">
          <label htmlFor={`${id}-from`}>{t('filter.from')}</label>
          <input id={`${id}-from`} type="date" value={filter.fromDate} onChange={(e) => setFilter({ fromDate: e.target.value })} />
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-to`}>{t('filter.to')}</label>
          <input id={`${id}-to`} type="date" value={filter.toDate} onChange={(e) => setFilter({ toDate: e.target.value })} />
        </div>
        <div className="filter-field filter-text">
          <label htmlFor={`${id}-text`}>{t('filter.text')}</label>
          <input
            id={`${id}-text`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_FILTER_TEXT}
            placeholder={t('filter.textPlaceholder')}
            aria-describedby={`${id}-text-help`}
            value={filter.text}
            onChange={(e) => setFilter({ text: e.target.value })}
          />
          <span id={`${id}-text-help`} className="visually-hidden">
            {t('filter.textHelp')}
          </span>
        </div>
        <PlaceFilter places={places} placesById={placesById} selected={filter.placeIds} onChange={(placeIds) => setFilter({ placeIds })} />
        <Codes
          label={t('filter.kinds')}
          codes={OBSERVATION_KINDS}
          chosen={filter.kinds}
          clearLabel={t('filter.anyKind')}
          labelOf={(code) => codelistLabel('kind', code)}
          onChange={(kinds) => setFilter({ kinds })}
        />
        <Codes
          label={t('filter.statuses')}
          codes={REVIEW_STATUSES}
          chosen={filter.statuses}
          clearLabel={t('filter.anyStatus')}
          labelOf={(code) => codelistLabel('reviewStatus', code)}
          onChange={(statuses) => setFilter({ statuses })}
        />
        <Codes
          label={t('filter.missions')}
          codes={MISSIONS}
          chosen={filter.missions}
          clearLabel={t('filter.anyMission')}
          labelOf={(code) => codelistLabel('mission', code)}
          onChange={(missions) => setFilter({ missions })}
        />
      </div>
      {!valid && (
        <p className="field-error" role="alert">
          {t('filter.badPeriod')}
        </p>
      )}
      <ActiveFilters filter={filter} placesById={placesById} setFilter={setFilter} keepLine={steadyHeight}>
        {status}
      </ActiveFilters>
    </div>
  );
}
