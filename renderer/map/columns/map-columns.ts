import type { Place } from '../../../shared/places/place';
import type { EntryMeasures } from '../../../shared/reports/entry-measures';
import { entryMeasures, range } from '../../../shared/reports/entry-measures';
import type { DayIndexRow, IndexFilter } from '../../store/day-index';
import { emptyRow, entryTest, passesCodes } from '../../store/day-index';
import type { MapColumns, MapSelection } from './map-selection';
import { numberSites } from './map-sites';

/**
 * Everything of a period the map can draw, built once per read of the day index: the
 * located entries as map columns (sorted by time, sites numbered), with the codes a
 * filter narrows by; and the entries that cannot be drawn, kept to be counted.
 */
export interface PeriodColumns {
  columns: MapColumns;
  /** Index into REVIEW_STATUSES / MISSIONS, per entry of `columns`. */
  status: Uint8Array;
  mission: Uint8Array;
  /** Entries with neither a point nor a known place. */
  unlocated: DayIndexRow;
}

/**
 * The map's columns for the day rows of a period: entries sorted by time, each at the
 * record's own point or else its place's; entries with neither are set apart (they
 * cannot be drawn). Typed arrays, so that 100,000 entries stay compact.
 */
export function toPeriodColumns(rows: readonly DayIndexRow[], placesById: ReadonlyMap<string, Place>): PeriodColumns {
  let n = 0;
  for (const row of rows) n += row.ids.length;
  // Entries as (row, position) pairs packed in one number each: rows hold at most a
  // day's records, far below 2^20.
  const refs: number[] = [];
  const times = new Float64Array(n);
  const lats = new Float64Array(n);
  const lons = new Float64Array(n);
  // Where each flat position came from: its row and its place in that row.
  const rowOf = new Int32Array(n);
  const posOf = new Int32Array(n);
  const unlocated = emptyRow('');
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? emptyRow('');
    for (let i = 0; i < row.ids.length; i++, at++) {
      rowOf[at] = r;
      posOf[at] = i;
      let lat = row.lat[i] ?? Number.NaN;
      let lon = row.lon[i] ?? Number.NaN;
      if (Number.isNaN(lat) || Number.isNaN(lon)) {
        const placeId = row.placeId[i];
        const place = placeId == null ? undefined : placesById.get(placeId);
        if (place === undefined) {
          unlocated.time.push(row.time[i] ?? Number.NaN);
          unlocated.kind.push(row.kind[i] ?? -1);
          unlocated.status.push(row.status[i] ?? -1);
          unlocated.mission.push(row.mission[i] ?? -1);
          unlocated.placeId.push(placeId ?? null);
          unlocated.ids.push(row.ids[i] ?? '');
          continue;
        }
        lat = place.lat;
        lon = place.lon;
      }
      times[at] = row.time[i] ?? 0;
      lats[at] = lat;
      lons[at] = lon;
      refs.push(at);
    }
  }
  // Rows arrive day by day, mostly in order already; a stable sort keeps ties as stored.
  refs.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0));

  const count = refs.length;
  const lat = new Float64Array(count);
  const lon = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const k = refs[j] ?? 0;
    lat[j] = lats[k] ?? 0;
    lon[j] = lons[k] ?? 0;
  }
  const { site, sites } = numberSites(lat, lon, count);
  const columns: MapColumns = {
    count,
    ids: new Array<string>(count),
    time: new Float64Array(count),
    lat,
    lon,
    kind: new Uint8Array(count),
    persons: new Float64Array(count),
    placeId: new Array<string | null>(count),
    fromPlace: new Array<string | null>(count),
    toPlace: new Array<string | null>(count),
    fromCountry: new Array<string | null>(count),
    toCountry: new Array<string | null>(count),
    // 255: not known (an entry then counts toward its kind's measure).
    measure: new Uint8Array(count).fill(255),
    site,
    sites,
  };
  const status = new Uint8Array(count);
  const mission = new Uint8Array(count);
  const ids = columns.ids as string[];
  const placeIds = columns.placeId as (string | null)[];
  const fromPlace = columns.fromPlace as (string | null)[];
  const toPlace = columns.toPlace as (string | null)[];
  const fromCountry = columns.fromCountry as (string | null)[];
  const toCountry = columns.toCountry as (string | null)[];
  for (let j = 0; j < count; j++) {
    const k = refs[j] ?? 0;
    const row = rows[rowOf[k] ?? 0];
    const i = posOf[k] ?? 0;
    if (row === undefined) continue;
    ids[j] = row.ids[i] ?? '';
    columns.time[j] = times[k] ?? 0;
    columns.kind[j] = row.kind[i] ?? 0;
    columns.persons[j] = row.persons[i] ?? 0;
    status[j] = row.status[i] ?? 0;
    mission[j] = row.mission[i] ?? 0;
    placeIds[j] = row.placeId[i] ?? null;
    fromPlace[j] = row.fromPlace[i] ?? null;
    toPlace[j] = row.toPlace[i] ?? null;
    fromCountry[j] = row.fromCountry[i] ?? null;
    toCountry[j] = row.toCountry[i] ?? null;
    if (columns.measure) columns.measure[j] = row.measure[i] ?? 255;
  }
  return { columns, status, mission, unlocated };
}

