/**
 * A report's period and the office's local days. The period is built from local dates
 * (the office's midnight to the midnight after the last day), so its ends are instants;
 * a record's day is its local day in the office's time zone, never its UTC date.
 */
import { startOf } from './report-record';

export interface ReportPeriod {
  /** Inclusive start, ISO instant. */
  from: string;
  /** Exclusive end, ISO instant. */
  to: string;
}

// The bounds of the period last asked about, parsed: a report asks about one period for
// each of 100,000 records, and parsing its two bounds every time tripled the cost.
let bounds = { from: '', to: '', fromMs: NaN, toMs: NaN };

/** Whether a record's start lies in the period: [from, to). */
export function inPeriod(record: { observedStart: string; observedAt?: number }, period: ReportPeriod): boolean {
  if (period.from !== bounds.from || period.to !== bounds.to) {
    bounds = { from: period.from, to: period.to, fromMs: Date.parse(period.from), toMs: Date.parse(period.to) };
  }
  const at = startOf(record);
  return at >= bounds.fromMs && at < bounds.toMs;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

const HOUR = 3_600_000;
/** Above this many hours held for one zone the cache starts again (a year is 8,760). */
const MAX_CACHED_HOURS = 50_000;
/**
 * Local day of each UTC hour, by zone: the hour's local day when its first and last
 * millisecond fall on the same local day, else null (a local midnight inside the hour,
 * as with a half-hour offset: such an instant is formatted on its own). A report formats
 * a day for each of 100,000 records, and Intl formatting costs about 1.5 µs a call, so
 * records share their hour's answer. The answer is the same as formatting each instant:
 * local time never runs backwards across a midnight within one hour.
 */
const hourDays = new Map<string, Map<number, string | null>>();

/**
 * `YYYY-MM-DD` of an instant in a time zone (IANA name, e.g. `Europe/Belgrade`): 23:30 UTC
 * on a summer day is already the next day in Belgrade.
 */
export function localDay(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  // An unreadable instant is formatted as before (and throws as before).
  if (Number.isNaN(at)) return dayFormat(timeZone).format(new Date(iso));
  return localDayAt(at, timeZone);
}

/** localDay of an instant in epoch milliseconds. */
export function localDayAt(at: number, timeZone: string): string {
  const format = dayFormat(timeZone);
  let hours = hourDays.get(timeZone);
  if (hours === undefined || hours.size > MAX_CACHED_HOURS) {
    hours = new Map();
    hourDays.set(timeZone, hours);
  }
  const hour = Math.floor(at / HOUR);
  let day = hours.get(hour);
  if (day === undefined) {
    const first = format.format(hour * HOUR);
    day = first === format.format(hour * HOUR + HOUR - 1) ? first : null;
    hours.set(hour, day);
  }
  return day ?? format.format(at);
}
