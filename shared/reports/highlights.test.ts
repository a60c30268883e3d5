import { describe, expect, it } from 'vitest';
import { borderChangesOf } from './border-changes';
import { capacityOf } from './capacity';
import type { Figure } from './figure';
import { emptyFigure } from './figure';
import type { HighlightInput } from './highlights';
import { highlightsOf, MAX_HIGHLIGHTS } from './highlights';
import type { KeyFigure, KeyFigureKey } from './key-figures';
import { presenceOf } from './presence';
import { BELGRADE, borderStatus, incident, JULY_WEEK, places, snapshot } from '../../test-support/shared/report-test-records';

function figure(value: number): Figure {
  return { ...emptyFigure('movements'), value };
}

/** A key figure with a change against the period before (null: no comparison). */
function tile(key: KeyFigureKey, value: number, base: number | null): KeyFigure {
  const previous =
    base === null
      ? null
      : { period: JULY_WEEK, days: 7, base: figure(base), absolute: value - base, relative: base === 0 ? null : (value - base) / base };
  return { key, figure: figure(value), hasData: true, previous, yearBefore: null };
}

const quiet: HighlightInput = {
  keyFigures: [],
  byDay: [],
  lookBackPeak: null,
  lookBackDays: 90,
  borderChanges: [],
  records: [],
  capacity: capacityOf(presenceOf([]), BELGRADE),
  timeZone: BELGRADE,
};

describe('highlightsOf: each kind', () => {
  it('names the key figure with the largest relative change, a rise or a fall', () => {
    // Entries +50 %, exits -60 %, average from 0 (no relative change: left out), sites no comparison.
    const keyFigures = [tile('entries', 150, 100), tile('exits', 40, 100), tile('averagePerDay', 30, 0), tile('atSites', 500, null)];
    expect(highlightsOf({ ...quiet, keyFigures })).toEqual([
      { key: 'largestFall', values: { figure: 'exits', value: 40, base: 100, absolute: -60, relative: -0.6, days: 7 } },
    ]);
    expect(highlightsOf({ ...quiet, keyFigures: [tile('entries', 150, 100), tile('exits', 120, 100)] })[0]).toMatchObject({ key: 'largestRise', values: { figure: 'entries', relative: 0.5 } });
    expect(highlightsOf({ ...quiet, keyFigures: [tile('entries', 100, 100)] })).toEqual([]);
  });

  it('tells a new peak only when the period\'s busiest day beats every day of a look-back window that holds data', () => {
    const byDay = [
      { day: '2026-07-02', total: figure(300) },
      { day: '2026-07-05', total: figure(420) },
    ];
    expect(highlightsOf({ ...quiet, byDay, lookBackPeak: { day: '2026-05-20', value: 400 } })).toEqual([
      { key: 'newPeak', values: { day: '2026-07-05', value: 420, previousPeak: 400, previousPeakDay: '2026-05-20', lookBackDays: 90 } },
    ]);
    expect(highlightsOf({ ...quiet, byDay, lookBackPeak: { day: '2026-05-20', value: 420 } })).toEqual([]);
    expect(highlightsOf({ ...quiet, byDay, lookBackPeak: null })).toEqual([]);
  });

  it('tells border closings, then restrictions, latest first, only against a known earlier status', () => {
    const borderChanges = borderChangesOf(
      [
        borderStatus('rs-presevo', '2026-06-10T08:00:00.000Z', 'open'),
        borderStatus('rs-presevo', '2026-07-02T08:00:00.000Z', 'restricted', ['SYR', 'AFG']),
        borderStatus('rs-presevo', '2026-07-04T08:00:00.000Z', 'restricted', ['SYR']),
        borderStatus('mk-tabanovce', '2026-06-10T08:00:00.000Z', 'open'),
        borderStatus('mk-tabanovce', '2026-07-03T08:00:00.000Z', 'closed'),
        // No earlier status known: not told as a closing.
        borderStatus('rs-sid', '2026-07-05T08:00:00.000Z', 'closed'),
      ],
      JULY_WEEK,
      BELGRADE,
      places,
    );
    expect(highlightsOf({ ...quiet, borderChanges }).map((h) => [h.key, h.values.place, h.values.day, h.values.from, h.values.to, h.values.nationalities])).toEqual([
      ['borderClosed', 'mk-tabanovce', '2026-07-03', 'open', 'closed', ''],
      ['borderRestricted', 'rs-presevo', '2026-07-04', 'restricted', 'restricted', 'SYR'],
      ['borderRestricted', 'rs-presevo', '2026-07-02', 'open', 'restricted', 'AFG, SYR'],
    ]);
  });

  it('tells the incident with most dead first, then most casualties; none without casualties', () => {
    const records = [
      incident('2026-07-02T08:00:00.000Z', { injured: 9 }),
      incident('2026-07-03T23:30:00.000Z', { dead: 1, missing: 2 }, { placeId: 'rs-sid' }),
      incident('2026-07-04T08:00:00.000Z', { dead: 0, injured: 0 }),
      incident('2026-07-05T08:00:00.000Z', {}, { placeId: null, location: { lat: 45, lon: 19 } }),
    ];
    expect(highlightsOf({ ...quiet, records }).map((h) => h.values)).toEqual([
      { day: '2026-07-04', place: 'rs-sid', type: 'violence', dead: 1, injured: 0, missing: 2 },
      { day: '2026-07-02', place: 'rs-presevo', type: 'violence', dead: 0, injured: 9, missing: 0 },
    ]);
  });

  it('tells the site most over its capacity', () => {
    const capacity = capacityOf(
      presenceOf([
        snapshot('rs-adasevci', '2026-07-05T08:00:00.000Z', 600, 500),
        snapshot('rs-krnjaca', '2026-07-05T08:00:00.000Z', 390, 300),
        snapshot('rs-presevo', '2026-07-05T08:00:00.000Z', 100, 400),
      ]),
      BELGRADE,
    );
    expect(highlightsOf({ ...quiet, capacity })).toEqual([
      { key: 'siteOverCapacity', values: { place: 'rs-krnjaca', day: '2026-07-05', occupancy: 390, capacity: 300, rate: 1.3, sitesOverCapacity: 2 } },
      { key: 'siteOverCapacity', values: { place: 'rs-adasevci', day: '2026-07-05', occupancy: 600, capacity: 500, rate: 1.2, sitesOverCapacity: 2 } },
    ]);
  });

  it('gives nothing for a quiet period', () => {
    expect(highlightsOf(quiet)).toEqual([]);
  });
});

