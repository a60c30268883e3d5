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
import { reportRecordOf } from '../../../shared/reports/report-record';
import type { ReportRecord } from '../../../shared/reports/report-record';
import { inPeriod } from '../../../shared/reports/report-period';
import { placeOf } from '../../crypto/record-cipher';
import type { RecordCipher } from '../../crypto/record-cipher';
import type { ReportDayColumn, ReportDayRow, ReportMonthRow, RoutewatchDatabase } from '../../store/database';
import { openRecord, splitSensitive } from '../../store/sealed-rows';
import type { StoredObservation } from '../../store/sealed-rows';

/**
 * The layout of the rows written today: a row of another layout is built again.
 * 3: only the fields of REPORT_RECORD_FIELDS (2 kept every field but a few);
 * 4: the WHOLE_GROUPS as one value each.
 */
export const REPORT_DAY_LAYOUT = 4;

/**
 * Detail groups kept as one value each (a JSON column), not field by field: a day's
 * records share a few of them (the places' points, the movements between places, the
 * graded sources), so each distinct one is parsed once and shared, frozen, by its
 * records, rather than built again for every record. Counts differ from record to
 * record and stay in columns of numbers.
 */
const WHOLE_GROUPS: ReadonlySet<string> = new Set(['location', 'movement', 'source', 'incident', 'site', 'borderStatus']);

const namesPlace = (day: string, version: string): string => placeOf('reportDays', day, ['sourceNames', version]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** The values of one path, one per record, encoded as ReportDayColumn says. */
export function encodeColumn(values: readonly unknown[]): ReportDayColumn {
  if (values.every((v) => v === undefined || v === null || typeof v === 'number')) {
    const state = new Uint8Array(values.length);
    const numbers = new Float64Array(values.length);
    values.forEach((v, i) => {
      if (v === null) state[i] = 1;
      else if (typeof v === 'number') {
        state[i] = 2;
        numbers[i] = v;
      }
    });
    return { type: 'number', state, values: numbers };
  }
  const structured = values.some((v) => v !== null && typeof v === 'object');
  const codes = new Uint32Array(values.length);
  const table: unknown[] = [];
  const codeOf = new Map<unknown, number>();
  values.forEach((v, i) => {
    if (v === undefined) return;
    // Arrays and objects by their JSON text, so that each record gets its own copy back.
    const key = structured ? JSON.stringify(v) : v;
    let code = codeOf.get(key);
    if (code === undefined) {
      table.push(key);
      code = table.length;
      codeOf.set(key, code);
    }
    codes[i] = code;
  });
  return structured ? { type: 'json', codes, texts: table as string[] } : { type: 'value', codes, values: table as (string | number | boolean | null)[] };
}

/** A parsed value frozen all the way down: records share it, and nothing may change it for the others. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Set an own property, '__proto__' too (plain assignment would set the object's prototype instead). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** The day's records as columns, each record as the report reads it (REPORT_RECORD_FIELDS; the names not yet sealed). */
export function columnsOf(records: readonly ReportRecord[]): Pick<ReportDayRow, 'count' | 'paths' | 'columns'> {
  return encodeRecords(records.map(reportRecordOf), WHOLE_GROUPS);
}

/** Any records of JSON values as columns: one per path to a value, in the order the paths first come; a field named in `whole` is one value. */
export function encodeRecords(records: readonly object[], whole: ReadonlySet<string> = new Set()): Pick<ReportDayRow, 'count' | 'paths' | 'columns'> {
  const count = records.length;
  const paths: string[][] = [];
  const raw: unknown[][] = [];
  const columnOf = new Map<string, unknown[]>();
  const add = (path: string[], value: unknown, i: number): void => {
    const key = path.join('\u0000');
    let column = columnOf.get(key);
    if (column === undefined) {
      column = new Array<unknown>(count).fill(undefined);
      columnOf.set(key, column);
      paths.push(path);
      raw.push(column);
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
    for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (whole.has(key)) add([key], value, i);
      else walk(value, [key], i);
    }
  });
  return { count, paths, columns: raw.map(encodeColumn) };
}

