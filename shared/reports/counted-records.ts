/**
 * Which records a report counts. Verified records only by default: a figure the office
 * issues stands on reviewed data. `includeSubmitted` also counts records waiting for
 * review (each figure that includes one says so). Drafts, returned and rejected records
 * never count; deleted records (tombstones) never. Training records (generated for demos)
 * count only in a training report, and a training report counts nothing else, so the
 * two are never mixed.
 */
import type { Mission, ObservationKind } from '../observations/codelists';
import type { ReportRecord } from './report-record';
import type { ReportPeriod } from './report-period';
import { inPeriod } from './report-period';

export interface CountOptions {
  includeSubmitted: boolean;
  training: boolean;
}

/** What else narrows the records: the shared filter's kinds, missions and places (empty: all). */
export interface RecordScope {
  kinds?: readonly ObservationKind[];
  missions?: readonly Mission[];
  placeIds?: readonly string[];
}

export function countsInReport(record: ReportRecord, options: CountOptions): boolean {
  if (record.deleted) return false;
  if ((record.training === true) !== options.training) return false;
  return record.reviewStatus === 'verified' || (options.includeSubmitted && record.reviewStatus === 'submitted');
}

export function inScope(record: ReportRecord, scope: RecordScope): boolean {
  if (scope.kinds?.length && !scope.kinds.includes(record.kind)) return false;
  if (scope.missions?.length && !scope.missions.includes(record.mission)) return false;
  return !scope.placeIds?.length || (record.placeId !== null && scope.placeIds.includes(record.placeId));
}

/** The records of the period and scope that count, in their given order. */
export function countedRecords(
  records: readonly ReportRecord[],
  period: ReportPeriod,
  options: CountOptions,
  scope: RecordScope = {},
): ReportRecord[] {
  return records.filter((record) => countsInReport(record, options) && inPeriod(record, period) && inScope(record, scope));
}
