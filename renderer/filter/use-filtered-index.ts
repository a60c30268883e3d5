import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../app/services';
import type { SummarySearchState } from '../observations/use-summary-search';
import { useSummarySearch } from '../observations/use-summary-search';
import type { DayIndexRow } from '../store/day-index';
import type { FilterState } from './filter-state';
import { toIndexFilter } from './filter-state';

export interface FilteredIndex {
  /** Undefined while loading or when the period is not valid. */
  index: DayIndexRow | undefined;
  /** The summary search over `index` for the filter's words; null for no words. */
  search: SummarySearchState | null;
  invalidPeriod: boolean;
}

/**
 * What the list and the map both read for the shared filter: the day-index entries of
 * its period, kinds, statuses, missions and places (live), and the search of its words
 * over their summaries.
 */
export function useFilteredIndex(filter: FilterState): FilteredIndex {
  const { store } = useServices();
  const indexFilter = toIndexFilter(filter);
  const index = useLiveQuery(() => (indexFilter ? store.queryIndex(indexFilter) : undefined), [store, JSON.stringify(indexFilter)]);
  const search = useSummarySearch(store.db, index, filter.text);
  return { index, search, invalidPeriod: indexFilter === null };
}