/**
 * The columns of a period narrowed by a filter (its period, kinds, statuses, missions,
 * places) and, when given, to the ids a summary search kept: what a filter change
 * costs on the map, all in memory. Sites keep their numbers. Also counts the entries
 * that pass but cannot be drawn.
 */
export function filterColumns(
  period: PeriodColumns,
  filter: IndexFilter,
  keepIds?: ReadonlySet<string>,
): { columns: MapColumns; unlocated: number } {
  const test = entryTest(filter);
  const { columns: all, status, mission } = period;
  const { start, end } = selectWindow(all, test.fromMs, test.toMs);
  const keep = new Int32Array(Math.max(0, end - start));
  let count = 0;
  for (let i = start; i < end; i++) {
    if (!passesCodes(test, all.kind[i] ?? -1, status[i] ?? -1, mission[i] ?? -1, all.placeId[i] ?? null)) continue;
    if (keepIds !== undefined && !keepIds.has(all.ids[i] ?? '')) continue;
    keep[count++] = i;
  }

  const { unlocated: u } = period;
  let unlocated = 0;
  for (let i = 0; i < u.ids.length; i++) {
    const time = u.time[i] ?? Number.NaN;
    if (!(time >= test.fromMs && time < test.toMs)) continue;
    if (!passesCodes(test, u.kind[i] ?? -1, u.status[i] ?? -1, u.mission[i] ?? -1, u.placeId[i] ?? null)) continue;
    if (keepIds !== undefined && !keepIds.has(u.ids[i] ?? '')) continue;
    unlocated++;
  }

  // Everything passed: the period's own columns, no copy.
  if (count === all.count) return { columns: all, unlocated };
  const pick = <T>(column: readonly T[]): T[] => {
    const out = new Array<T>(count);
    for (let j = 0; j < count; j++) out[j] = column[keep[j] ?? 0] as T;
    return out;
  };
  const pickTyped = <A extends Float64Array | Uint8Array | Int32Array>(column: A, out: A): A => {
    for (let j = 0; j < count; j++) out[j] = column[keep[j] ?? 0] ?? 0;
    return out;
  };
  return {
    columns: {
      count,
      ids: pick(all.ids),
      time: pickTyped(all.time, new Float64Array(count)),
      lat: pickTyped(all.lat, new Float64Array(count)),
      lon: pickTyped(all.lon, new Float64Array(count)),
      kind: pickTyped(all.kind, new Uint8Array(count)),
      persons: pickTyped(all.persons, new Float64Array(count)),
      placeId: pick(all.placeId),
      fromPlace: pick(all.fromPlace),
      toPlace: pick(all.toPlace),
      fromCountry: pick(all.fromCountry),
      toCountry: pick(all.toCountry),
      ...(all.measure ? { measure: pickTyped(all.measure, new Uint8Array(count)) } : {}),
      site: pickTyped(all.site, new Int32Array(count)),
      sites: all.sites,
    },
    unlocated,
  };
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

/**
 * The measures of a selection (shared/reports/entry-measures.ts): persons seen moving,
 * persons at sites (each site's latest count: a site is its place, else its spot).
 */
export function selectionMeasures(selection: MapSelection, positions?: ArrayLike<number>): EntryMeasures {
  const { columns } = selection;
  return entryMeasures(columns, positions ?? range(selection.start, selection.end), (i) => columns.placeId[i] ?? -1 - (columns.site[i] ?? 0));
}
