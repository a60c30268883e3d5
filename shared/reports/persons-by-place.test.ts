import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation-schema';
import { personsByPlace } from './persons-by-place';

let n = 0;
function obs(patch: Partial<Observation>): Observation {
  n += 1;
  return {
    id: `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'A',
    device: 'd1',
    observedStart: '2026-03-02T10:00:00.000Z',
    reportedAt: '2026-03-02T10:05:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 10,
    summary: '',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: '000001772445600000-000000-d1',
    ...patch,
  };
}

const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' };

describe('personsByPlace', () => {
  it('sums persons by place, largest first, and reconciles with the records', () => {
    const records = [
      obs({ placeId: 'rs-presevo', totalPersons: 40 }),
      obs({ placeId: 'rs-presevo', totalPersons: 2 }),
      obs({ placeId: 'mk-tabanovce', totalPersons: 100 }),
      obs({ placeId: null, location: { lat: 44, lon: 20 }, totalPersons: 5 }),
    ];
    const report = personsByPlace(records, period);
    expect(report.rows.map((r) => [r.placeId, r.records, r.persons])).toEqual([
      ['mk-tabanovce', 1, 100],
      ['rs-presevo', 2, 42],
      [null, 1, 5],
    ]);
    expect(report.totalPersons).toBe(147);
    expect(report.totalRecords).toBe(4);
    expect(report.rows.reduce((s, r) => s + r.persons, 0)).toBe(report.totalPersons);
    expect(report.rows.flatMap((r) => r.recordIds).sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('leaves out deleted records and records outside the period (end exclusive)', () => {
    const records = [
      obs({ totalPersons: 1 }),
      obs({ totalPersons: 1000, deleted: true }),
      obs({ totalPersons: 1000, observedStart: '2026-03-08T00:00:00.000Z' }),
      obs({ totalPersons: 1000, observedStart: '2026-02-28T23:59:59.999Z' }),
      obs({ totalPersons: 3, observedStart: '2026-03-01T00:00:00.000Z' }),
    ];
    expect(personsByPlace(records, period).totalPersons).toBe(4);
  });

  it('gives an empty report for no records', () => {
    expect(personsByPlace([], period)).toEqual({ rows: [], totalPersons: 0, totalRecords: 0 });
  });
});
