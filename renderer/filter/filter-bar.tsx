import { useId } from 'react';
import { OBSERVATION_KINDS, REVIEW_STATUSES } from '../../shared/observations/codelists';
import { t } from '../i18n/i18n';
import { toIndexFilter, useFilter } from './filter-state';

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Period, kinds and review status: the shared filter, as the list and the map show it. */
export function FilterBar() {
  const { filter, setFilter } = useFilter();
  const id = useId();
  const valid = toIndexFilter(filter) !== null;
  return (
    <div className="filter-bar" role="group" aria-label={t('filter.label')}>
      <label htmlFor={`${id}-from`}>{t('filter.from')}</label>
      <input id={`${id}-from`} type="date" value={filter.fromDate} onChange={(e) => setFilter({ fromDate: e.target.value })} />
      <label htmlFor={`${id}-to`}>{t('filter.to')}</label>
      <input id={`${id}-to`} type="date" value={filter.toDate} onChange={(e) => setFilter({ toDate: e.target.value })} />
      {!valid && (
        <span className="field-error" role="alert">
          {t('filter.badPeriod')}
        </span>
      )}
      <fieldset className="chips">
        <legend>{t('filter.kinds')}</legend>
        {OBSERVATION_KINDS.map((kind) => (
          <label key={kind} className="chip">
            <input type="checkbox" checked={filter.kinds.includes(kind)} onChange={() => setFilter({ kinds: toggle(filter.kinds, kind) })} />
            {t(`codelist.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="chips">
        <legend>{t('filter.statuses')}</legend>
        {REVIEW_STATUSES.map((status) => (
          <label key={status} className="chip">
            <input
              type="checkbox"
              checked={filter.statuses.includes(status)}
              onChange={() => setFilter({ statuses: toggle(filter.statuses, status) })}
            />
            {t(`codelist.reviewStatus.${status}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