describe('highlightsOf: ranking', () => {
  const everything: HighlightInput = {
    ...quiet,
    keyFigures: [tile('entries', 150, 100)],
    byDay: [{ day: '2026-07-05', total: figure(420) }],
    lookBackPeak: { day: '2026-05-20', value: 400 },
    borderChanges: borderChangesOf(
      [
        borderStatus('mk-tabanovce', '2026-06-10T08:00:00.000Z', 'open'),
        borderStatus('mk-tabanovce', '2026-07-03T08:00:00.000Z', 'closed'),
        borderStatus('rs-presevo', '2026-06-10T08:00:00.000Z', 'open'),
        borderStatus('rs-presevo', '2026-07-04T08:00:00.000Z', 'closed'),
      ],
      JULY_WEEK,
      BELGRADE,
      places,
    ),
    records: [incident('2026-07-02T08:00:00.000Z', { dead: 2 }), incident('2026-07-03T08:00:00.000Z', { dead: 1 })],
    capacity: capacityOf(presenceOf([snapshot('rs-adasevci', '2026-07-05T08:00:00.000Z', 600, 500)]), BELGRADE),
  };

  it('takes one of each kind first, in order, at most five', () => {
    const out = highlightsOf(everything);
    expect(out).toHaveLength(MAX_HIGHLIGHTS);
    expect(out.map((h) => h.key)).toEqual(['largestRise', 'newPeak', 'borderClosed', 'incidentCasualties', 'siteOverCapacity']);
    expect(out[2]?.values.place).toBe('rs-presevo');
  });

  it('fills the places of missing kinds with the next of each kind', () => {
    const out = highlightsOf({ ...everything, keyFigures: [], lookBackPeak: null });
    expect(out.map((h) => [h.key, h.values.place, h.values.day])).toEqual([
      ['borderClosed', 'rs-presevo', '2026-07-04'],
      ['incidentCasualties', 'rs-presevo', '2026-07-02'],
      ['siteOverCapacity', 'rs-adasevci', '2026-07-05'],
      ['borderClosed', 'mk-tabanovce', '2026-07-03'],
      ['incidentCasualties', 'rs-presevo', '2026-07-03'],
    ]);
  });
});
