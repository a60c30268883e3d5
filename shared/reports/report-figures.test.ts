import { describe, expect, it } from 'vitest';
import type { Direction } from '../observations/codelists';
import type { Observation } from '../observations/observation-schema';
import { countsInReport } from './counted-records';
import { measuresOf } from './measures';
import type { ReportRequest } from './report-figures';
import { countedReportFiguresOf, reportFiguresOf, reportWindow } from './report-figures';
import { BELGRADE, borderStatus, counts, incident, JULY_WEEK, moving, nationality, places, record, snapshot } from '../../test-support/shared/report-test-records';

const request: ReportRequest = { period: JULY_WEEK, includeSubmitted: true, training: false, timeZone: BELGRADE, places, showSourceNames: false };

// The week 1–7 July 2026 (Belgrade), with the week before, the same week of 2025 and the look-back window.
const entry = moving('incoming', { placeId: 'rs-presevo', totalPersons: 100, observedStart: '2026-07-01T08:00:00.000Z', counts: counts({ men: 60, women: 40 }), nationalities: [nationality('SYR', 100)] });
const exit = moving('outgoing', { placeId: 'mk-tabanovce', totalPersons: 50, observedStart: '2026-07-03T08:00:00.000Z', reviewStatus: 'submitted' });
const closing = borderStatus('rs-presevo', '2026-07-04T08:00:00.000Z', 'closed');
const site = snapshot('rs-adasevci', '2026-07-05T08:00:00.000Z', 600, 500);
const death = incident('2026-07-03T12:00:00.000Z', { dead: 1 }, { placeId: 'rs-sid' });
// Never counted: training, deleted, a draft, and a record outside every part of the window.
const ignored = [
  moving('incoming', { totalPersons: 999, observedStart: '2026-07-02T08:00:00.000Z', training: true }),
  moving('incoming', { totalPersons: 999, observedStart: '2026-07-02T08:00:00.000Z', deleted: true }),
  moving('incoming', { totalPersons: 999, observedStart: '2026-07-02T08:00:00.000Z', reviewStatus: 'draft' }),
  moving('incoming', { totalPersons: 5000, observedStart: '2026-01-10T08:00:00.000Z' }),
];
const weekBefore = moving('incoming', { placeId: 'rs-presevo', totalPersons: 80, observedStart: '2026-06-25T08:00:00.000Z' });
const lastYear = moving('incoming', { placeId: 'rs-presevo', totalPersons: 60, observedStart: '2025-07-02T08:00:00.000Z' });
const june = moving('transit', { placeId: 'rs-belgrade', totalPersons: 90, observedStart: '2026-06-01T08:00:00.000Z' });
const openInJune = borderStatus('rs-presevo', '2026-06-10T08:00:00.000Z', 'open');
const records = [entry, exit, closing, site, death, ...ignored, weekBefore, lastYear, june, openInJune];

