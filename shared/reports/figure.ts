/**
 * One figure of a report: its value, and everything a reader needs to trust it: the
 * records behind it (ids, so a test or a reader can reconcile it and the preview can
 * open them), whether it includes unverified (submitted) records, and the method line
 * that says what was counted. The method line is an i18n key with its values: the
 * words live in the renderer's catalogue (`report.method.*`).
 */
import type { ReportRecord } from './report-record';

/** Every method line's key: each has its sentence in the catalogue (`report.method.<key>`). */
export const METHOD_KEYS = [
  'movements',
  'movementsAtPlace',
  'movementsByDirection',
  'movementsByDay',
  'entries',
  'exits',
  'presence',
  'presenceSite',
  'incidents',
  'casualties',
  'official',
  // Key figures (key-figures.ts).
  'entriesAllCountries',
  'exitsAllCountries',
  'movementsPerDay',
  // Persons seen moving per day in one country (by-day-by-country.ts).
  'movementsInCountry',
  // Demographics (demographics.ts), all over the movements measure.
  'sexAge',
  'sexAgeNotDisaggregated',
  'sexAgePartsOverTotal',
  'unaccompaniedChildren',
  'separatedChildren',
  'vulnerability',
  'nationality',
  'nationalityOther',
  'nationalityNotDisaggregated',
  'nationalityPartsOverTotal',
  // Border status changes (border-changes.ts).
  'borderChange',
  // Methodology (methodology.ts).
  'countMethodMovements',
  'countMethodPresence',
  'grade',
  'reviewStatus',
  'officialSource',
] as const;

export type MethodKey = (typeof METHOD_KEYS)[number];

export interface MethodLine {
  key: MethodKey;
  /** Values the sentence names (e.g. `places`: at how many places the persons were seen). */
  values: Record<string, number>;
}

export interface Figure {
  value: number;
  /** Number of records behind the figure (= recordIds.length where the ids are listed). */
  records: number;
  recordIds: string[];
  /** True when a submitted (not yet verified) record is among them. */
  includesSubmitted: boolean;
  method: MethodLine;
}

/**
 * Whether figures list their records' ids. The report worker computes without them
 * (withoutRecordIds): the screen opens a figure's records by filter, never by ids, and a
 * year of 100,000 records would put about 1.2 million ids in the figures, to be collected
 * and then thrown away before posting. Every other count (records, includesSubmitted) is
 * the same either way.
 */
let listingIds = true;

/** The figures `compute` makes, without their records' ids (each figure's `recordIds` empty). */
export function withoutRecordIds<T>(compute: () => T): T {
  const before = listingIds;
  listingIds = false;
  try {
    return compute();
  } finally {
    listingIds = before;
  }
}

/** Whether the figures being computed list their records' ids (see withoutRecordIds). */
export function listsRecordIds(): boolean {
  return listingIds;
}

export function emptyFigure(key: MethodKey, values: Record<string, number> = {}): Figure {
  return { value: 0, records: 0, recordIds: [], includesSubmitted: false, method: { key, values } };
}

/** Add a record's contribution to a figure. */
export function addTo(figure: Figure, record: Pick<ReportRecord, 'id' | 'reviewStatus'>, value: number): void {
  figure.value += value;
  figure.records += 1;
  if (listingIds) figure.recordIds.push(record.id);
  if (record.reviewStatus === 'submitted') figure.includesSubmitted = true;
}

/** The value in a map under a key, made when first asked for. */
export function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
