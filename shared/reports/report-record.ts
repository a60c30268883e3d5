/**
 * What a report reads of a record, and nothing else: every figure function of
 * shared/reports takes these, so the compiler holds them to it. The report worker's
 * per-day cache (renderer/reports/compute/report-days.ts) keeps exactly
 * REPORT_RECORD_FIELDS of each record: a field a figure needs and the cache lacked would
 * not compile, rather than count as absent. Fewer columns also read and rebuild faster.
 */
import type { Observation } from '../observations/observation-schema';

/** Some fields of a detail group (null where the record's group may be null). */
type Detail<T, F extends keyof NonNullable<T>> = Pick<NonNullable<T>, F> | Extract<T, null>;

export type ReportRecord = Pick<
  Observation,
  'id' | 'kind' | 'mission' | 'placeId' | 'country' | 'observedStart' | 'observedEnd' | 'reportedAt' | 'reviewStatus' | 'training' | 'deleted' | 'totalPersons' | 'location' | 'nationalities' | 'vulnerabilities'
> & {
  counts?: Detail<Observation['counts'], 'men' | 'women' | 'boys' | 'girls' | 'unaccompaniedChildren' | 'separatedChildren' | 'method'>;
  movement?: Detail<Observation['movement'], 'direction' | 'fromPlaceId' | 'fromCountry' | 'toPlaceId' | 'toCountry'>;
  incident?: Detail<Observation['incident'], 'type' | 'dead' | 'injured' | 'missing'>;
  site?: Detail<Observation['site'], 'capacity' | 'occupancy'>;
  borderStatus?: Detail<Observation['borderStatus'], 'status' | 'nationalityFilter'>;
  source?: Detail<Observation['source'], 'type' | 'name' | 'reliability' | 'credibility'>;
  /**
   * observedStart as epoch milliseconds, where the reader has it already (the report's
   * per-day cache keeps it): a year's report read each record's time three or four times,
   * and parsing the text each time cost a tenth of the report. Read it with startOf.
   */
  observedAt?: number;
};

/** A record's observedStart in epoch milliseconds. */
export function startOf(record: Pick<ReportRecord, 'observedStart' | 'observedAt'>): number {
  return record.observedAt ?? Date.parse(record.observedStart);
}

/** true: the field kept whole; an object: only the fields it names (of a detail group). */
type FieldShape<T> = { [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? true : NonNullable<T[K]> extends object ? FieldShape<NonNullable<T[K]>> : true };

/** Every field of ReportRecord, as the cache keeps it (the type requires each one listed). */
export const REPORT_RECORD_FIELDS: FieldShape<ReportRecord> = {
  id: true,
  kind: true,
  mission: true,
  placeId: true,
  country: true,
  observedStart: true,
  observedEnd: true,
  reportedAt: true,
  reviewStatus: true,
  training: true,
  deleted: true,
  totalPersons: true,
  location: { lat: true, lon: true },
  nationalities: true,
  vulnerabilities: true,
  counts: { men: true, women: true, boys: true, girls: true, unaccompaniedChildren: true, separatedChildren: true, method: true },
  movement: { direction: true, fromPlaceId: true, fromCountry: true, toPlaceId: true, toCountry: true },
  incident: { type: true, dead: true, injured: true, missing: true },
  site: { capacity: true, occupancy: true },
  borderStatus: { status: true, nationalityFilter: true },
  source: { type: true, name: true, reliability: true, credibility: true },
  observedAt: true,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function project(value: unknown, shape: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    if (!Object.hasOwn(value as object, key)) continue;
    const inner = (value as Record<string, unknown>)[key];
    if (inner === undefined) continue;
    const sub = shape[key];
    out[key] = sub !== true && isPlainObject(inner) ? project(inner, sub as Readonly<Record<string, unknown>>) : inner;
  }
  return out;
}

/** The fields of a record a report reads (REPORT_RECORD_FIELDS), a new object; detail groups hold only their listed fields. */
export function reportRecordOf(record: ReportRecord): ReportRecord {
  return project(record, REPORT_RECORD_FIELDS) as unknown as ReportRecord;
}
