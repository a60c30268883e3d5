/**
 * The report's records as its per-day cache holds them (report-days.ts): which fields a
 * day row keeps (columnsOf), and the records read back from a row (reportRecordsOf).
 */
import type { ReportRecord } from '../../../shared/reports/report-record';
import { measureOfKind } from '../../../shared/reports/measure-kinds';
import { reportRecordOf } from '../../../shared/reports/report-record';
import type { ReportDayRow } from '../../store/database';
import type { PathNode } from './day-columns';
import { encodeRecords, ownAt, ownValues, pathTree } from './day-columns';

/**
 * Detail groups kept as one value each (a JSON column), not field by field: a day's
 * records share a few of them (the places' points, the movements between places, the
 * graded sources), so each distinct one is parsed once and shared, frozen, by its
 * records, rather than built again for every record. Counts differ from record to
 * record and stay in columns of numbers.
 */
const WHOLE_GROUPS: ReadonlySet<string> = new Set(['location', 'movement', 'source', 'incident', 'site', 'borderStatus']);

/** The day's records as columns, each record as the report reads it (REPORT_RECORD_FIELDS; the names not yet sealed). */
export function columnsOf(records: readonly ReportRecord[]): Pick<ReportDayRow, 'count' | 'paths' | 'columns'> {
  // With each record's time as a number (observedAt): a report reads it several times.
  return encodeRecords(
    records.map((record) => ({ ...reportRecordOf(record), observedAt: Date.parse(record.observedStart) })),
    WHOLE_GROUPS,
  );
}

/** The node at a path of the tree, if any record of the row has a value there. */
function nodeAt(root: PathNode, path: readonly string[]): PathNode | undefined {
  let node: PathNode | undefined = root;
  for (const key of path) node = node?.fields.find((field) => field.key === key);
  return node;
}

/**
 * One array per field, reused from day to day: the values are copied into the records, so
 * a day's arrays are free once its records are built, and a year's 366 days x 30 fields
 * of fresh arrays were megabytes for the collector. '' is kept all undefined (a field no
 * record of the day has).
 */
const scratchArrays = new Map<string, unknown[]>();
function scratch(name: string, count: number): unknown[] {
  let array = scratchArrays.get(name);
  if (array === undefined || array.length < count) {
    array = new Array<unknown>(Math.max(count, 512)).fill(undefined);
    scratchArrays.set(name, array);
  }
  return array;
}

/**
 * recordsOf for a row columnsOf wrote: every record built by one object literal, so that
 * 100,000 of them share one shape (a field the record lacks is undefined, which every
 * figure reads as absent). Built field by field from the paths, the records took a third
 * of a year's report, and their mixed shapes slowed every figure that read them. (Read
 * lazily instead, field by field through getters as the figures asked, they made the
 * figures three times slower than they saved.) A path outside REPORT_RECORD_FIELDS is
 * never read, and a record not of the movements measure is read without its lists of
 * nationalities and vulnerabilities and with only the method of its counts (no figure
 * reads the rest; a test holds the figures equal to those of the records read whole).
 */
export function reportRecordsOf(row: Pick<ReportDayRow, 'count' | 'paths' | 'columns'>): ReportRecord[] {
  const tree = pathTree(row);
  const count = row.count;
  const none = scratch('', count);
  // Each field's values for every record, a column at a time (ownValues).
  const values = <K extends string>(keys: readonly K[], ...parent: string[]): Record<K, unknown[]> => {
    const out = {} as Record<K, unknown[]>;
    for (const key of keys) {
      const node = nodeAt(tree, [...parent, key]);
      out[key] = node === undefined ? none : ownValues(node, count, scratch(`${parent.join('.')}.${key}`, count));
    }
    return out;
  };
  const v = values(['id', 'kind', 'mission', 'placeId', 'country', 'observedStart', 'observedEnd', 'reportedAt', 'reviewStatus', 'training', 'deleted', 'totalPersons', 'observedAt', 'location', 'movement', 'incident', 'site', 'borderStatus', 'source']);
  const c = values(['men', 'women', 'boys', 'girls', 'unaccompaniedChildren', 'separatedChildren', 'method'], 'counts');
  const countsNode = nodeAt(tree, ['counts']);
  const countsOwn = countsNode === undefined ? none : ownValues(countsNode, count, scratch('counts', count));
  // The lists are built only for the records whose figures read them (below).
  const listAt = (key: string): ((i: number) => unknown) => {
    const node = nodeAt(tree, [key]);
    return node === undefined ? () => undefined : (i) => ownAt(node, i);
  };
  const nationalities = listAt('nationalities');
  const vulnerabilities = listAt('vulnerabilities');
  // The counts' fields: an object only where the record has one of them (as recordsOf rebuilds it).
  const countsAt = (i: number): unknown => {
    const own = countsOwn[i];
    if (own !== undefined && (own === null || typeof own !== 'object')) return own;
    const counts = { men: c.men[i], women: c.women[i], boys: c.boys[i], girls: c.girls[i], unaccompaniedChildren: c.unaccompaniedChildren[i], separatedChildren: c.separatedChildren[i], method: c.method[i] };
    const any =
      counts.men !== undefined ||
      counts.women !== undefined ||
      counts.boys !== undefined ||
      counts.girls !== undefined ||
      counts.unaccompaniedChildren !== undefined ||
      counts.separatedChildren !== undefined ||
      counts.method !== undefined;
    return any ? counts : own;
  };
  const records = new Array<ReportRecord>(row.count);
  // A record of another measure keeps of its counts the method alone (measureOf and the
  // methodology read it; no figure reads the rest): one shared, frozen object per method.
  const methods = new Map<unknown, ReportRecord['counts']>();
  const methodOnly = (method: unknown): ReportRecord['counts'] => {
    let counts = methods.get(method);
    if (counts === undefined) {
      counts = Object.freeze({ method }) as ReportRecord['counts'];
      methods.set(method, counts);
    }
    return counts;
  };
  for (let i = 0; i < row.count; i += 1) {
    const kind = v.kind[i] as ReportRecord['kind'];
    const method = c.method[i] as string | null | undefined;
    // The lists and the counts' numbers (most of the objects a record is built of) only
    // where a figure reads them: the demographics, over the movements measure alone.
    const lists = measureOfKind(kind, method) === 'movements';
    const counts = (lists ? countsAt(i) : method === undefined ? (countsOwn[i] === null ? null : undefined) : methodOnly(method)) as ReportRecord['counts'];
    records[i] = {
      id: v.id[i],
      kind,
      mission: v.mission[i],
      placeId: v.placeId[i],
      country: v.country[i],
      observedStart: v.observedStart[i],
      observedEnd: v.observedEnd[i],
      reportedAt: v.reportedAt[i],
      reviewStatus: v.reviewStatus[i],
      training: v.training[i],
      deleted: v.deleted[i],
      totalPersons: v.totalPersons[i],
      location: v.location[i],
      nationalities: lists ? nationalities(i) : undefined,
      vulnerabilities: lists ? vulnerabilities(i) : undefined,
      counts,
      movement: v.movement[i],
      incident: v.incident[i],
      site: v.site[i],
      borderStatus: v.borderStatus[i],
      source: v.source[i],
      observedAt: v.observedAt[i],
    } as ReportRecord;
  }
  return records;
}
