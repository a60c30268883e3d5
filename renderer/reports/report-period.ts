import type { ReportPeriod } from '../../shared/reports/report-period';

/** `YYYY-MM-DD` of a date in local time, as `<input type="date">` uses. */
export function toDateInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The report period from two local dates, the second inclusive: from local midnight
 * of `from` to local midnight after `to`. Null when a date is missing or reversed.
 */
export function periodFromDates(from: string, to: string): ReportPeriod | null {
  const start = new Date(`${from}T00:00:00`);
  const end = new Date(`${to}T00:00:00`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) return null;
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** The default period: the seven days ending today. */
export function defaultDates(now: Date): { from: string; to: string } {
  const start = new Date(now);
  start.setDate(start.getDate() - 6);
  return { from: toDateInput(start), to: toDateInput(now) };
}
