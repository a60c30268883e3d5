/**
 * The compact derived index of the observations: one row per UTC day, holding the
 * few fields the map and the list filter and draw on, column by column. Screens read
 * these rows for a period instead of the full records (reading 100,000 full records
 * from IndexedDB costs seconds; their day rows, a small fraction of that), and fetch
 * full records only for what is on screen.
 *
 * Kept in step with the records in the same transaction by `reindex`.
 */
import { MISSIONS, OBSERVATION_KINDS, REVIEW_STATUSES } from '../../shared/observations/codelists';
import type { Mission, ObservationKind, ReviewStatus } from '../../shared/observations/codelists';
import type { Observation } from '../../shared/observations/observation-schema';
import { MEASURES } from '../../shared/reports/entry-measures';
import { measureOf } from '../../shared/reports/measure-kinds';

/** One UTC day of live (not deleted) observations, as parallel columns. */
export interface DayIndexRow {
  /** `YYYY-MM-DD` (UTC) of `observedStart`. */
  day: string;
  ids: string[];
  /** observedStart in ms since the epoch. */
  time: number[];
  /** The record's own point, or NaN when it is located by its place only. */
  lat: number[];
  lon: number[];
  placeId: (string | null)[];
  /** Index into OBSERVATION_KINDS / REVIEW_STATUSES / MISSIONS. */
  kind: number[];
  status: number[];
  mission: number[];
  persons: number[];
  /** The movement's from/to place (gazetteer id) and country (alpha-2), or null (v4). */
  fromPlace: (string | null)[];
  toPlace: (string | null)[];
  fromCountry: (string | null)[];
  toCountry: (string | null)[];
  /**
   * The measure the record counts toward (index into MEASURES, shared/reports): it
   * depends on the count method too, which no other column holds, so that the map's
   * header, its badges and the list's totals count as the report does (v8).
   */
  measure: number[];
}

export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** A day row with no entries. */
export function emptyRow(day: string): DayIndexRow {
  return {
    day,
    ids: [],
    time: [],
    lat: [],
    lon: [],
    placeId: [],
    kind: [],
    status: [],
    mission: [],
    persons: [],
    fromPlace: [],
    toPlace: [],
    fromCountry: [],
    toCountry: [],
    measure: [],
  };
}

const COLUMNS = [
  'ids',
  'time',
  'lat',
  'lon',
  'placeId',
  'kind',
  'status',
  'mission',
  'persons',
  'fromPlace',
  'toPlace',
  'fromCountry',
  'toCountry',
  'measure',
] as const;

function removeAt(row: DayIndexRow, index: number): void {
  for (const column of COLUMNS) row[column].splice(index, 1);
}

function append(row: DayIndexRow, record: Observation): void {
  row.ids.push(record.id);
  row.time.push(Date.parse(record.observedStart));
  row.lat.push(record.location?.lat ?? Number.NaN);
  row.lon.push(record.location?.lon ?? Number.NaN);
  row.placeId.push(record.placeId);
  row.kind.push(OBSERVATION_KINDS.indexOf(record.kind));
  row.status.push(REVIEW_STATUSES.indexOf(record.reviewStatus));
  row.mission.push(MISSIONS.indexOf(record.mission));
  row.persons.push(record.totalPersons);
  const movement = record.movement ?? null;
  row.fromPlace.push(movement?.fromPlaceId ?? null);
  row.toPlace.push(movement?.toPlaceId ?? null);
  row.fromCountry.push(movement?.fromCountry ?? null);
  row.toCountry.push(movement?.toCountry ?? null);
  row.measure.push(MEASURES.indexOf(measureOf(record)));
}

/**
 * The day rows to write after `before` records became `after` records (same order;
 * `undefined` before = new record). `load` fetches the current rows of the days
 * touched. Returns the rows to put (empty rows included: callers delete those).
 */
export async function reindex(
  before: readonly (Observation | undefined)[],
  after: readonly Observation[],
  load: (days: string[]) => Promise<(DayIndexRow | undefined)[]>,
): Promise<DayIndexRow[]> {
  const days = new Set<string>();
  before.forEach((record) => {
    if (record && !record.deleted) days.add(dayOf(record.observedStart));
  });
  after.forEach((record) => {
    if (!record.deleted) days.add(dayOf(record.observedStart));
  });
  if (days.size === 0) return [];
  const dayList = [...days];
  const loaded = await load(dayList);
  const rows = new Map(dayList.map((day, i) => [day, loaded[i] ?? emptyRow(day)]));
  before.forEach((record) => {
    if (!record || record.deleted) return;
    const row = rows.get(dayOf(record.observedStart));
    const index = row ? row.ids.indexOf(record.id) : -1;
    if (row && index >= 0) removeAt(row, index);
  });
  for (const record of after) {
    if (record.deleted) continue;
    const row = rows.get(dayOf(record.observedStart));
    if (row) append(row, record);
  }
  return [...rows.values()];
}

/** What a screen filters on. Empty or absent lists mean "all". */
export interface IndexFilter {
  /** Inclusive start and exclusive end, ISO instants. */
  from: string;
  to: string;
  kinds?: readonly ObservationKind[];
  statuses?: readonly ReviewStatus[];
  missions?: readonly Mission[];
  placeIds?: readonly string[];
}

/**
 * A filter ready to test entries with: the period as ms, each list as a set of the
 * codelist indexes the day index stores (null: all). One place for what "passes the
 * filter" means, for the day rows (the list) and the map's columns alike.
 */
export interface EntryTest {
  fromMs: number;
  toMs: number;
  kinds: ReadonlySet<number> | null;
  statuses: ReadonlySet<number> | null;
  missions: ReadonlySet<number> | null;
  places: ReadonlySet<string> | null;
}

export function entryTest(filter: IndexFilter): EntryTest {
  return {
    fromMs: Date.parse(filter.from),
    toMs: Date.parse(filter.to),
    kinds: filter.kinds?.length ? new Set(filter.kinds.map((k) => OBSERVATION_KINDS.indexOf(k))) : null,
    statuses: filter.statuses?.length ? new Set(filter.statuses.map((s) => REVIEW_STATUSES.indexOf(s))) : null,
    missions: filter.missions?.length ? new Set(filter.missions.map((m) => MISSIONS.indexOf(m))) : null,
    places: filter.placeIds?.length ? new Set(filter.placeIds) : null,
  };
}

/** Whether an entry with these codes passes the test, its period aside. */
export function passesCodes(test: EntryTest, kind: number, status: number, mission: number, placeId: string | null): boolean {
  if (test.kinds !== null && !test.kinds.has(kind)) return false;
  if (test.statuses !== null && !test.statuses.has(status)) return false;
  if (test.missions !== null && !test.missions.has(mission)) return false;
  return test.places === null || test.places.has(placeId ?? '');
}

/** The entries of some day rows that pass a filter, as one set of columns. */
export function filterRows(rows: readonly DayIndexRow[], filter: IndexFilter): DayIndexRow {
  const out = emptyRow('');
  const test = entryTest(filter);
  for (const row of rows) {
    for (let i = 0; i < row.ids.length; i++) {
      const time = row.time[i] ?? Number.NaN;
      if (!(time >= test.fromMs && time < test.toMs)) continue;
      if (!passesCodes(test, row.kind[i] ?? -1, row.status[i] ?? -1, row.mission[i] ?? -1, row.placeId[i] ?? null)) continue;
      for (const column of COLUMNS) (out[column] as unknown[]).push(row[column][i]);
    }
  }
  return out;
}
