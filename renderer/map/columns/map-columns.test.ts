import { describe, expect, it } from 'vitest';
import type { Place } from '../../../shared/places/place';
import type { DayIndexRow, IndexFilter } from '../../store/day-index';
import { emptyRow, filterRows } from '../../store/day-index';
import { filterColumns, lowerBound, selectionMeasures, selectWindow, toPeriodColumns } from './map-columns';

const place = { id: 'rs-presevo', lat: 42.31, lon: 21.65 } as Place;
const places = new Map([[place.id, place]]);
const row: DayIndexRow = {
  day: '',
  ids: ['late', 'placed', 'lost', 'early'],
  time: [3000, 2000, 1500, 1000],
  lat: [45, Number.NaN, Number.NaN, 44],
  lon: [20, Number.NaN, Number.NaN, 21],
  placeId: [null, 'rs-presevo', 'unknown-place', null],
  kind: [0, 1, 2, 3],
  status: [0, 1, 0, 2],
  mission: [0, 0, 1, 1],
  persons: [5, 7, 9, 11],
  fromPlace: [null, 'mk-gevgelija', null, null],
  toPlace: [null, 'rs-subotica', null, null],
  fromCountry: [null, 'MK', null, null],
  toCountry: [null, 'RS', null, 'HU'],
  // movements, official (a point count given as an official figure), presence, incidents
  measure: [0, 3, 1, 2],
};
const period: IndexFilter = { from: new Date(0).toISOString(), to: new Date(10_000).toISOString() };

describe('map columns', () => {
  it('sorts by time, places entries without a point at their place, sets apart what cannot be drawn', () => {
    const { columns, status, mission, unlocated } = toPeriodColumns([row], places);
    expect(columns.count).toBe(3);
    expect(columns.ids).toEqual(['early', 'placed', 'late']);
    expect([...columns.time]).toEqual([1000, 2000, 3000]);
    expect([...columns.lat]).toEqual([44, 42.31, 45]);
    expect([...columns.lon]).toEqual([21, 21.65, 20]);
    expect([...columns.kind]).toEqual([3, 1, 0]);
    expect([...columns.persons]).toEqual([11, 7, 5]);
    expect([...status]).toEqual([2, 1, 0]);
    expect([...mission]).toEqual([1, 0, 0]);
    expect(columns.fromPlace).toEqual([null, 'mk-gevgelija', null]);
    expect(columns.toPlace).toEqual([null, 'rs-subotica', null]);
    expect(columns.toCountry).toEqual(['HU', 'RS', null]);
    expect([...(columns.measure ?? [])]).toEqual([2, 3, 0]);
    expect(unlocated.ids).toEqual(['lost']);
  });

  it('counts by the measure the day index gives: a point count given as an official figure is not persons moving', () => {
    const { columns } = toPeriodColumns([row], places);
    const m = selectionMeasures({ columns, start: 0, end: columns.count });
    expect(m.moving).toEqual({ persons: 5, records: 1 });
    expect(m.official).toBe(1);
    expect(m.incidents).toBe(1);
    // Narrowed by a filter, the measures follow their entries.
    const narrowed = filterColumns(toPeriodColumns([row], places), { ...period, kinds: ['point_count'] }).columns;
    expect(selectionMeasures({ columns: narrowed, start: 0, end: narrowed.count }).official).toBe(1);
  });

  it('merges day rows into one time order and numbers each spot as one site', () => {
    const second = emptyRow('');
    second.ids.push('same-spot', 'elsewhere');
    second.time.push(500, 4000);
    second.lat.push(45.0001, 41);
    second.lon.push(20.0001, 22);
    second.placeId.push(null, null);
    second.kind.push(0, 0);
    second.status.push(0, 0);
    second.mission.push(0, 0);
    second.persons.push(1, 2);
    for (const column of ['fromPlace', 'toPlace', 'fromCountry', 'toCountry'] as const) second[column].push(null, null);
    second.measure.push(0, 0);
    const { columns } = toPeriodColumns([row, second], places);
    expect(columns.ids).toEqual(['same-spot', 'early', 'placed', 'late', 'elsewhere']);
    const site = (id: string): number => columns.site[columns.ids.indexOf(id)] ?? -1;
    // 45.0001 and 45 fall in the same cell of 0.001°; every other entry is a spot of its own.
    expect(site('same-spot')).toBe(site('late'));
    expect(new Set([site('same-spot'), site('early'), site('placed'), site('elsewhere')]).size).toBe(4);
    expect(columns.sites.count).toBe(4);
    expect(columns.sites.lat[site('late')]).toBeCloseTo(45.00005, 6);
  });

  it('narrows in memory exactly as the day rows are narrowed, and counts what passes but cannot be drawn', () => {
    const periodColumns = toPeriodColumns([row], places);
    const filters: IndexFilter[] = [
      period,
      { ...period, kinds: ['point_count', 'incident'] },
      { ...period, statuses: ['submitted'] },
      { ...period, missions: ['MK'] },
      { ...period, placeIds: ['rs-presevo'] },
      { from: new Date(1500).toISOString(), to: new Date(3000).toISOString() },
    ];
    for (const filter of filters) {
      const expected = filterRows([row], filter);
      const { columns, unlocated } = filterColumns(periodColumns, filter);
      const drawn = expected.ids.filter((id) => id !== 'lost');
      expect([...columns.ids].sort()).toEqual([...drawn].sort());
      expect(unlocated).toBe(expected.ids.length - drawn.length);
    }
  });

  it('keeps only the ids a summary search kept, with their sites', () => {
    const periodColumns = toPeriodColumns([row], places);
    const { columns, unlocated } = filterColumns(periodColumns, period, new Set(['late', 'lost']));
    expect(columns.ids).toEqual(['late']);
    expect(columns.site[0]).toBe(periodColumns.columns.site[2]);
    expect(columns.sites).toBe(periodColumns.columns.sites);
    expect(unlocated).toBe(1);
  });

  it('hands back the period columns themselves when the filter keeps them all', () => {
    const periodColumns = toPeriodColumns([row], places);
    expect(filterColumns(periodColumns, period).columns).toBe(periodColumns.columns);
  });

  it('finds a time window by binary search, ends exclusive', () => {
    const { columns } = toPeriodColumns([row], places);
    expect(lowerBound(columns.time, 0)).toBe(0);
    expect(lowerBound(columns.time, 2000)).toBe(1);
    expect(lowerBound(columns.time, 2001)).toBe(2);
    expect(lowerBound(columns.time, 9999)).toBe(3);
    expect(selectWindow(columns, 1000, 3000)).toEqual({ start: 0, end: 2 });
    expect(selectWindow(columns, 5000, 6000)).toEqual({ start: 3, end: 3 });
  });
});