describe('reportFiguresOf', () => {
  const figures = reportFiguresOf(records, request);

  it('counts the period\'s records by the report\'s rules, as measuresOf does', () => {
    expect(figures.window).toEqual(reportWindow(JULY_WEEK, BELGRADE));
    expect(figures.measures.records).toBe(5);
    expect(figures.measures.recordIds.sort()).toEqual([entry.id, exit.id, closing.id, site.id, death.id].sort());
    expect(figures.measures.movements.total).toMatchObject({ value: 150, includesSubmitted: true });
    expect(figures.measures).toEqual(measuresOf(records, JULY_WEEK, request));
    const filtered = { ...request, includeSubmitted: false, scope: { missions: ['RS' as const], kinds: ['group_sighting' as const, 'site_snapshot' as const] } };
    expect(reportFiguresOf(records, filtered).measures).toEqual(measuresOf(records, JULY_WEEK, filtered));
  });

  it('gives the counted records themselves, those of measures.recordIds in the same order, for the map', () => {
    const filtered = { ...request, scope: { kinds: ['group_sighting' as const] } };
    for (const asked of [request, filtered]) {
      const { figures: same, counted } = countedReportFiguresOf(records, asked);
      expect(same).toEqual(reportFiguresOf(records, asked));
      expect(counted.map((r) => r.id)).toEqual(same.measures.recordIds);
    }
    expect(countedReportFiguresOf(records, filtered).counted.map((r) => r.id)).toEqual([entry.id, exit.id]);
  });

  it('compares the key figures with the week before and the same week a year before', () => {
    expect(figures.keyFigures.map((k) => [k.key, k.figure.value, k.previous?.base.value ?? null, k.yearBefore?.base.value ?? null])).toEqual([
      ['entries', 100, 80, 60],
      ['exits', 50, 0, 0],
      ['averagePerDay', 150 / 7, 80 / 7, 60 / 7],
      ['atSites', 600, null, null],
    ]);
    expect(figures.keyFigures.map((k) => k.previous?.relative ?? null)).toEqual([0.25, null, expect.closeTo(0.875, 12), null]);
    expect(figures.keyFigures[0]?.previous?.base.recordIds).toEqual([weekBefore.id]);
    expect(figures.keyFigures[0]?.yearBefore?.base.recordIds).toEqual([lastYear.id]);
  });

  it('gives the demographics, border changes against the look-back window, capacity and methodology', () => {
    expect(figures.demographics.sexAge.men.value).toBe(60);
    expect(figures.demographics.sexAgeNotDisaggregated).toMatchObject({ value: 50, recordIds: [exit.id] });
    expect(figures.demographics.nationalities.top.map((n) => [n.code, n.figure.value])).toEqual([['SYR', 100]]);
    expect(figures.borderChanges.map((c) => [c.day, c.placeId, c.from?.status, c.to.status, c.previousRecordId])).toEqual([['2026-07-04', 'rs-presevo', 'open', 'closed', openInJune.id]]);
    expect(figures.capacity).toMatchObject({ capacity: 500, sitesOverCapacity: 1, rate: 1.2 });
    expect(figures.methodology.review).toMatchObject({ counted: 5, verifiedShare: 0.8, includeSubmitted: true });
  });

  it('ranks the highlights: largest change, new peak above the look-back window, the closing, the death, the full site', () => {
    expect(figures.highlights.map((h) => h.key)).toEqual(['largestRise', 'newPeak', 'borderClosed', 'incidentCasualties', 'siteOverCapacity']);
    expect(figures.highlights[0]?.values.figure).toBe('averagePerDay');
    expect(figures.highlights[0]?.values.relative).toBeCloseTo(0.875, 12);
    expect(figures.highlights[1]?.values).toMatchObject({ day: '2026-07-01', value: 100, previousPeak: 90, previousPeakDay: '2026-06-01', lookBackDays: 90 });
  });

  it('gives persons moving per day and country, every day of the period present', () => {
    expect(figures.byDayByCountry.days).toEqual(figures.window.current.days);
    expect(figures.byDayByCountry.series.map((s) => [s.country, s.values])).toEqual([
      ['RS', [100, 0, 0, 0, 0, 0, 0]],
      ['MK', [0, 0, 50, 0, 0, 0, 0]],
    ]);
  });

  it('follows the filter: verified only by default, and the scope\'s missions, places and kinds', () => {
    const strict = reportFiguresOf(records, { ...request, includeSubmitted: false });
    expect(strict.measures.movements.total.value).toBe(100);
    expect(strict.keyFigures[1]).toMatchObject({ key: 'exits', figure: { value: 0 } });
    const sites = reportFiguresOf(records, { ...request, scope: { kinds: ['site_snapshot'] } });
    expect(sites.measures.recordIds).toEqual([site.id]);
    expect(sites.keyFigures.map((k) => k.hasData)).toEqual([false, false, false, true]);
    expect(sites.borderChanges).toEqual([]);
  });

  it('counts a record whose time cannot be read nowhere, and refuses a period of centuries with a message', () => {
    const unreadable = moving('incoming', { totalPersons: 7777, observedStart: 'soon' });
    const out = reportFiguresOf([...records, unreadable], request);
    expect(out.measures.recordIds).not.toContain(unreadable.id);
    expect(out.measures.movements.total.value).toBe(150);
    expect(() => reportFiguresOf(records, { ...request, period: { from: '0001-01-01T00:00:00.000Z', to: '9999-01-01T00:00:00.000Z' } })).toThrow(RangeError);
  });

  it('gives a training report only the training records', () => {
    const training = reportFiguresOf(records, { ...request, training: true });
    expect(training.measures.movements.total.value).toBe(999);
    expect(training.keyFigures.every((k) => k.previous === null)).toBe(true);
  });

  it('gives empty figures for an empty period', () => {
    const empty = reportFiguresOf([], request);
    expect(empty.measures.records).toBe(0);
    expect(empty.keyFigures.map((k) => [k.figure.value, k.hasData, k.previous, k.yearBefore])).toEqual(Array.from({ length: 4 }, () => [0, false, null, null]));
    expect(empty.highlights).toEqual([]);
    expect(empty.byDayByCountry.totals).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(reportFiguresOf(records, { ...request, period: { from: JULY_WEEK.from, to: JULY_WEEK.from } }).byDayByCountry).toEqual({ days: [], series: [], totals: [] });
  });

  it('is plain data that a worker can post: no Map, no class, no function, and a structured clone equals it', () => {
    const strays: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
      if (Array.isArray(value)) {
        value.forEach((v: unknown, i) => walk(v, `${path}[${i}]`));
        return;
      }
      if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
        return;
      }
      strays.push(`${path}: ${typeof value}`);
    };
    walk(figures, 'figures');
    expect(strays).toEqual([]);
    expect(structuredClone(figures)).toEqual(figures);
  });
});

