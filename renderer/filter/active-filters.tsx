import { useId } from 'react';
import type { ReactNode } from 'react';
import type { Place } from '../../shared/places/place';
import { queryWords } from '../../shared/text/text-match';
import { codelistLabel } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';
import { clearedFilter, hasNarrowing } from './filter-state';
import type { FilterState } from './filter-state';
import { X } from 'lucide-react';

interface ActiveFilter {
  key: string;
  /** What the chip says, e.g. "Mission: Serbia". */
  label: string;
  /** The filter without this one. */
  without: Partial<FilterState>;
}

/** Every narrowing choice of a filter as a removable item, in the order of the bar. */
export function activeFilters(filter: FilterState, placesById: ReadonlyMap<string, Place>): ActiveFilter[] {
  const items: ActiveFilter[] = [];
  const words = filter.text.trim();
  if (queryWords(words).length > 0) items.push({ key: 'text', label: t('filter.chip.text', { value: words }), without: { text: '' } });
  for (const placeId of filter.placeIds) {
    items.push({
      key: `place:${placeId}`,
      label: t('filter.chip.place', { value: placesById.get(placeId)?.name ?? placeId }),
      without: { placeIds: filter.placeIds.filter((p) => p !== placeId) },
    });
  }
  for (const kind of filter.kinds) {
    items.push({ key: `kind:${kind}`, label: t('filter.chip.kind', { value: codelistLabel('kind', kind) }), without: { kinds: filter.kinds.filter((k) => k !== kind) } });
  }
  for (const status of filter.statuses) {
    items.push({
      key: `status:${status}`,
      label: t('filter.chip.status', { value: codelistLabel('reviewStatus', status) }),
      without: { statuses: filter.statuses.filter((s) => s !== status) },
    });
  }
  for (const mission of filter.missions) {
    items.push({
      key: `mission:${mission}`,
      label: t('filter.chip.mission', { value: codelistLabel('mission', mission) }),
      without: { missions: filter.missions.filter((m) => m !== mission) },
    });
  }
  return items;
}

interface ActiveFiltersProps {
  filter: FilterState;
  placesById: ReadonlyMap<string, Place>;
  setFilter: (patch: Partial<FilterState>) => void;
  /** Shown at the end of the line (the list's search progress). */
  children?: ReactNode;
  /**
   * Keep the line when nothing narrows, saying so: the screen below keeps its height
   * when a filter is chosen (the map would otherwise shift and redraw on every choice).
   */
  keepLine?: boolean;
}

/** What narrows the list now, each removable on its own, and "Clear filters" for all of them (the period stays). */
export function ActiveFilters({ filter, placesById, setFilter, children, keepLine = false }: ActiveFiltersProps) {
  const id = useId();
  if (!hasNarrowing(filter)) {
    if (!keepLine) return null;
    return (
      <div className="active-filters active-filters-none">
        <span className="filter-label">{t('filter.noneActive')}</span>
        {children}
      </div>
    );
  }
  const items = activeFilters(filter, placesById);
  return (
    <div className="active-filters">
      <span className="filter-label" id={`${id}-label`}>
        {t('filter.active')}
      </span>
      <ul aria-labelledby={`${id}-label`}>
        {items.map((item) => (
          <li key={item.key} className="active-chip">
            <span>{item.label}</span>
            <button type="button" aria-label={t('filter.remove', { label: item.label })} title={t('filter.remove', { label: item.label })} onClick={() => setFilter(item.without)}>
              <X aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary small-button" onClick={() => setFilter(clearedFilter(filter))}>
        {t('filter.clear')}
      </button>
      {children}
    </div>
  );
}
