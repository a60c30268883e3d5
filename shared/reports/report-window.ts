/**
 * The spans of records a report reads besides its period: the period before it of equal
 * length (for the key figures' change), the same local dates a year before (for the
 * change against last year), and a look-back window just before the period (for "a new
 * peak" and for the border status each place had when the period began). The caller
 * loads `load` (disjoint spans, oldest first) and hands every record in them to
 * `reportFiguresOf`.
 */
import { addDays, dayYearBefore, periodDays, periodOfDays, startOfLocalDay } from './local-days';
import type { ReportPeriod } from './report-period';

/** Days before the period that a new peak is measured against and a border's earlier status is looked for. */
export const LOOK_BACK_DAYS = 90;

/**
 * The longest period and look-back window a report computes (ten years). Longer ones are
 * refused before anything is built: each day of a period is a row of every per-day
 * figure, so a period typed as years 0001 to 9999 would exhaust memory.
 */
export const MAX_REPORT_DAYS = 3660;

export interface WindowPart {
  period: ReportPeriod;
  /** Its local days, ascending. */
  days: string[];
}

export interface ReportWindow {
  current: WindowPart;
  /** The same number of local days just before the period. */
  previous: WindowPart;
  /**
   * The same local dates a year before (29 February as 28 February, so a period that
   * starts or ends on it is a day shorter or longer a year before: `days` says).
   */
  yearBefore: WindowPart;
  /** `LOOK_BACK_DAYS` (or the given number of) local days just before the period. */
  lookBack: WindowPart;
  /** The spans to load, disjoint and oldest first: every part above, merged where they touch. */
  load: ReportPeriod[];
}

function mergeSpans(spans: readonly ReportPeriod[]): ReportPeriod[] {
  const sorted = spans.filter((s) => Date.parse(s.to) > Date.parse(s.from)).sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const out: ReportPeriod[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && Date.parse(span.from) <= Date.parse(last.to)) {
      if (Date.parse(span.to) > Date.parse(last.to)) last.to = span.to;
    } else out.push({ ...span });
  }
  return out;
}

/**
 * Throws a RangeError, before computing anything, for a period or look-back window longer
 * than MAX_REPORT_DAYS; a look-back that is not a number of days (NaN, negative) is none.
 */
export function reportWindow(period: ReportPeriod, timeZone: string, lookBackDays: number = LOOK_BACK_DAYS): ReportWindow {
  // 25-hour days at most, so this bounds the local days from above.
  if ((Date.parse(period.to) - Date.parse(period.from)) / 3_600_000 > MAX_REPORT_DAYS * 25) {
    throw new RangeError(`a report period is at most ${MAX_REPORT_DAYS} days`);
  }
  const lookBack = Number.isFinite(lookBackDays) ? Math.max(0, Math.floor(lookBackDays)) : 0;
  if (lookBack > MAX_REPORT_DAYS) throw new RangeError(`a report's look-back window is at most ${MAX_REPORT_DAYS} days`);
  const days = periodDays(period, timeZone);
  if (days.length > MAX_REPORT_DAYS) throw new RangeError(`a report period is at most ${MAX_REPORT_DAYS} days`);
  const first = days[0];
  const last = days[days.length - 1];
  const current: WindowPart = { period: { from: period.from, to: period.to }, days };
  if (first === undefined || last === undefined) {
    const none = (): WindowPart => ({ period: { from: period.from, to: period.from }, days: [] });
    return { current, previous: none(), yearBefore: none(), lookBack: none(), load: [] };
  }
  // The parts before the period end where it begins, so no record falls between them.
  const before = (n: number): WindowPart => {
    if (n <= 0) return { period: { from: period.from, to: period.from }, days: [] };
    const part = { from: startOfLocalDay(addDays(first, -n), timeZone), to: period.from };
    return { period: part, days: periodDays(part, timeZone) };
  };
  const previous = before(days.length);
  const lookBackPart = before(lookBack);
  const yearPeriod = periodOfDays(dayYearBefore(first), dayYearBefore(last), timeZone);
  const yearBefore: WindowPart = { period: yearPeriod, days: periodDays(yearPeriod, timeZone) };
  return { current, previous, yearBefore, lookBack: lookBackPart, load: mergeSpans([current.period, previous.period, yearBefore.period, lookBackPart.period]) };
}
