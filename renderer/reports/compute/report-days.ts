/**
 * The report worker's per-day cache of the records (ReportDayRow, kept a month to a row:
 * ReportMonthRow, renderer/store/database.ts).
 *
 * Why: a report of a year reads the year, the period before it, the same period a year
 * before and a look-back window. Read as whole records, 100,000 of them took 2.7 s in
 * the worker, most of it IndexedDB rebuilding each record as an object. A day of records
 * kept as columns of plain values reads back many times faster, and the records are
 * rebuilt from the columns in the worker at a fraction of the cost.
 *
 * What a day row holds: each live record of the day as the report reads it, flattened to
 * paths (['incident', 'dead']) and their values, column by column, in the order the
 * observedStart index gives (the order a read of the records gives). Not the summary
 * (no figure reads it) and not the envelope. The sensitive fields are not in the clear
 * record; the one a report shows, an official figure's source name, is kept per day as
 * one envelope sealed under the data key, bound to the day and the version.
 *
 * Valid while the day's version (DayVersionRow) is the one it was built from: every
 * write of a record of the day gives the day a new version in the write's own
 * transaction, so a stale row is rebuilt, never read. Built by the worker the first time
 * a report reads the day, written only if the day's version is still the one read.
 */
import type { Observation } from '../../../shared/observations/observation-schema';
import { measureOf } from '../../../shared/reports/measure-kinds';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import { startOf } from '../../../shared/reports/report-record';
import type { ReportRecord } from '../../../shared/reports/report-record';
import { inPeriod } from '../../../shared/reports/report-period';
import { placeOf } from '../../crypto/record-cipher';
import type { RecordCipher } from '../../crypto/record-cipher';
import type { ReportDayRow, ReportMonthRow, RoutewatchDatabase } from '../../store/database';
import { openRecord, splitSensitive } from '../../store/sealed-rows';
import type { StoredObservation } from '../../store/sealed-rows';
import { columnsOf, reportRecordsOf } from './cached-records';

/**
 * The layout of the rows written today: a row of another layout is built again.
 * 3: only the fields of REPORT_RECORD_FIELDS (2 kept every field but a few);
 * 4: the WHOLE_GROUPS as one value each; 5: with observedAt; 6: 'text' and 'list' columns;
 * 7: whole numbers in 32 bits, codes in 8 or 16 where they fit.
 */
export const REPORT_DAY_LAYOUT = 7;

const namesPlace = (day: string, version: string): string => placeOf('reportDays', day, ['sourceNames', version]);

/** A day as read whole: its clear records (live, in index order) and the official figures' source names by record index. */
interface ReadDay {
  day: string;
  version: string;
  clear: Observation[];
  names: Map<number, string>;
}

/** The day's stored records opened as far as the report needs: the official figures' source names. */
async function openDay(day: string, version: string, stored: readonly StoredObservation[], cipher: RecordCipher): Promise<ReadDay> {
  const clear = stored.map((row) => {
    const { sealed: _sealed, ...rest } = row;
    return splitSensitive(rest).clear;
  });
  const names = new Map<number, string>();
  await Promise.all(
    stored.map(async (row, i) => {
      if (measureOf(row) !== 'official') return;
      const name = (await openRecord(row, cipher)).source?.name;
      if (typeof name === 'string') names.set(i, name);
    }),
  );
  return { day, version, clear, names };
}

/** The cache row of a day read whole: its records as columns, the names sealed as one envelope. */
export async function buildDay(read: ReadDay, cipher: RecordCipher): Promise<ReportDayRow> {
  const names = [...read.names].sort((a, b) => a[0] - b[0]);
  return { day: read.day, version: read.version, layout: REPORT_DAY_LAYOUT, ...columnsOf(read.clear), sealedNames: names.length === 0 ? null : await cipher.seal(names, namesPlace(read.day, read.version)) };
}

/** The source names of the row's official figures by record index; none when its envelope does not open (read as not recorded, as a damaged record's are). */
async function namesOf(row: ReportDayRow, cipher: RecordCipher): Promise<Map<number, string>> {
  if (row.sealedNames === null) return new Map();
  try {
    const pairs = await cipher.open(row.sealedNames, namesPlace(row.day, row.version));
    return Array.isArray(pairs) ? new Map(pairs.filter((p): p is [number, string] => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'string')) : new Map();
  } catch {
    return new Map();
  }
}

/** The UTC days (`YYYY-MM-DD`) the spans touch, oldest first. */
export function utcDaysOf(spans: readonly ReportPeriod[]): string[] {
  const days = new Set<string>();
  for (const span of spans) {
    const from = Date.parse(span.from);
    const to = Date.parse(span.to);
    if (!(to > from)) continue;
    for (let t = Date.UTC(new Date(from).getUTCFullYear(), new Date(from).getUTCMonth(), new Date(from).getUTCDate()); t < to; t += 86_400_000) days.add(new Date(t).toISOString().slice(0, 10));
  }
  return [...days].sort();
}

export interface WindowOptions {
  cipher: RecordCipher;
  /** Source names of the period's official figures are opened only when the report names its sources. */
  showSourceNames: boolean;
  period: ReportPeriod;
  progress?: (done: number, total: number) => void;
}

/**
 * The live records in the spans, oldest first, as readWindow gives them (without the
 * summary; official figures of the period with their source names when asked), from the
 * cache, building the days it lacks or holds stale.
 */
