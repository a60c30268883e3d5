import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation-schema';
import type { PeriodRecords } from './key-figures';
import { keyFiguresOf, keyFigureValuesOf } from './key-figures';
import { measuresOf } from './measures';
import { BELGRADE, JULY_WEEK, moving, places, snapshot } from '../../test-support/shared/report-test-records';

const previousWeek = { from: '2026-06-23T22:00:00.000Z', to: JULY_WEEK.from };
const weekYearBefore = { from: '2025-06-30T22:00:00.000Z', to: '2025-07-07T22:00:00.000Z' };
const part = (period: { from: string; to: string }, records: Observation[]): PeriodRecords => ({ period, days: 7, records });

// This week: entries 100 at Preševo + 20 at Šid = 120; exits 50 at Tabanovce; 40 in transit in
// Belgrade (moving, no entry or exit): 210 seen moving over 7 days = 30 a day. Adaševci's latest
// snapshot 350 + Krnjača's 80 = 430 at sites.
const thisWeek = [
  moving('incoming', { placeId: 'rs-presevo', totalPersons: 100, observedStart: '2026-07-01T08:00:00.000Z' }),
  moving('incoming', { placeId: 'rs-sid', totalPersons: 20, observedStart: '2026-07-02T08:00:00.000Z' }),
  moving('outgoing', { placeId: 'mk-tabanovce', totalPersons: 50, observedStart: '2026-07-03T08:00:00.000Z' }),
  moving('transit', { placeId: 'rs-belgrade', totalPersons: 40, observedStart: '2026-07-04T08:00:00.000Z' }),
  snapshot('rs-adasevci', '2026-07-03T08:00:00.000Z', 300),
  snapshot('rs-adasevci', '2026-07-05T08:00:00.000Z', 350),
  snapshot('rs-krnjaca', '2026-07-04T08:00:00.000Z', 80),
];
// The week before: 80 entries at Preševo, 60 in transit in Belgrade (140 moving = 20 a day); no
// exits, but an entry point was counted, so exits were 0, not unknown; no site counted.
const weekBefore = [
  moving('incoming', { placeId: 'rs-presevo', totalPersons: 80, observedStart: '2026-06-25T08:00:00.000Z' }),
  moving('transit', { placeId: 'rs-belgrade', totalPersons: 60, observedStart: '2026-06-26T08:00:00.000Z' }),
];
// A year before: only a site counted (215).
const lastYear = [snapshot('rs-adasevci', '2025-07-03T08:00:00.000Z', 215)];

describe('keyFigureValuesOf', () => {
  it('sums entries and exits over every country as movements.byCountry does, and divides persons moving by the days', () => {
    const v = keyFigureValuesOf(thisWeek, places, 7);
    expect(v.figures.entries).toMatchObject({ value: 120, records: 2, method: { key: 'entriesAllCountries', values: { points: 2, countries: 1 } } });
    expect(v.figures.exits).toMatchObject({ value: 50, records: 1, method: { key: 'exitsAllCountries', values: { points: 1, countries: 1 } } });
    expect(v.figures.averagePerDay).toMatchObject({ value: 30, records: 4, method: { key: 'movementsPerDay', values: { days: 7, places: 4 } } });
    expect(v.figures.atSites).toMatchObject({ value: 430, records: 2 });
    expect(v.hasData).toEqual({ entries: true, exits: true, averagePerDay: true, atSites: true });

    const m = measuresOf(thisWeek, JULY_WEEK, { includeSubmitted: false, training: false, timeZone: BELGRADE, places, showSourceNames: false });
    expect(m.movements.byCountry.reduce((sum, c) => sum + c.entries.value, 0)).toBe(v.figures.entries.value);
    expect(m.movements.byCountry.reduce((sum, c) => sum + c.exits.value, 0)).toBe(v.figures.exits.value);
    expect(m.movements.total.value / 7).toBe(v.figures.averagePerDay.value);
    expect(m.presence.total.value).toBe(v.figures.atSites.value);
  });

  it('has no data for a period nobody counted, and none for entries when only cities were counted', () => {
    expect(keyFigureValuesOf([], places, 7).hasData).toEqual({ entries: false, exits: false, averagePerDay: false, atSites: false });
    const cityOnly = keyFigureValuesOf([moving('incoming', { placeId: 'rs-belgrade', totalPersons: 9 })], places, 7);
    expect(cityOnly.hasData).toEqual({ entries: false, exits: false, averagePerDay: true, atSites: false });
    expect(keyFigureValuesOf([], places, 0).figures.averagePerDay.value).toBe(0);
  });
});

describe('keyFiguresOf', () => {
  const figures = keyFiguresOf(part(JULY_WEEK, thisWeek), part(previousWeek, weekBefore), part(weekYearBefore, lastYear), places);
  const tile = (key: string) => figures.find((f) => f.key === key);

  it('gives the four tiles in order', () => {
    expect(figures.map((f) => [f.key, f.figure.value, f.hasData])).toEqual([
      ['entries', 120, true],
      ['exits', 50, true],
      ['averagePerDay', 30, true],
      ['atSites', 430, true],
    ]);
  });

  it('compares with the week before where both have data: absolute, and relative unless the base is 0', () => {
    expect(tile('entries')?.previous).toMatchObject({ period: previousWeek, days: 7, absolute: 40, relative: 0.5 });
    expect(tile('entries')?.previous?.base).toMatchObject({ value: 80, records: 1 });
    // 0 exits the week before, at a counted entry point: +50, no percentage.
    expect(tile('exits')?.previous).toMatchObject({ absolute: 50, relative: null });
    expect(tile('averagePerDay')?.previous).toMatchObject({ absolute: 10, relative: 0.5 });
    // No site was counted the week before: no comparison, never "+100 %".
    expect(tile('atSites')?.previous).toBeNull();
  });

  it('compares with the same week a year before only where it has data', () => {
    expect(tile('entries')?.yearBefore).toBeNull();
    expect(tile('exits')?.yearBefore).toBeNull();
    expect(tile('averagePerDay')?.yearBefore).toBeNull();
    expect(tile('atSites')?.yearBefore).toMatchObject({ period: weekYearBefore, absolute: 215, relative: 1 });
    expect(tile('atSites')?.yearBefore?.base.value).toBe(215);
  });

  it('gives no comparison when this period has no data, even if the other has', () => {
    const empty = keyFiguresOf(part(JULY_WEEK, []), part(previousWeek, weekBefore), part(weekYearBefore, lastYear), places);
    expect(empty.map((f) => [f.key, f.figure.value, f.hasData, f.previous, f.yearBefore])).toEqual([
      ['entries', 0, false, null, null],
      ['exits', 0, false, null, null],
      ['averagePerDay', 0, false, null, null],
      ['atSites', 0, false, null, null],
    ]);
  });

  it('gives a fall as a negative change', () => {
    const fewer = keyFiguresOf(part(JULY_WEEK, [moving('incoming', { placeId: 'rs-presevo', totalPersons: 20 })]), part(previousWeek, weekBefore), part(weekYearBefore, []), places);
    expect(fewer[0]?.previous).toMatchObject({ absolute: -60, relative: -0.75 });
  });
});
