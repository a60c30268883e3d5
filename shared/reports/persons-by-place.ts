/**
 * The figures of the skeleton situation report: persons by place for a period.
 * Every total is the plain sum of the records behind it, so the report reconciles
 * exactly with the data (`recordIds` lets a test, or a reader, check that).
 */
import type { Observation } from '../observations/observation-schema';

export interface PlaceTotal {
  /** Gazetteer place id, or null for records located by coordinates only. */
  placeId: string | null;
  records: number;
  persons: number;
  recordIds: string[];
}

export interface PersonsByPlace {
  rows: PlaceTotal[];
  totalPersons: number;
  totalRecords: number;
}

export interface ReportPeriod {
  /** Inclusive start, ISO instant. */
  from: string;
  /** Exclusive end, ISO instant. */
  to: string;
}

export function inPeriod(record: Observation, period: ReportPeriod): boolean {
  const at = Date.parse(record.observedStart);
  return at >= Date.parse(period.from) && at < Date.parse(period.to);
}

/** Sum persons by place over the live (not deleted) records of the period; largest first. */
export function personsByPlace(records: readonly Observation[], period: ReportPeriod): PersonsByPlace {
  const byPlace = new Map<string | null, PlaceTotal>();
  let totalPersons = 0;
  let totalRecords = 0;
  for (const record of records) {
    if (record.deleted || !inPeriod(record, period)) continue;
    const row = byPlace.get(record.placeId) ?? { placeId: record.placeId, records: 0, persons: 0, recordIds: [] };
    row.records += 1;
    row.persons += record.totalPersons;
    row.recordIds.push(record.id);
    byPlace.set(record.placeId, row);
    totalPersons += record.totalPersons;
    totalRecords += 1;
  }
  const rows = [...byPlace.values()].sort(
    (a, b) => b.persons - a.persons || (a.placeId ?? '\uffff').localeCompare(b.placeId ?? '\uffff'),
  );
  return { rows, totalPersons, totalRecords };
}