export async function readCachedWindow(db: RoutewatchDatabase, spans: readonly ReportPeriod[], options: WindowOptions): Promise<{ records: ReportRecord[]; built: number; persist: () => Promise<number> }> {
  const days = utcDaysOf(spans);
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return { records: [], built: 0, persist: () => Promise.resolve(0) };
  const wanted = new Set(days);
  const [versions, months] = await db.transaction('r', db.dayVersions, db.reportMonths, () =>
    Promise.all([db.dayVersions.where('day').between(first, last, true, true).toArray(), db.reportMonths.where('month').between(monthOf(first), monthOf(last), true, true).toArray()]),
  );
  const cache = new Map(months.flatMap((month) => month.days).map((row) => [row.day, row]));
  const rows = new Map<string, ReportDayRow>();
  const stale: { day: string; version: string }[] = [];
  for (const { day, version } of versions) {
    if (!wanted.has(day)) continue;
    const row = cache.get(day);
    if (row !== undefined && row.version === version && row.layout === REPORT_DAY_LAYOUT) rows.set(day, row);
    else stale.push({ day, version });
  }
  options.progress?.(rows.size, rows.size + stale.length);
  // Days the cache lacks: read whole, each in one transaction with its version, so that
  // what is cached later is the day as that version holds it.
  const readDays: ReadDay[] = [];
  for (let i = 0; i < stale.length; i += READ_BATCH) {
    const part = stale.slice(i, i + READ_BATCH);
    const read = await db.transaction('r', db.observations, db.dayVersions, async () =>
      Promise.all(
        part.map(async ({ day }) => ({
          day,
          version: (await db.dayVersions.get(day))?.version,
          stored: (await db.observations.where('observedStart').between(day, `${day}\uffff`, true, true).toArray()).filter((r) => !r.deleted),
        })),
      ),
    );
    readDays.push(...(await Promise.all(read.flatMap(({ day, version, stored }) => (version === undefined ? [] : [openDay(day, version, stored, options.cipher)])))));
    options.progress?.(rows.size + readDays.length, rows.size + stale.length);
  }
  const byDay = new Map(readDays.map((read) => [read.day, read]));
  // Only the period's official figures are named: the envelopes of the days compared with it stay shut.
  const namedDays = new Set(options.showSourceNames ? utcDaysOf([options.period]) : []);
  const bounds = spans.map((span) => [Date.parse(span.from), Date.parse(span.to)] as const);
  // The period's envelopes of names opened all at once: one after another, each waiting
  // its turn on WebCrypto, a year of them took a quarter of the report.
  const cachedNames = new Map(await Promise.all([...rows].filter(([day]) => namedDays.has(day)).map(async ([day, row]) => [day, await namesOf(row, options.cipher)] as const)));
  const records: ReportRecord[] = [];
  for (const day of days) {
    const row = rows.get(day);
    const read = byDay.get(day);
    let dayRecords: readonly ReportRecord[];
    let names: Map<number, string>;
    if (row !== undefined) {
      dayRecords = reportRecordsOf(row);
      names = cachedNames.get(day) ?? new Map<number, string>();
    } else if (read !== undefined) {
      dayRecords = read.clear;
      names = namedDays.has(day) ? read.names : new Map<number, string>();
    } else continue;
    // A UTC day wholly inside a span needs no record's time read; the days at the spans' edges do.
    const dayFrom = Date.parse(`${day}T00:00:00.000Z`);
    const whole = bounds.some(([from, to]) => dayFrom >= from && dayFrom + 86_400_000 <= to);
    dayRecords.forEach((record, i) => {
      if (!whole) {
        const at = startOf(record);
        if (!bounds.some(([from, to]) => at >= from && at < to)) return;
      }
      const name = names.get(i);
      // A copy: the record read whole is cached later, and its name must not be cached in the clear (a cached day's sources are shared, frozen).
      records.push(name !== undefined && record.source && inPeriod(record, options.period) ? { ...record, source: { ...record.source, name } } : record);
    });
  }
  /**
   * Write the days read whole to the cache; a day is kept only if it is still at the
   * version read (a write since made it stale already). Returns how many were written.
   */
  const persist = async (): Promise<number> => {
    let written = 0;
    // A month at a time: its row is read and written once, with all its days read whole.
    const byMonth = new Map<string, ReadDay[]>();
    for (const read of readDays) {
      const month = byMonth.get(monthOf(read.day)) ?? [];
      month.push(read);
      byMonth.set(monthOf(read.day), month);
    }
    for (const [month, reads] of byMonth) {
      const built = await Promise.all(reads.map((read) => buildDay(read, options.cipher)));
      await db.transaction('rw', db.dayVersions, db.reportMonths, async () => {
        const now = await db.dayVersions.bulkGet(built.map((row) => row.day));
        const current = built.filter((row, j) => now[j]?.version === row.version);
        if (current.length === 0) return;
        await db.reportMonths.put(withDays(await db.reportMonths.get(month), month, current));
        written += current.length;
      });
    }
    return written;
  };
  return { records, built: readDays.length, persist };
}

/** The calendar month (`YYYY-MM`) of a UTC day: the cache's row. */
const monthOf = (day: string): string => day.slice(0, 7);

/** The month's row with `built` (days of that month) put in, in place of the same days, oldest first. */
function withDays(stored: ReportMonthRow | undefined, month: string, built: readonly ReportDayRow[]): ReportMonthRow {
  const days = new Map((stored?.days ?? []).map((row) => [row.day, row]));
  for (const row of built) days.set(row.day, row);
  return { month, days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)) };
}

/** Days read whole (and cached) per transaction when the cache lacks them. */
const READ_BATCH = 16;
