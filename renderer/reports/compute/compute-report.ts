/**
 * Every figure of a report from the records of its window: the one function the report
 * worker runs, and the screen runs itself where no worker can start (unit tests in jsdom).
 */
import type { Observation } from '../../../shared/observations/observation-schema';
import { measuresOf } from '../../../shared/reports/measures';
import { mapRecordOf } from './map-records';
import type { ReportFigures, ReportJob } from './report-job';

export function computeReport(records: readonly Observation[], job: Omit<ReportJob, 'databaseName'>): ReportFigures {
  const measures = measuresOf(records, job.period, {
      includeSubmitted: job.includeSubmitted,
      training: job.training,
      timeZone: job.timeZone,
      places: new Map(job.places),
      showSourceNames: job.showSourceNames,
      scope: job.scope,
    });
  const counted = new Set(measures.recordIds);
  return { measures, mapRecords: records.filter((r) => counted.has(r.id)).map(mapRecordOf) };
}
