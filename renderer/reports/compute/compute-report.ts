/**
 * Every figure of a report from the records of its window: the one function the report
 * worker runs, and the screen runs itself where no worker can start (unit tests in jsdom).
 * What goes back to the screen holds no record ids (computed without: figure.ts says why), and
 * the counted records of the period grouped as the report's map draws them.
 */
import type { ReportRecord } from '../../../shared/reports/report-record';
import { withoutRecordIds } from '../../../shared/reports/figure';
import { countedReportFiguresOf } from '../../../shared/reports/report-figures';
import { mapGroupsOf } from './map-records';
import type { ReportFigures, ReportJob } from './report-job';

export function computeReport(records: readonly ReportRecord[], job: Omit<ReportJob, 'databaseName' | 'dataKey'>): ReportFigures {
  // Without record ids: the screen opens a figure's records by filter, never by ids (figure.ts says why).
  const { figures, counted } = withoutRecordIds(() => countedReportFiguresOf(records, {
    period: job.period,
    includeSubmitted: job.includeSubmitted,
    training: job.training,
    timeZone: job.timeZone,
    places: new Map(job.places),
    showSourceNames: job.showSourceNames,
    scope: job.scope,
  }));
  return { ...figures, mapGroups: mapGroupsOf(counted) };
}
