import { useMemo } from 'react';
import { useServices } from '../app/services';
import type { FilterState } from '../filter/filter-state';
import { useFilteredIndex } from '../filter/use-filtered-index';
import type { SummarySearchState } from '../observations/use-summary-search';
import { toMapColumns } from './map-columns';
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
 * The map's columns for the shared filter: the day index for the period, kinds,
 * statuses, missions and places, then the summary search's matches once it has
 * finished (a partial search would draw a map that keeps changing under the user).
 */
export function useMapColumns(filter: FilterState): MapData {
  const { placesById } = useServices();
  const { index, search, invalidPeriod } = useFilteredIndex(filter);
  const searchDone = search === null || search.finished;
  const mask = search?.finished === true ? search.mask : undefined;
  const columns = useMemo(
    () => (index === undefined || !searchDone ? null : toMapColumns(index, placesById, mask)),
    [index, placesById, mask, searchDone],
  );
  let matching = index?.ids.length ?? 0;
  if (mask !== undefined) matching = mask.reduce((sum, bit) => sum + bit, 0);
  return {
    columns,
    unlocated: columns === null ? 0 : matching - columns.count,
    search,
    invalidPeriod,
  };
}
