/**
 * A report's period and the office's local days. The period is built from local dates
 * (the office's midnight to the midnight after the last day), so its ends are instants;
 * a record's day is its local day in the office's time zone, never its UTC date.
 */

export interface ReportPeriod {
  /** Inclusive start, ISO instant. */
  from: string;
  /** Exclusive end, ISO instant. */
  to: string;
}

/** Whether a record's start lies in the period: [from, to). */
export function inPeriod(record: { observedStart: string }, period: ReportPeriod): boolean {
  const at = Date.parse(record.observedStart);
  return at >= Date.parse(period.from) && at < Date.parse(period.to);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `YYYY-MM-DD` of an instant in a time zone (IANA name, e.g. `Europe/Belgrade`): 23:30 UTC
 * on a summer day is already the next day in Belgrade.
 */
export function localDay(iso: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
