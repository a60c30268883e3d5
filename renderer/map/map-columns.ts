import type { Place } from '../../shared/places/place';
import type { DayIndexRow } from '../store/day-index';
import type { MapColumns } from './map-selection';

/**
 * The map's columns for the day-index entries of a filter: entries sorted by time,
 * each at the record's own point or else its place's; entries with neither are left
 * out (they cannot be drawn), and so are entries `mask` leaves out. Typed arrays, so that 100,000 entries stay compact.
 */
export function toMapColumns(
  row: DayIndexRow,
  placesById: ReadonlyMap<string, Place>,
  /** One byte per entry of `row`, 1 to keep (the summary search's matches); absent keeps all. */
  mask?: Uint8Array,
): MapColumns {
  const n = row.ids.length;
  const order: number[] = [];
  const lats = new Float64Array(n);
  const lons = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] !== 1) continue;
    let lat = row.lat[i] ?? Number.NaN;
    let lon = row.lon[i] ?? Number.NaN;
    if (Number.isNaN(lat) || Number.isNaN(lon)) {
      const placeId = row.placeId[i];
      const place = placeId == null ? undefined : placesById.get(placeId);
      if (place === undefined) continue;
      lat = place.lat;
      lon = place.lon;
    }
    lats[i] = lat;
    lons[i] = lon;
    order.push(i);
  }
  const times = row.time;
  // Rows arrive day by day, mostly in order already; a stable sort keeps ties as stored.
  order.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0));
  const count = order.length;
  const columns = {
    count,
    ids: new Array<string>(count),
    time: new Float64Array(count),
    lat: new Float64Array(count),
    lon: new Float64Array(count),
    kind: new Uint8Array(count),
    persons: new Float64Array(count),
    placeId: new Array<string | null>(count),
    fromPlace: new Array<string | null>(count),
    toPlace: new Array<string | null>(count),
    fromCountry: new Array<string | null>(count),
    toCountry: new Array<string | null>(count),
  };
  for (let j = 0; j < count; j++) {
    const i = order[j] ?? 0;
    columns.ids[j] = row.ids[i] ?? '';
    columns.time[j] = times[i] ?? 0;
    columns.lat[j] = lats[i] ?? 0;
    columns.lon[j] = lons[i] ?? 0;
    columns.kind[j] = row.kind[i] ?? 0;
    columns.persons[j] = row.persons[i] ?? 0;
    columns.placeId[j] = row.placeId[i] ?? null;
    columns.fromPlace[j] = row.fromPlace[i] ?? null;
    columns.toPlace[j] = row.toPlace[i] ?? null;
    columns.fromCountry[j] = row.fromCountry[i] ?? null;
    columns.toCountry[j] = row.toCountry[i] ?? null;
  }
  return columns;
}

/** First index whose time is >= `ms` (columns are sorted by time). */
export function lowerBound(time: Float64Array, ms: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[mid] ?? 0) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The selection of entries with time in [fromMs, toMs). */
export function selectWindow(columns: MapColumns, fromMs: number, toMs: number): { start: number; end: number } {
  return { start: lowerBound(columns.time, fromMs), end: lowerBound(columns.time, toMs) };
}
