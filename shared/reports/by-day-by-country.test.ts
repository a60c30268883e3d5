import { describe, expect, it } from 'vitest';
import { byDayByCountryOf, peakDayOf } from './by-day-by-country';
import { daysFrom } from './local-days';
import { measuresOf } from './measures';
import { BELGRADE, JULY_WEEK, moving, places, snapshot } from '../../test-support/shared/report-test-records';

const days = daysFrom('2026-07-01', '2026-07-07');
// Serbia: 10 on 1 July, 5 + 7 on 3 July (Belgrade and a GPS point in Serbia), 4 at 23:30 UTC on
// 6 July (7 July in Belgrade). North Macedonia: 30 on 3 July. A point with no country: 2 on 2 July.
const records = [
  moving('incoming', { placeId: 'rs-presevo', totalPersons: 10, observedStart: '2026-07-01T08:00:00.000Z' }),
  moving('transit', { placeId: 'rs-belgrade', totalPersons: 5, observedStart: '2026-07-03T08:00:00.000Z' }),
  moving('transit', { placeId: null, location: { lat: 44.9, lon: 19.5 }, country: 'RS', totalPersons: 7, observedStart: '2026-07-03T09:00:00.000Z' }),
  moving('outgoing', { placeId: 'rs-sid', totalPersons: 4, observedStart: '2026-07-06T23:30:00.000Z' }),
  moving('incoming', { placeId: 'mk-tabanovce', totalPersons: 30, observedStart: '2026-07-03T10:00:00.000Z' }),
  moving(null, { placeId: null, location: { lat: 42, lon: 21 }, totalPersons: 2, observedStart: '2026-07-02T10:00:00.000Z' }),
  // Not moving: a site.
  snapshot('rs-adasevci', '2026-07-04T08:00:00.000Z', 300),
];

describe('byDayByCountryOf', () => {
  const out = byDayByCountryOf(records, days, places, BELGRADE);

  it('gives one line per country of the place, every day present with zeros', () => {
    expect(out.days).toEqual(days);
    expect(out.series.map((s) => [s.country, s.values])).toEqual([
      ['MK', [0, 0, 30, 0, 0, 0, 0]],
      ['RS', [10, 0, 12, 0, 0, 0, 4]],
      [null, [0, 2, 0, 0, 0, 0, 0]],
    ]);
    expect(out.totals).toEqual([10, 2, 42, 0, 0, 0, 4]);
  });

  it('traces each line to its records, and adds up to the movements figure by day', () => {
    const rs = out.series.find((s) => s.country === 'RS');
    expect(rs?.total).toMatchObject({ value: 26, records: 4, method: { key: 'movementsInCountry', values: { places: 4 } } });
    const m = measuresOf(records, JULY_WEEK, { includeSubmitted: false, training: false, timeZone: BELGRADE, places, showSourceNames: false });
    for (const { day, total } of m.movements.byDay) expect(out.totals[days.indexOf(day)]).toBe(total.value);
  });

  it('gives all-zero days and no line for no records', () => {
    expect(byDayByCountryOf([], days, places, BELGRADE)).toEqual({ days, series: [], totals: [0, 0, 0, 0, 0, 0, 0] });
  });
});

describe('peakDayOf', () => {
  it('gives the busiest local day, the earliest on a tie', () => {
    expect(peakDayOf(records, BELGRADE)).toEqual({ day: '2026-07-03', value: 42 });
    const tie = [moving('incoming', { totalPersons: 5, observedStart: '2026-07-05T08:00:00.000Z' }), moving('incoming', { totalPersons: 5, observedStart: '2026-07-04T08:00:00.000Z' })];
    expect(peakDayOf(tie, BELGRADE)).toEqual({ day: '2026-07-04', value: 5 });
    expect(peakDayOf([snapshot('rs-adasevci', '2026-07-04T08:00:00.000Z', 300)], BELGRADE)).toBeNull();
  });
});
