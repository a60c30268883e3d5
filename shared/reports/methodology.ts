/**
 * Methodology and sources: how the figures were counted and how far they can be trusted.
 * - Count methods: the persons and records of each measure by the count method recorded
 *   (`unknown` when none), so each mix adds up to its measure's figure: persons seen
 *   moving (movements.total), persons at sites (presence.total, over each site's latest
 *   snapshot). The two are never added together.
 * - Admiralty grades: every counted record of the period by its source's reliability
 *   (A–F) and the information's credibility (1–6), as "B2"; `unknown` when either is
 *   missing. Records only: persons of different measures do not add up.
 * - Review: verified records against all counted records (submitted ones count only
 *   when the report includes them).
 * - Official figures used: by source (type, and name when the viewer may see it), with
 *   their as-of dates.
 */
import type { CountMethod, SourceType } from '../observations/codelists';
import { COUNT_METHODS, INFORMATION_CREDIBILITY, SOURCE_RELIABILITY } from '../observations/codelists';
import type { ReportRecord } from './report-record';
import type { Figure, MethodKey } from './figure';
import { addTo, emptyFigure } from './figure';
import { measureOf } from './measure-kinds';
import type { OfficialFigure } from './official';
import { latestSnapshotsOf, occupancyOf } from './presence';

export type CountMethodKey = CountMethod | 'unknown';
export const COUNT_METHOD_KEYS: readonly CountMethodKey[] = [...COUNT_METHODS, 'unknown'];

/** "A1" … "F6", then "unknown". */
export const GRADES: readonly string[] = [...SOURCE_RELIABILITY.flatMap((r) => INFORMATION_CREDIBILITY.map((c) => `${r}${c}`)), 'unknown'];

export interface GradeShare {
  grade: string;
  /** Number of records (value) with this grade. */
  records: Figure;
}

export interface OfficialSource {
  sourceType: SourceType | null;
  /** Null when the viewer may not see source names, or none was recorded. */
  sourceName: string | null;
  /** Number of official figures from it (value), with their records. */
  figures: Figure;
  /** Earliest and latest as-of start among its figures. */
  asOfFrom: string;
  asOfTo: string;
}

export interface Methodology {
  countMethods: {
    /** Every count method, then unknown; persons add up to movements.total. */
    movements: Record<CountMethodKey, Figure>;
    /** The same over each site's latest snapshot; adds up to presence.total. */
    presence: Record<CountMethodKey, Figure>;
  };
  /** Grades present, in GRADES order. */
  grades: GradeShare[];
  review: {
    /** Records counted in the period (verified, and submitted when included). */
    counted: number;
    /** Records (value) by status. */
    verified: Figure;
    submitted: Figure;
    /** verified / counted; null with no record. */
    verifiedShare: number | null;
    includeSubmitted: boolean;
  };
  /** Most figures first, then by type and name. */
  officialSources: OfficialSource[];
}

function byMethod(key: MethodKey): Record<CountMethodKey, Figure> {
  return Object.fromEntries(COUNT_METHOD_KEYS.map((m) => [m, emptyFigure(key)])) as Record<CountMethodKey, Figure>;
}

function gradeOf(record: ReportRecord): string {
  const r = record.source?.reliability;
  const c = record.source?.credibility;
  return r != null && c != null ? `${r}${c}` : 'unknown';
}

export function methodologyOf(records: readonly ReportRecord[], official: readonly OfficialFigure[], includeSubmitted: boolean): Methodology {
  const movements = byMethod('countMethodMovements');
  const presenceMethods = byMethod('countMethodPresence');
  // The snapshots presence counts: each site's latest (presence.ts), found as presenceOf finds them.
  const latestSnapshots = new Set<ReportRecord>();
  for (const { record } of latestSnapshotsOf(records).values()) latestSnapshots.add(record);
  const grades = new Map<string, Figure>();
  const bySource = new Map<ReportRecord['source'], Figure>();
  const verified = emptyFigure('reviewStatus');
  const submitted = emptyFigure('reviewStatus');

  for (const record of records) {
    const method: CountMethodKey = record.counts?.method ?? 'unknown';
    const measure = measureOf(record);
    if (measure === 'movements') addTo(movements[method], record, record.totalPersons);
    else if (measure === 'presence' && latestSnapshots.has(record)) addTo(presenceMethods[method], record, occupancyOf(record));
    // By the source object first: the records of a cached day share theirs (cached-records.ts),
    // so the grade is written out once a source, not once a record.
    let share = bySource.get(record.source);
    if (share === undefined) {
      const grade = gradeOf(record);
      share = grades.get(grade);
      if (share === undefined) {
        share = emptyFigure('grade');
        grades.set(grade, share);
      }
      bySource.set(record.source, share);
    }
    addTo(share, record, 1);
    if (record.reviewStatus === 'verified') addTo(verified, record, 1);
    else if (record.reviewStatus === 'submitted') addTo(submitted, record, 1);
  }

  const counted = verified.records + submitted.records;
  return {
    countMethods: { movements, presence: presenceMethods },
    grades: GRADES.flatMap((grade) => {
      const share = grades.get(grade);
      return share === undefined ? [] : [{ grade, records: share }];
    }),
    review: { counted, verified, submitted, verifiedShare: counted > 0 ? verified.records / counted : null, includeSubmitted },
    officialSources: officialSourcesOf(official),
  };
}

function officialSourcesOf(official: readonly OfficialFigure[]): OfficialSource[] {
  type Held = OfficialSource & { fromMs: number; toMs: number };
  // By type, then by name: two maps rather than a joined key, which a name could imitate.
  const bySource = new Map<SourceType | null, Map<string | null, Held>>();
  const all: Held[] = [];
  for (const o of official) {
    const at = Date.parse(o.observedStart);
    let byName = bySource.get(o.sourceType);
    if (byName === undefined) {
      byName = new Map();
      bySource.set(o.sourceType, byName);
    }
    let source = byName.get(o.sourceName);
    if (source === undefined) {
      source = { sourceType: o.sourceType, sourceName: o.sourceName, figures: emptyFigure('officialSource'), asOfFrom: o.observedStart, asOfTo: o.observedStart, fromMs: at, toMs: at };
      byName.set(o.sourceName, source);
      all.push(source);
    }
    source.figures.value += 1;
    source.figures.records += o.figure.records;
    for (const id of o.figure.recordIds) source.figures.recordIds.push(id);
    source.figures.includesSubmitted ||= o.figure.includesSubmitted;
    if (at < source.fromMs) [source.asOfFrom, source.fromMs] = [o.observedStart, at];
    if (at > source.toMs) [source.asOfTo, source.toMs] = [o.observedStart, at];
  }
  const text = (s: string | null): string => s ?? '\uffff';
  return all.map(({ fromMs: _from, toMs: _to, ...source }) => source).sort(
    (a, b) => b.figures.value - a.figures.value || text(a.sourceType).localeCompare(text(b.sourceType)) || text(a.sourceName).localeCompare(text(b.sourceName)),
  );
}
