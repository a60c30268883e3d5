/**
 * The report's header lines: as-of time, period, issuing office, the next report, the
 * filter, and what was counted. A training report says it on every page (watermark).
 */
import type { ReportPeriod } from '../../../shared/reports/report-period';
import { formatDateTime, t } from '../../i18n/i18n';
import { dayText } from './change-text';

export interface HeaderInput {
  period: ReportPeriod;
  /** The period's first and last local dates (`YYYY-MM-DD`), as the analyst chose them. */
  fromDate: string;
  toDate: string;
  asOf: Date;
  office: string;
  filterText: string;
  includeSubmitted: boolean;
  training: boolean;
}

const DAY_MS = 86_400_000;

/** Local days in the period, counted by dates so that a change of summer time is no fraction. */
export function periodDays(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The next report covers the next period of equal length: it is due on the day after that period ends. */
export function nextReportDate(fromDate: string, toDate: string): string {
  const days = periodDays(fromDate, toDate);
  return new Date(Date.parse(`${toDate}T12:00:00Z`) + (days + 1) * DAY_MS).toISOString().slice(0, 10);
}

export function headerLines(input: HeaderInput): string[] {
  return [
    t('report.asOf', { date: formatDateTime(input.asOf.toISOString()) }),
    t('report.periodLine', { from: dayText(input.fromDate), to: dayText(input.toDate), count: periodDays(input.fromDate, input.toDate) }),
    ...(input.office ? [t('report.issuedBy', { office: input.office })] : []),
    t('report.nextReport', { date: dayText(nextReportDate(input.fromDate, input.toDate)) }),
    t('report.filterLine', { filter: input.filterText }),
    `${t(input.includeSubmitted ? 'report.countsSubmitted' : 'report.countsVerified')} ${t(input.training ? 'report.trainingOnly' : 'report.trainingExcluded')}`,
  ];
}
