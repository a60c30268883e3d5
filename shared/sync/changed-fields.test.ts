import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation-schema';
import { changedFields } from './changed-fields';

const base: Observation = {
  id: '01900000-0000-7000-8000-000000000001',
  kind: 'group_sighting',
  mission: 'RS',
  office: 'RS-BEL',
  author: 'Ana',
  device: 'd1',
  observedStart: '2026-03-01T10:00:00.000Z',
  reportedAt: '2026-03-01T10:00:00.000Z',
  placeId: 'rs-presevo',
  location: null,
  locationMethod: 'gazetteer',
  totalPersons: 12,
  summary: 'twelve',
  reviewStatus: 'submitted',
  deleted: false,
  hlc: '000000000001000-000000-d1',
};

describe('changedFields', () => {
  it('lists each changed field with its value before and after', () => {
    expect(changedFields(base, { ...base, totalPersons: 14, summary: 'fourteen' })).toEqual([
      { field: 'totalPersons', before: 12, after: 14 },
      { field: 'summary', before: 'twelve', after: 'fourteen' },
    ]);
  });

  it('skips the clocks, and compares objects whatever their key order', () => {
    const a = { ...base, location: { lat: 42.3, lon: 21.6 } } as Observation;
    const b = { ...base, location: { lon: 21.6, lat: 42.3 }, hlc: '000000000009000-000000-d2', fieldClocks: { location: 'x' } } as Observation;
    expect(changedFields(a, b)).toEqual([]);
  });

  it('tells an absent field from a null one, and reports absence as null', () => {
    const withEnd = { ...base, observedEnd: '2026-03-01T11:00:00.000Z' } as Observation;
    expect(changedFields(withEnd, base)).toEqual([{ field: 'observedEnd', before: '2026-03-01T11:00:00.000Z', after: null }]);
    expect(changedFields({ ...base, location: null }, { ...base, location: undefined } as unknown as Observation)).toEqual([
      { field: 'location', before: null, after: null },
    ]);
  });
});

describe('changedFields: the merge\'s bookkeeping', () => {
  it('never reports the clocks or the bases of edits as a change', () => {
    const before: Observation = { ...base, hlc: 'a', fieldClocks: { summary: 'a' }, fieldBases: { summary: '' } };
    const after: Observation = { ...before, hlc: 'b', fieldClocks: { summary: 'b' }, fieldBases: { summary: 'a' } };
    expect(changedFields(before, after)).toEqual([]);
  });
});
