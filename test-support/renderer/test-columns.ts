/** Map columns from a few literal entries, for the map layers' tests. */
import type { ObservationKind } from '../../shared/observations/codelists';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { MapColumns } from '../../renderer/map/columns/map-selection';
import { numberSites } from '../../renderer/map/columns/map-sites';

export interface TestEntry {
  id: string;
  lat: number;
  lon: number;
  kind: ObservationKind;
  persons: number;
  /** ms since the epoch; entries must be given in time order. */
  time?: number;
  /** The record's gazetteer place, when it has one. */
  placeId?: string;
}

/** Columns given all but their sites, with the sites numbered as the period's columns number them. */
export function withSites(columns: Omit<MapColumns, 'site' | 'sites'>): MapColumns {
  return { ...columns, ...numberSites(columns.lat, columns.lon, columns.count) };
}

export function testColumns(entries: readonly TestEntry[]): MapColumns {
  const nulls = entries.map(() => null);
  return withSites({
    count: entries.length,
    ids: entries.map((e) => e.id),
    time: Float64Array.from(entries, (e, i) => e.time ?? i),
    lat: Float64Array.from(entries, (e) => e.lat),
    lon: Float64Array.from(entries, (e) => e.lon),
    kind: Uint8Array.from(entries, (e) => OBSERVATION_KINDS.indexOf(e.kind)),
    persons: Float64Array.from(entries, (e) => e.persons),
    placeId: entries.map((e) => e.placeId ?? null),
    fromPlace: nulls,
    toPlace: nulls,
    fromCountry: nulls,
    toCountry: nulls,
  });
}
