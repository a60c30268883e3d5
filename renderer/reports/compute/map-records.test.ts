import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../../shared/reports/report-record';
import { mapGroupsOf } from './map-records';

const base = { mission: 'field', country: 'RS', reportedAt: '2016-03-02T00:00:00.000Z', reviewStatus: 'verified', training: false, deleted: false } as const;
const record = (id: string, over: Partial<ReportRecord>): ReportRecord =>
  ({ ...base, id, kind: 'group_sighting', placeId: 'rs-presevo', location: { lat: 42.31, lon: 21.65 }, observedStart: '2016-03-01T10:00:00.000Z', totalPersons: 10, ...over }) as ReportRecord;

describe('the report map’s groups', () => {
  it('groups records of the same kind, measure, place, point and movement, equal points and movements alike however they are held', () => {
    const leg = { direction: 'incoming', fromPlaceId: 'mk-tabanovce', fromCountry: 'MK', toPlaceId: null, toCountry: null } as const;
    const groups = mapGroupsOf([
      record('a', { movement: leg, observedStart: '2016-03-02T10:00:00.000Z' }),
      record('b', { movement: { ...leg }, location: { lat: 42.31, lon: 21.65 }, totalPersons: 5, observedStart: '2016-03-01T08:00:00.000Z' }),
      record('c', { movement: { ...leg, direction: 'outgoing' } }),
      record('d', { kind: 'point_count', movement: leg }),
      record('e', { placeId: null, location: { lat: 44.8, lon: 20.4 }, movement: undefined }),
      record('f', { placeId: null, location: { lat: 44.8, lon: 20.5 }, movement: undefined }),
      record('g', { counts: { method: 'official_figure' } as ReportRecord['counts'], movement: leg }),
      record('h', { movement: null as never }),
    ]);
    expect(groups.map((g) => [g.kind, g.measure, g.placeId, g.movement?.direction ?? null, g.records, g.totalPersons])).toEqual([
      ['group_sighting', 'movements', 'rs-presevo', 'incoming', 2, 15],
      ['group_sighting', 'movements', 'rs-presevo', 'outgoing', 1, 10],
      ['point_count', 'movements', 'rs-presevo', 'incoming', 1, 10],
      ['group_sighting', 'movements', null, null, 1, 10],
      ['group_sighting', 'movements', null, null, 1, 10],
      ['group_sighting', 'official', 'rs-presevo', 'incoming', 1, 10],
      ['group_sighting', 'movements', 'rs-presevo', null, 1, 10],
    ]);
    expect(groups[0]).toMatchObject({ firstStart: '2016-03-01T08:00:00.000Z', lastStart: '2016-03-02T10:00:00.000Z', location: { lat: 42.31, lon: 21.65 } });
    expect(groups[0]?.movement).toEqual(leg);
  });
});
