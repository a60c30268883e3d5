import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useServices } from '../app/services';
import type { SummarySearchState } from '../observations/use-summary-search';
import { useSummarySearch } from '../observations/use-summary-search';
import type { DayIndexRow, IndexFilter } from '../store/day-index';
import { filterRows } from '../store/day-index';
import type { FilterState } from './filter-state';
import { toIndexFilter } from './filter-state';

export interface PeriodRows {
  /** The day rows of the filter's period, unfiltered; undefined while loading or when the period is not valid. */
  rows: DayIndexRow[] | undefined;
  /** The filter as the day index reads it; null when its period is not valid. */
  indexFilter: IndexFilter | null;
  /** The same, as a string: stable across renders while the filter stays the same. */
  filterKey: string;
}

/**
 * The day rows of the shared filter's period, read live (again when records of the
 * period change, or the period does). Kinds, statuses, missions and places narrow them
 * in memory: ticking a kind reads nothing from IndexedDB.
 */
export function usePeriodRows(filter: FilterState): PeriodRows {
  const { store } = useServices();
  const indexFilter = toIndexFilter(filter);
  const from = indexFilter?.from ?? null;
  const to = indexFilter?.to ?? null;
  const rows = useLiveQuery(() => (from !== null && to !== null ? store.periodRows({ from, to }) : undefined), [store, from, to]);
  return { rows: indexFilter === null ? undefined : rows, indexFilter, filterKey: JSON.stringify(indexFilter) };
}

export interface FilteredIndex {
  /** Undefined while loading or when the period is not valid. */
  index: DayIndexRow | undefined;
  /** The summary search over `index` for the filter's words; null for no words. */
  search: SummarySearchState | null;
  invalidPeriod: boolean;
}

/**
 * What the list reads for the shared filter: the day-index entries of its period,
 * kinds, statuses, missions and places (live), and the search of its words over their
 * summaries.
 */
export function useFilteredIndex(filter: FilterState): FilteredIndex {
  const { store } = useServices();
  const { rows, indexFilter, filterKey } = usePeriodRows(filter);
  // filterKey stands for indexFilter: a new object each render, the same filter.
  const index = useMemo(() => (rows === undefined || indexFilter === null ? undefined : filterRows(rows, indexFilter)), [rows, filterKey]);
  const search = useSummarySearch(store.db, index, filter.text);
  return { index, search, invalidPeriod: indexFilter === null };
}
