/**
 * Up to five highlights generated from the figures, as facts with their values: the
 * renderer words them (`report.highlight.<key>`), the analyst edits the sentences before
 * issuing. Ranked by kind, one of each kind first, in this order:
 *   1. the largest change of a key figure against the period before (by its relative
 *      change; a change from 0 has none and is left out): `largestRise` / `largestFall`;
 *   2. a new peak: the period's busiest day (persons seen moving) above every day of the
 *      look-back window, which must hold data (a window nobody counted proves nothing);
 *   3. a border closing (`borderClosed`), then a restriction (`borderRestricted`: a change
 *      to restricted, or a restricted border's nationalities changing); only changes
 *      against a known earlier status, latest first;
 *   4. the incident with most casualties (dead first, then all casualties);
 *   5. the site most over its capacity.
 * When a kind has nothing, the next candidates of the kinds in the same order fill the
 * five places (a second border closing, a second incident…).
 *
 * Values are strings and numbers only; a missing place is '' (a record located by a
 * point only). Rates and relative changes are fractions (0.25 for 25 %).
 */
import { startOf } from './report-record';
import type { ReportRecord } from './report-record';
import type { BorderChange } from './border-changes';
import type { Capacity } from './capacity';
import type { Figure } from './figure';
import type { KeyFigure } from './key-figures';
import { measureOf } from './measure-kinds';
import { localDayAt } from './report-period';

export const HIGHLIGHT_KEYS = [
  'largestRise',
  'largestFall',
  'newPeak',
  'borderClosed',
  'borderRestricted',
  'incidentCasualties',
  'siteOverCapacity',
] as const;
export type HighlightKey = (typeof HIGHLIGHT_KEYS)[number];

export interface Highlight {
  key: HighlightKey;
  values: Record<string, string | number>;
}

export const MAX_HIGHLIGHTS = 5;

export interface HighlightInput {
  keyFigures: readonly KeyFigure[];
  /** The period's persons seen moving per local day (movements.byDay). */
  byDay: readonly { day: string; total: Figure }[];
  /** The busiest day of the look-back window; null when it holds no movement record. */
  lookBackPeak: { day: string; value: number } | null;
  /** Length of the look-back window in local days. */
  lookBackDays: number;
  borderChanges: readonly BorderChange[];
  /** The period's counted records; incidents are read from them. */
  records: readonly ReportRecord[];
  capacity: Capacity;
  timeZone: string;
}

function changeHighlights(keyFigures: readonly KeyFigure[]): Highlight[] {
  let best: KeyFigure | null = null;
  for (const k of keyFigures) {
    const relative = k.previous?.relative;
    if (relative == null || relative === 0) continue;
    const bestRelative = best?.previous?.relative ?? 0;
    // Ties keep the earlier tile (KEY_FIGURE_KEYS order).
    if (best === null || Math.abs(relative) > Math.abs(bestRelative)) best = k;
  }
  const change = best?.previous;
  if (best === null || change == null || change.relative === null) return [];
  return [
    {
      key: change.relative > 0 ? 'largestRise' : 'largestFall',
      values: { figure: best.key, value: best.figure.value, base: change.base.value, absolute: change.absolute, relative: change.relative, days: change.days },
    },
  ];
}

function peakHighlights(byDay: HighlightInput['byDay'], lookBackPeak: HighlightInput['lookBackPeak'], lookBackDays: number): Highlight[] {
  if (lookBackPeak === null) return [];
  let peak: { day: string; value: number } | null = null;
  for (const { day, total } of byDay) if (peak === null || total.value > peak.value) peak = { day, value: total.value };
  if (peak === null || peak.value <= lookBackPeak.value) return [];
  return [{ key: 'newPeak', values: { day: peak.day, value: peak.value, previousPeak: lookBackPeak.value, previousPeakDay: lookBackPeak.day, lookBackDays } }];
}

function borderHighlights(changes: readonly BorderChange[]): Highlight[] {
  const latestFirst = [...changes].reverse().filter((c) => c.from !== null);
  const values = (c: BorderChange): Record<string, string | number> => ({
    place: c.placeId ?? '',
    country: c.country ?? '',
    day: c.day,
    from: c.from?.status ?? '',
    to: c.to.status,
    nationalities: c.to.nationalityFilter.join(', '),
    nationalityCount: c.to.nationalityFilter.length,
  });
  const closed = latestFirst.filter((c) => c.statusChanged && c.to.status === 'closed');
  const restricted = latestFirst.filter((c) => c.to.status === 'restricted' && (c.statusChanged || c.filterChanged));
  return [
    ...closed.map((c): Highlight => ({ key: 'borderClosed', values: values(c) })),
    ...restricted.map((c): Highlight => ({ key: 'borderRestricted', values: values(c) })),
  ];
}

function incidentHighlights(records: readonly ReportRecord[], timeZone: string): Highlight[] {
  const withCasualties: { record: ReportRecord; dead: number; injured: number; missing: number }[] = [];
  for (const record of records) {
    if (measureOf(record) !== 'incidents') continue;
    const dead = record.incident?.dead ?? 0;
    const injured = record.incident?.injured ?? 0;
    const missing = record.incident?.missing ?? 0;
    if (dead + injured + missing > 0) withCasualties.push({ record, dead, injured, missing });
  }
  withCasualties.sort(
    (a, b) =>
      b.dead - a.dead ||
      b.dead + b.injured + b.missing - (a.dead + a.injured + a.missing) ||
      startOf(a.record) - startOf(b.record) ||
      a.record.id.localeCompare(b.record.id),
  );
  return withCasualties.map(({ record, dead, injured, missing }) => ({
    key: 'incidentCasualties',
    values: { day: localDayAt(startOf(record), timeZone), place: record.placeId ?? '', type: record.incident?.type ?? 'unknown', dead, injured, missing },
  }));
}

function capacityHighlights(capacity: Capacity): Highlight[] {
  // capacity.sites is fullest first.
  return capacity.sites
    .filter((s) => s.overCapacity)
    .map((s) => ({
      key: 'siteOverCapacity',
      values: { place: s.placeId ?? '', day: s.day, occupancy: s.occupancy.value, capacity: s.capacity ?? 0, rate: s.rate ?? 0, sitesOverCapacity: capacity.sitesOverCapacity },
    }));
}

export function highlightsOf(input: HighlightInput): Highlight[] {
  const kinds = [
    changeHighlights(input.keyFigures),
    peakHighlights(input.byDay, input.lookBackPeak, input.lookBackDays),
    borderHighlights(input.borderChanges),
    incidentHighlights(input.records, input.timeZone),
    capacityHighlights(input.capacity),
  ];
  const out: Highlight[] = [];
  // Round by round: the first of each kind, then the second of each kind, …
  for (let round = 0; out.length < MAX_HIGHLIGHTS && kinds.some((k) => k.length > round); round++) {
    for (const candidates of kinds) {
      const candidate = candidates[round];
      if (candidate !== undefined && out.length < MAX_HIGHLIGHTS) out.push(candidate);
    }
  }
  return out;
}
