import { useMemo } from 'react';
import { queryWords } from '../../../shared/text/text-match';
import { useServices } from '../../app/services';
import type { FilterState } from '../../filter/filter-state';
import { usePeriodRows } from '../../filter/use-filtered-index';
import type { SummarySearchState } from '../../observations/use-summary-search';
import { useSummarySearch } from '../../observations/use-summary-search';
import { filterRows } from '../../store/day-index';
import { filterColumns, toPeriodColumns } from './map-columns';
import type { MapColumns } from './map-selection';

export interface MapData {
  /** Null while loading, or when the filter's period is not valid. */
  columns: MapColumns | null;
  /** Entries that pass the filter but have neither a point nor a known place. */
  unlocated: number;
  search: SummarySearchState | null;
  invalidPeriod: boolean;
}

/**
 * The map's columns for the shared filter. The period's day rows become columns once
 * (sorted by time, sites numbered) when they are read; kinds, statuses, missions and
 * places then narrow those columns in memory, so a filter change costs one pass over
 * them and no read. Words wait for the summary search to finish (a partial search would
 * draw a map that keeps changing under the user).
 */
export function useMapColumns(filter: FilterState): MapData {
  const { store, placesById } = useServices();
  const { rows, indexFilter, filterKey } = usePeriodRows(filter);
  const period = useMemo(() => (rows === undefined ? null : toPeriodColumns(rows, placesById)), [rows, placesById]);

  // The summary search reads the records of the entries that pass the rest of the
  // filter; without words there is nothing to search and no such list to build.
  const searching = queryWords(filter.text).length > 0;
  const index = useMemo(
    () => (!searching || rows === undefined || indexFilter === null ? undefined : filterRows(rows, indexFilter)),
    // filterKey stands for indexFilter: a new object each render, the same filter.
    [searching, rows, filterKey],
  );
  const search = useSummarySearch(store.db, index, filter.text);
  const searchDone = search === null || search.finished;
  const keepIds = useMemo(() => {
    if (search?.finished !== true || index === undefined) return undefined;
    const ids = new Set<string>();
    search.mask.forEach((bit, i) => {
      if (bit === 1) ids.add(index.ids[i] ?? '');
    });
    return ids;
  }, [search, index]);

  const narrowed = useMemo(
    () => (period === null || indexFilter === null || !searchDone ? null : filterColumns(period, indexFilter, keepIds)),
    // filterKey stands for indexFilter.
    [period, filterKey, keepIds, searchDone],
  );
  return {
    columns: narrowed?.columns ?? null,
    unlocated: narrowed?.unlocated ?? 0,
    search,
    invalidPeriod: indexFilter === null,
  };
}
