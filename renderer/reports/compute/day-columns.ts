/**
 * Records of JSON values as columns and back: the form the report's per-day cache keeps
 * (ReportDayRow, renderer/store/database.ts; report-days.ts says why). Numbers go in typed
 * arrays, strings in one text per column, lists of flat entries (nationalities) as
 * columns of their own, other objects as JSON text; recordsOf rebuilds the records as
 * they were (a test holds any JSON records equal through both ways).
 */
import type { ReportRecord } from '../../../shared/reports/report-record';
import type { ReportDayCodes, ReportDayColumn, ReportDayRow } from '../../store/database';


export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** The values of one path, one per record, encoded as ReportDayColumn says. */
export function encodeColumn(values: readonly unknown[]): ReportDayColumn {
  if (values.every((v) => v === undefined || v === null || typeof v === 'number')) {
    const state = new Uint8Array(values.length);
    // Whole numbers in 32 bits where every one fits (most are counts): half the bytes to read.
    const whole = values.every((v) => typeof v !== 'number' || ((v | 0) === v && !Object.is(v, -0)));
    const numbers = whole ? new Int32Array(values.length) : new Float64Array(values.length);
    values.forEach((v, i) => {
      if (v === null) state[i] = 1;
      else if (typeof v === 'number') {
        state[i] = 2;
        numbers[i] = v;
      }
    });
    return { type: 'number', state, values: numbers };
  }
  const list = listColumn(values);
  if (list !== null) return list;
  const structured = values.some((v) => v !== null && typeof v === 'object');
  const wide = new Uint32Array(values.length);
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
    wide[i] = code;
  });
  const codes = narrowCodes(wide, table.length);
  if (structured) return { type: 'json', codes, texts: table as string[] };
  if (table.every((v): v is string => typeof v === 'string')) {
    const strings = table;
    const ends = new Uint32Array(strings.length);
    let end = 0;
    strings.forEach((text, j) => {
      end += text.length;
      ends[j] = end;
    });
    return { type: 'text', codes, text: strings.join(''), ends };
  }
  return { type: 'value', codes, values: table as (string | number | boolean | null)[] };
}

/** Codes in the smallest array their largest (the table's length) fits. */
function narrowCodes(codes: Uint32Array, largest: number): ReportDayCodes {
  if (largest < 0x100) return new Uint8Array(codes);
  if (largest < 0x10000) return new Uint16Array(codes);
  return codes;
}

const isPrimitive = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The values as a 'list' column, when each is absent, null or an array of flat objects (every field a string, number, boolean or null) and one at least is an array; else null. */
function listColumn(values: readonly unknown[]): ReportDayColumn | null {
  let arrays = 0;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) return null;
    for (const entry of v as unknown[]) if (!isPlainObject(entry) || !Object.values(entry).every(isPrimitive)) return null;
    arrays += 1;
  }
  if (arrays === 0) return null;
  const state = new Uint8Array(values.length);
  const ends = new Uint32Array(values.length);
  const keys: string[] = [];
  const columns: unknown[][] = [];
  const columnOf = new Map<string, unknown[]>();
  let entries = 0;
  values.forEach((v, i) => {
    if (v === null) state[i] = 1;
    else if (Array.isArray(v)) {
      state[i] = 2;
      for (const entry of v as Record<string, unknown>[]) {
        for (const [key, value] of Object.entries(entry)) {
          let column = columnOf.get(key);
          if (column === undefined) {
            column = [];
            columnOf.set(key, column);
            keys.push(key);
            columns.push(column);
          }
          column[entries] = value;
        }
        entries += 1;
      }
    }
    ends[i] = entries;
  });
  // Every entry column as long as the entries (an entry without the field: undefined there).
  for (const column of columns) column.length = entries;
  return { type: 'list', state, ends, keys, entries: columns.map((column) => encodeColumn(Array.from(column))) };
}

/** A parsed value frozen all the way down: records share it, and nothing may change it for the others. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Set an own property, '__proto__' too (plain assignment would set the object's prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
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
export interface PathNode {
  key: string;
  column: ReportDayColumn | null;
  /**
   * A JSON column's texts, parsed once per day, each value shared, frozen, by the records
   * holding it (a value only one record holds is not frozen): parsing it for each record
   * cost more than reading the day.
   */
  parsed: readonly unknown[];
  fields: PathNode[];
  /** A list column's entry fields, each its column's node. */
  entries: { key: string; node: PathNode }[];
}