describe('reportFiguresOf over 100,000 records', () => {
  // A year of records at twelve places (two countries), plus the quarter before: movements in
  // every direction with sex and nationality parts, site snapshots, border statuses, incidents,
  // official figures; some submitted, some drafts, some deleted, some training.
  const placeIds = [...places.keys()];
  const directions: Direction[] = ['incoming', 'outgoing', 'transit', 'unknown'];
  const kinds = ['group_sighting', 'point_count', 'site_snapshot', 'border_status', 'incident', 'secondary_source'] as const;
  const start = Date.parse('2024-10-01T00:00:00.000Z');
  const end = Date.parse('2026-01-01T00:00:00.000Z');
  const big: Observation[] = [];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  for (let i = 0; i < 100_000; i++) {
    const kind = kinds[next(10) < 6 ? next(2) : 2 + next(4)] ?? 'group_sighting';
    const at = new Date(start + Math.floor(((end - start) * i) / 100_000)).toISOString();
    const persons = 1 + next(80);
    const status = (['verified', 'verified', 'verified', 'submitted', 'draft'] as const)[next(5)] ?? 'verified';
    const patch: Partial<Observation> = {
      kind,
      observedStart: at,
      reportedAt: at,
      placeId: placeIds[next(placeIds.length)] ?? null,
      totalPersons: persons,
      reviewStatus: status,
      deleted: next(50) === 0,
      ...(next(100) === 0 ? { training: true as const } : {}),
    };
    if (kind === 'site_snapshot') big.push(snapshot(patch.placeId ?? 'rs-adasevci', at, persons * 10, 400, patch));
    else if (kind === 'border_status') big.push(borderStatus(patch.placeId ?? 'rs-presevo', at, next(3) === 0 ? 'closed' : 'open', [], patch));
    else if (kind === 'incident') big.push(incident(at, { dead: next(20) === 0 ? 1 : 0, injured: next(3) }, patch));
    else if (kind === 'secondary_source') big.push(record(patch));
    else {
      const men = next(persons + 1);
      big.push(moving(directions[next(4)] ?? null, { ...patch, counts: counts({ men, women: persons - men }), nationalities: [nationality('SYR', persons)] }));
    }
  }
  const year2025 = { from: '2024-12-31T23:00:00.000Z', to: '2025-12-31T23:00:00.000Z' };
  const options = { includeSubmitted: true, training: false };
  const moves = (from: string, to: string): number =>
    big
      .filter((r) => countsInReport(r, options) && (r.kind === 'group_sighting' || r.kind === 'point_count') && r.observedStart >= from && r.observedStart < to)
      .reduce((sum, r) => sum + r.totalPersons, 0);

  it('adds up: every section reconciles with a plain sum over the records', () => {
    const out = reportFiguresOf(big, { ...request, ...options, period: year2025 });
    const total = moves(year2025.from, year2025.to);
    expect(total).toBeGreaterThan(1_000_000);
    expect(out.measures.movements.total.value).toBe(total);
    expect(out.byDayByCountry.days).toHaveLength(365);
    expect(out.byDayByCountry.totals.reduce((a, b) => a + b, 0)).toBe(total);
    expect(out.byDayByCountry.series.reduce((sum, s) => sum + s.total.value, 0)).toBe(total);
    expect(out.demographics.persons.value).toBe(total);
    expect(out.demographics.sexAge.men.value + out.demographics.sexAge.women.value).toBe(total);
    expect(out.demographics.nationalities.top[0]?.figure.value).toBe(total);
    expect(out.keyFigures[2]?.figure.value).toBe(total / 365);
    // The 365 days before 2025 run from 2 January 2024; the year before is 2024, 366 days.
    // Only 2024's last quarter was generated.
    expect(out.keyFigures[2]?.previous).toMatchObject({ days: 365, period: { from: '2024-01-01T23:00:00.000Z' } });
    expect(out.keyFigures[2]?.previous?.base.value).toBe(moves('2024-10-01T00:00:00.000Z', year2025.from) / 365);
    expect(out.keyFigures[2]?.yearBefore).toMatchObject({ days: 366, period: { from: '2023-12-31T23:00:00.000Z', to: year2025.from } });
    expect(out.keyFigures[2]?.yearBefore?.base.value).toBe(moves('2024-10-01T00:00:00.000Z', year2025.from) / 366);
    expect(out.capacity.sites.length).toBe(placeIds.length);
    expect(out.methodology.review.counted).toBe(out.measures.records);
    expect(out.measures).toEqual(measuresOf(big, year2025, { ...request, ...options }));
  });
});