/** The paths of a day row as a tree: a node's own column (its value when the record has one), and its fields'. */
interface PathNode {
  key: string;
  column: ReportDayColumn | null;
  /**
   * A JSON column's texts, parsed once per day, each value shared, frozen, by the records
   * holding it: parsing it for each record cost more than reading the day.
   */
  parsed: readonly unknown[];
  fields: PathNode[];
}

function pathTree(row: Pick<ReportDayRow, 'count' | 'paths' | 'columns'>): PathNode {
  const root: PathNode = { key: '', column: null, parsed: [], fields: [] };
  row.paths.forEach((path, c) => {
    const column = row.columns[c];
    if (column === undefined) return;
    let node = root;
    for (const key of path) {
      let next = node.fields.find((field) => field.key === key);
      if (next === undefined) {
        next = { key, column: null, parsed: [], fields: [] };
        node.fields.push(next);
      }
      node = next;
    }
    node.column = column;
    if (column.type === 'json') node.parsed = column.texts.map((text) => deepFreeze(JSON.parse(text) as unknown));
  });
  return root;
}

/** Record i's own value at a node, read from its column as encodeColumn wrote it (undefined: absent). */
function ownAt(node: PathNode, i: number): unknown {
  const column = node.column;
  if (column === null) return undefined;
  switch (column.type) {
    case 'number': {
      const state = column.state[i];
      return state === 2 ? column.values[i] : state === 1 ? null : undefined;
    }
    case 'value': {
      const code = column.codes[i] ?? 0;
      return code === 0 ? undefined : column.values[code - 1];
    }
    case 'json': {
      const code = column.codes[i] ?? 0;
      return code === 0 ? undefined : node.parsed[code - 1];
    }
  }
}

/**
 * Record i's value at a node: its own value where it has one (a null, an empty object,
 * a value), else an object of its fields' values, else absent. A record is built whole,
 * field after field in the same order for every record, so that they share one shape:
 * building them path by path across the day cost a fifth of the report.
 */
function valueAt(node: PathNode, i: number): unknown {
  const own = ownAt(node, i);
  if (own !== undefined) return own;
  let object: Record<string, unknown> | undefined;
  for (const field of node.fields) {
    const value = valueAt(field, i);
    if (value === undefined) continue;
    object ??= {};
    setOwn(object, field.key, value);
  }
  return object;
}

/** The records a day row holds, rebuilt as objects (without source names: readCachedWindow adds those of the period). */
export function recordsOf(row: Pick<ReportDayRow, 'count' | 'paths' | 'columns'>): ReportRecord[] {
  const tree = pathTree(row);
  const records = new Array<ReportRecord>(row.count);
  for (let i = 0; i < row.count; i += 1) records[i] = (valueAt(tree, i) ?? {}) as ReportRecord;
  return records;
}

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
  const named = new Set(options.showSourceNames ? utcDaysOf([options.period]) : []);
  const bounds = spans.map((span) => [Date.parse(span.from), Date.parse(span.to)] as const);
  // The period's envelopes of names opened all at once: one after another, each waiting
  // its turn on WebCrypto, a year of them took a quarter of the report.
  const cachedNames = new Map(await Promise.all([...rows].filter(([day]) => named.has(day)).map(async ([day, row]) => [day, await namesOf(row, options.cipher)] as const)));
  const records: ReportRecord[] = [];
  for (const day of days) {
    const row = rows.get(day);
    const read = byDay.get(day);
    let dayRecords: readonly ReportRecord[];
    let names: Map<number, string>;
    if (row !== undefined) {
      dayRecords = recordsOf(row);
      names = cachedNames.get(day) ?? new Map<number, string>();
    } else if (read !== undefined) {
      dayRecords = read.clear;
      names = named.has(day) ? read.names : new Map<number, string>();
    } else continue;
    // A UTC day wholly inside a span needs no record's time read; the days at the spans' edges do.
    const dayFrom = Date.parse(`${day}T00:00:00.000Z`);
    const whole = bounds.some(([from, to]) => dayFrom >= from && dayFrom + 86_400_000 <= to);
    dayRecords.forEach((record, i) => {
      if (!whole) {
        const at = Date.parse(record.observedStart);
        if (!bounds.some(([from, to]) => at >= from && at < to)) return;
      }
      const name = names.get(i);
      // A copy: the record read whole is cached later, and its name must not be cached in the clear.
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