export function nodeOf(key: string, column: ReportDayColumn | null): PathNode {
  const node: PathNode = { key, column, parsed: [], fields: [], entries: [] };
  if (column === null) return node;
  if (column.type === 'json') {
    // Only a value records share is frozen: one record's own is its alone, as if parsed for it.
    const uses = new Uint32Array(column.texts.length + 1);
    for (const code of column.codes) uses[code] = (uses[code] ?? 0) + 1;
    node.parsed = column.texts.map((text, j) => {
      const value = JSON.parse(text) as unknown;
      return (uses[j + 1] ?? 0) > 1 ? deepFreeze(value) : value;
    });
  } else if (column.type === 'text') {
    // A plain loop: Array.from over a typed array with a function goes through the iterator protocol.
    const strings = new Array<string>(column.ends.length);
    let start = 0;
    for (let j = 0; j < column.ends.length; j += 1) {
      const end = column.ends[j] ?? start;
      strings[j] = column.text.slice(start, end);
      start = end;
    }
    node.parsed = strings;
  } else if (column.type === 'list') {
    node.entries = column.keys.map((entryKey, k) => ({ key: entryKey, node: nodeOf(entryKey, column.entries[k] ?? null) }));
  }
  return node;
}

export function pathTree(row: Pick<ReportDayRow, 'count' | 'paths' | 'columns'>): PathNode {
  const root = nodeOf('', null);
  row.paths.forEach((path, c) => {
    const column = row.columns[c];
    if (column === undefined) return;
    let parent = root;
    path.forEach((key, depth) => {
      let next = parent.fields.find((field) => field.key === key);
      const last = depth === path.length - 1;
      if (next === undefined) {
        next = nodeOf(key, last ? column : null);
        parent.fields.push(next);
      } else if (last) {
        // A path that is also the start of longer paths (a value here in some records, an object in others).
        const built = nodeOf(key, column);
        Object.assign(next, { column: built.column, parsed: built.parsed, entries: built.entries });
      }
      parent = next;
    });
  });
  return root;
}

/** Record i's own value at a node, read from its column as encodeColumn wrote it (undefined: absent). */
export function ownAt(node: PathNode, i: number): unknown {
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
    case 'text':
    case 'json': {
      const code = column.codes[i] ?? 0;
      return code === 0 ? undefined : node.parsed[code - 1];
    }
    case 'list': {
      const state = column.state[i];
      if (state !== 2) return state === 1 ? null : undefined;
      const entries: Record<string, unknown>[] = [];
      for (let j = i === 0 ? 0 : (column.ends[i - 1] ?? 0); j < (column.ends[i] ?? 0); j += 1) {
        const entry: Record<string, unknown> = {};
        for (const field of node.entries) {
          const value = ownAt(field.node, j);
          if (value !== undefined) setOwn(entry, field.key, value);
        }
        entries.push(entry);
      }
      return entries;
    }
  }
}

/**
 * Every record's own value at a node (undefined: absent), in one pass over its column: a
 * tight loop per column, rather than a call per record and field that asks the column's
 * kind every time. A list column's lists are built here too; callers that need only some
 * records' lists use ownAt. Written into `out` when given (a caller reusing one array
 * across days allocates nothing per day), from index 0 to count - 1.
 */
export function ownValues(node: PathNode, count: number, out: unknown[] = new Array<unknown>(count)): unknown[] {
  out.fill(undefined, 0, count);
  const column = node.column;
  if (column === null) return out;
  switch (column.type) {
    case 'number':
      for (let i = 0; i < count; i += 1) {
        const state = column.state[i];
        out[i] = state === 2 ? column.values[i] : state === 1 ? null : undefined;
      }
      return out;
    case 'value':
      for (let i = 0; i < count; i += 1) {
        const code = column.codes[i] ?? 0;
        if (code !== 0) out[i] = column.values[code - 1];
      }
      return out;
    case 'text':
    case 'json':
      for (let i = 0; i < count; i += 1) {
        const code = column.codes[i] ?? 0;
        if (code !== 0) out[i] = node.parsed[code - 1];
      }
      return out;
    case 'list':
      for (let i = 0; i < count; i += 1) out[i] = ownAt(node, i);
      return out;
  }
}

/**
 * Record i's value at a node: its own value where it has one (a null, an empty object,
 * a value), else an object of its fields' values, else absent. A record is built whole,
 * field after field in the same order for every record, so that they share one shape:
 * building them path by path across the day cost a fifth of the report.
 */
export function valueAt(node: PathNode, i: number): unknown {
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
