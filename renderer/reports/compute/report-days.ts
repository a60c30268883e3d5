/**
 * The report worker's per-day cache of the records (ReportDayRow, renderer/store/database.ts).
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
import { inPeriod } from '../../../shared/reports/report-period';
import { placeOf } from '../../crypto/record-cipher';
import type { RecordCipher } from '../../crypto/record-cipher';
import type { ReportDayRow, RoutewatchDatabase } from '../../store/database';
import { openRecord, splitSensitive } from '../../store/sealed-rows';
import type { StoredObservation } from '../../store/sealed-rows';

/** Fields the cache leaves out: no figure reads them. */
const LEFT_OUT = new Set(['summary', 'sealed']);

const namesPlace = (day: string, version: string): string => placeOf('reportDays', day, ['sourceNames', version]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** The day's records as columns (the names not yet sealed). */
export function columnsOf(records: readonly Observation[]): Pick<ReportDayRow, 'count' | 'paths' | 'columns'> {
  const count = records.length;
  const paths: string[][] = [];
  const columns: unknown[][] = [];
  const columnOf = new Map<string, unknown[]>();
  const add = (path: string[], value: unknown, i: number): void => {
    const key = path.join('\u0000');
    let column = columnOf.get(key);
    if (column === undefined) {
      column = new Array<unknown>(count).fill(undefined);
      columnOf.set(key, column);
      paths.push(path);
      columns.push(column);
    }
    column[i] = value;
  };
  const walk = (value: unknown, path: string[], i: number): void => {
    // An empty object is a value of its own: rebuilt as {}, not as an absent field.
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [key, inner] of Object.entries(value)) if (inner !== undefined) walk(inner, [...path, key], i);
    } else add(path, value, i);
  };
  records.forEach((record, i) => {
    for (const [key, value] of Object.entries(record as Record<string, unknown>)) if (!LEFT_OUT.has(key) && value !== undefined) walk(value, [key], i);
  });
  return { count, paths, columns };
}

/** The records a day row holds, rebuilt as objects (without the summary, and without source names: `withNames` adds them). */
export function recordsOf(row: Pick<ReportDayRow, 'count' | 'paths' | 'columns'>): Observation[] {
  const records: Record<string, unknown>[] = Array.from({ length: row.count }, () => ({}));
  // Shallow paths first, so that a parent's value (null, say) is set before its children are looked at.
  const order = row.paths.map((path, c) => ({ path, column: row.columns[c] ?? [] })).sort((a, b) => a.path.length - b.path.length);
  for (const { path, column } of order) {
    const last = path[path.length - 1] ?? '';
    for (let i = 0; i < row.count; i += 1) {
      const value = column[i];
      if (value === undefined) continue;
      let target = records[i] ?? {};
      for (let d = 0; d < path.length - 1; d += 1) {
        const key = path[d] ?? '';
        let inner = target[key] as Record<string, unknown> | undefined;
        if (inner === undefined) {
          inner = {};
          target[key] = inner;
        }
        target = inner;
      }
      target[last] = value;
    }
  }
  return records as unknown as Observation[];
}

/** A day row from the day's stored records (live ones, in index order): the official figures' source names opened and sealed again as one envelope. */
export async function buildDay(day: string, version: string, stored: readonly StoredObservation[], cipher: RecordCipher): Promise<ReportDayRow> {
  const clear = stored.map((row) => {
    const { sealed: _sealed, ...rest } = row;
    return splitSensitive(rest).clear;
  });
  const names: [number, string][] = [];
  await Promise.all(
    stored.map(async (row, i) => {
      if (measureOf(row) !== 'official') return;
      const name = (await openRecord(row, cipher)).source?.name;
      if (typeof name === 'string') names.push([i, name]);
    }),
  );
  names.sort((a, b) => a[0] - b[0]);
  return { day, version, ...columnsOf(clear), sealedNames: names.length === 0 ? null : await cipher.seal(names, namesPlace(day, version)) };
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
export async function readCachedWindow(db: RoutewatchDatabase, spans: readonly ReportPeriod[], options: WindowOptions): Promise<{ records: Observation[]; built: number }> {
  const days = utcDaysOf(spans);
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return { records: [], built: 0 };
  const wanted = new Set(days);
  const [versions, cached] = await db.transaction('r', db.dayVersions, db.reportDays, () =>
    Promise.all([db.dayVersions.where('day').between(first, last, true, true).toArray(), db.reportDays.where('day').between(first, last, true, true).toArray()]),
  );
  const cache = new Map(cached.map((row) => [row.day, row]));
  const rows = new Map<string, ReportDayRow>();
  const stale: { day: string; version: string }[] = [];
  for (const { day, version } of versions) {
    if (!wanted.has(day)) continue;
    const row = cache.get(day);
    if (row !== undefined && row.version === version) rows.set(day, row);
    else stale.push({ day, version });
  }
  options.progress?.(rows.size, rows.size + stale.length);
  // Days to build: read in one transaction with their versions, so that what is built is the day as that version holds it.
  for (let i = 0; i < stale.length; i += BUILD_BATCH) {
    const part = stale.slice(i, i + BUILD_BATCH);
    const read = await db.transaction('r', db.observations, db.dayVersions, async () =>
      Promise.all(
        part.map(async ({ day }) => ({
          day,
          version: (await db.dayVersions.get(day))?.version,
          stored: (await db.observations.where('observedStart').between(day, `${day}\uffff`, true, true).toArray()).filter((r) => !r.deleted),
        })),
      ),
    );
    const built = await Promise.all(read.flatMap(({ day, version, stored }) => (version === undefined ? [] : [buildDay(day, version, stored, options.cipher)])));
    for (const row of built) rows.set(row.day, row);
    // Kept only where the day is still at the version built from (a write since made it stale already).
    await db.transaction('rw', db.dayVersions, db.reportDays, async () => {
      const now = await db.dayVersions.bulkGet(built.map((row) => row.day));
      await db.reportDays.bulkPut(built.filter((row, j) => now[j]?.version === row.version));
    });
    options.progress?.(rows.size, rows.size + stale.length - i - part.length);
  }
  const bounds = spans.map((span) => [Date.parse(span.from), Date.parse(span.to)] as const);
  const records: Observation[] = [];
  for (const day of days) {
    const row = rows.get(day);
    if (row === undefined) continue;
    const dayRecords = recordsOf(row);
    const names = options.showSourceNames ? await namesOf(row, options.cipher) : new Map<number, string>();
    dayRecords.forEach((record, i) => {
      const at = Date.parse(record.observedStart);
      if (!bounds.some(([from, to]) => at >= from && at < to)) return;
      const name = names.get(i);
      if (name !== undefined && record.source && inPeriod(record, options.period)) record.source.name = name;
      records.push(record);
    });
  }
  return { records, built: stale.length };
}

/** Days read and built per transaction when the cache lacks them. */
const BUILD_BATCH = 16;
