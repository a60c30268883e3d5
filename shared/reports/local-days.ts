/**
 * Calendar arithmetic on the office's local days (`YYYY-MM-DD`), and the instants they
 * begin at. A report's periods are runs of local days, so the period before, the same
 * period a year before and a look-back window are counted in local days, never in
 * 24-hour steps (a day with a daylight-saving change is 23 or 25 hours long).
 */
import type { ReportPeriod } from './report-period';
import { localDay } from './report-period';

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMs(day: string): number {
  const m = DAY.exec(day);
  if (m === null) throw new RangeError(`not a local day (YYYY-MM-DD): ${day}`);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function dayOfUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The local day `n` days after `day` (before, when n < 0). */
export function addDays(day: string, n: number): string {
  return dayOfUtcMs(utcMs(day) + n * DAY_MS);
}

/** Every local day from `first` to `last`, both included; empty when last < first. */
export function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  const end = utcMs(last);
  for (let ms = utcMs(first); ms <= end; ms += DAY_MS) out.push(dayOfUtcMs(ms));
  return out;
}

/** The same date a year before; 29 February becomes 28 February (the year before has none). */
export function dayYearBefore(day: string): string {
  const year = String(Number(day.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${year}-${monthDay}`;
}

/**
 * The instant a local day begins in a time zone, ISO. Usually local midnight; where a
 * daylight-saving change skips midnight (some zones change at 00:00), the first instant
 * that is on that day. Found by bisection between the widest offsets (UTC-12 to UTC+14),
 * so no rule about any zone's changes is assumed.
 */
export function startOfLocalDay(day: string, timeZone: string): string {
  const midnightUtc = utcMs(day);
  // Smallest instant whose local day is `day` or later: local days never run backwards.
  let lo = midnightUtc - 15 * 3_600_000;
  let hi = midnightUtc + 15 * 3_600_000;
  const onOrAfter = (ms: number): boolean => localDay(new Date(ms).toISOString(), timeZone) >= day;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (onOrAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return new Date(lo).toISOString();
}

/** The period covering local days `first` to `last`, both included. */
export function periodOfDays(first: string, last: string, timeZone: string): ReportPeriod {
  return { from: startOfLocalDay(first, timeZone), to: startOfLocalDay(addDays(last, 1), timeZone) };
}

/**
 * The local days of a period: from the local day of its start to the local day of its
 * last instant. Empty for an empty or reversed period.
 */
export function periodDays(period: ReportPeriod, timeZone: string): string[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (!(to > from)) return [];
  return daysFrom(localDay(period.from, timeZone), localDay(new Date(to - 1).toISOString(), timeZone));
}
