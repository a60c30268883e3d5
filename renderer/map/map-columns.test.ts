import { describe, expect, it } from 'vitest';
import type { Place } from '../../shared/places/place';
import type { DayIndexRow } from '../store/day-index';
import { lowerBound, selectWindow, toMapColumns } from './map-columns';

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
  status: [0, 0, 0, 0],
  mission: [0, 0, 0, 0],
  persons: [5, 7, 9, 11],
  fromPlace: [null, 'mk-gevgelija', null, null],
  toPlace: [null, 'rs-subotica', null, null],
  fromCountry: [null, 'MK', null, null],
  toCountry: [null, 'RS', null, 'HU'],
};

describe('map columns', () => {
  it('sorts by time, places entries without a point at their place, leaves out what cannot be drawn', () => {
    const columns = toMapColumns(row, places);
    expect(columns.count).toBe(3);
    expect(columns.ids).toEqual(['early', 'placed', 'late']);
    expect([...columns.time]).toEqual([1000, 2000, 3000]);
    expect([...columns.lat]).toEqual([44, 42.31, 45]);
    expect([...columns.lon]).toEqual([21, 21.65, 20]);
    expect([...columns.kind]).toEqual([3, 1, 0]);
    expect([...columns.persons]).toEqual([11, 7, 5]);
    expect(columns.fromPlace).toEqual([null, 'mk-gevgelija', null]);
    expect(columns.toPlace).toEqual([null, 'rs-subotica', null]);
    expect(columns.toCountry).toEqual(['HU', 'RS', null]);
  });

  it('keeps only the entries a mask marks (the summary search)', () => {
    const columns = toMapColumns(row, places, new Uint8Array([1, 0, 1, 0]));
    expect(columns.ids).toEqual(['late']);
  });

  it('finds a time window by binary search, ends exclusive', () => {
    const columns = toMapColumns(row, places);
    expect(lowerBound(columns.time, 0)).toBe(0);
    expect(lowerBound(columns.time, 2000)).toBe(1);
    expect(lowerBound(columns.time, 2001)).toBe(2);
    expect(lowerBound(columns.time, 9999)).toBe(3);
    expect(selectWindow(columns, 1000, 3000)).toEqual({ start: 0, end: 2 });
    expect(selectWindow(columns, 5000, 6000)).toEqual({ start: 3, end: 3 });
  });
});
