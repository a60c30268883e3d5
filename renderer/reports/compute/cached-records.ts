/**
 * The report's records as its per-day cache holds them (report-days.ts): which fields a
 * day row keeps (columnsOf), and the records read back from a row (reportRecordsOf).
 */
import type { ReportRecord } from '../../../shared/reports/report-record';
import { measureOf } from '../../../shared/reports/measure-kinds';
import { reportRecordOf } from '../../../shared/reports/report-record';
import type { ReportDayRow } from '../../store/database';
import type { PathNode } from './day-columns';
import { encodeRecords, ownAt, pathTree, valueAt } from './day-columns';


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

/** Record i's value at a path of the tree (absent path: always undefined), as a function of i. */
type Reader = (i: number) => unknown;

/** `own`: the path's own column only (not an object of its fields). */
function readerAt(root: PathNode, path: readonly string[], own = false): Reader {
  let node: PathNode | undefined = root;
  for (const key of path) node = node?.fields.find((field) => field.key === key);
  if (node === undefined) return () => undefined;
  const found = node;
  // A leaf (every field of ReportRecord this reads is one in the layout) is its column alone.
  return own || found.fields.length === 0 ? (i) => ownAt(found, i) : (i) => valueAt(found, i);
}

/**
 * recordsOf for a row columnsOf wrote: every record built by one object literal, so that
 * 100,000 of them share one shape (a field the record lacks is undefined, which every
 * figure reads as absent). Built field by field from the paths, the records took a third
 * of a year's report, and their mixed shapes slowed every figure that read them. (Read
 * lazily instead, field by field through getters as the figures asked, they made the
 * figures three times slower than they saved.) A path outside REPORT_RECORD_FIELDS is
 * never read, and a record not of the movements measure is read without its lists of
 * nationalities and vulnerabilities (no figure reads them; a test holds the figures equal
 * to those of the records read whole).
 */
export function reportRecordsOf(row: Pick<ReportDayRow, 'count' | 'paths' | 'columns'>): ReportRecord[] {
  const tree = pathTree(row);
  const fields = <K extends string>(keys: readonly K[], ...parent: string[]): Record<K, Reader> => {
    const out = {} as Record<K, Reader>;
    for (const key of keys) out[key] = readerAt(tree, [...parent, key]);
    return out;
  };
  const r = fields(['id', 'kind', 'mission', 'placeId', 'country', 'observedStart', 'observedEnd', 'reportedAt', 'reviewStatus', 'training', 'deleted', 'totalPersons', 'observedAt', 'location', 'nationalities', 'vulnerabilities', 'movement', 'incident', 'site', 'borderStatus', 'source']);
  const countsOwn = readerAt(tree, ['counts'], true);
  const c = fields(['men', 'women', 'boys', 'girls', 'unaccompaniedChildren', 'separatedChildren', 'method'], 'counts');
  // The counts' fields: an object only where the record has one of them (as recordsOf rebuilds it).
  const countsAt = (i: number): unknown => {
    const own = countsOwn(i);
    if (own !== undefined && (own === null || typeof own !== 'object')) return own;
    const counts = { men: c.men(i), women: c.women(i), boys: c.boys(i), girls: c.girls(i), unaccompaniedChildren: c.unaccompaniedChildren(i), separatedChildren: c.separatedChildren(i), method: c.method(i) };
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
  for (let i = 0; i < row.count; i += 1) {
    const kind = r.kind(i) as ReportRecord['kind'];
    const counts = countsAt(i) as ReportRecord['counts'];
    // The lists (most of the objects a record is built of) only where a figure reads them:
    // the demographics, over the movements measure alone (demographics.ts).
    const lists = measureOf({ kind, counts }) === 'movements';
    records[i] = {
      id: r.id(i),
      kind,
      mission: r.mission(i),
      placeId: r.placeId(i),
      country: r.country(i),
      observedStart: r.observedStart(i),
      observedEnd: r.observedEnd(i),
      reportedAt: r.reportedAt(i),
      reviewStatus: r.reviewStatus(i),
      training: r.training(i),
      deleted: r.deleted(i),
      totalPersons: r.totalPersons(i),
      location: r.location(i),
      nationalities: lists ? r.nationalities(i) : undefined,
      vulnerabilities: lists ? r.vulnerabilities(i) : undefined,
      counts,
      movement: r.movement(i),
      incident: r.incident(i),
      site: r.site(i),
      borderStatus: r.borderStatus(i),
      source: r.source(i),
      observedAt: r.observedAt(i),
    } as ReportRecord;
  }
  return records;
}
