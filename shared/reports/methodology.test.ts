import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation-schema';
import { measuresOf } from './measures';
import { methodologyOf } from './methodology';
import { BELGRADE, counts, incident, JULY_WEEK, moving, places, record, snapshot } from '../../test-support/shared/report-test-records';

const source = (reliability: 'A' | 'B' | 'C' | null, credibility: '1' | '2' | '3' | null, type: 'direct_observation' | 'authorities' | 'un_or_international_organisation' = 'direct_observation', name: string | null = null) =>
  ({ source: { type, name, reliability, credibility } }) satisfies Partial<Observation>;

// Movements: 30 exact (A1), 20 estimated (B2, submitted), 5 with no method (no source).
const m1 = moving('incoming', { totalPersons: 30, counts: counts({ method: 'exact_count' }), ...source('A', '1') });
const m2 = moving('incoming', { totalPersons: 20, reviewStatus: 'submitted', counts: counts({ method: 'estimate' }), ...source('B', '2') });
const m3 = moving('outgoing', { totalPersons: 5 });
// Sites: Adaševci estimated at 100, then counted exactly at 150 (the latest); Krnjača 80, no method.
const s1 = snapshot('rs-adasevci', '2026-07-02T08:00:00.000Z', 100, 500, { counts: counts({ method: 'estimate' }), ...source('A', '2') });
const s2 = snapshot('rs-adasevci', '2026-07-04T08:00:00.000Z', 150, 500, { counts: counts({ method: 'exact_count' }), ...source('A', '1') });
const s3 = snapshot('rs-krnjaca', '2026-07-03T08:00:00.000Z', 80);
// Official figures: two from the ministry, one from UNHCR; an incident graded C with no credibility.
const o1 = record({ kind: 'secondary_source', totalPersons: 5000, observedStart: '2026-07-01T10:00:00.000Z', ...source('B', '2', 'authorities', 'Ministry') });
const o2 = record({ kind: 'secondary_source', totalPersons: 5200, observedStart: '2026-07-04T10:00:00.000Z', ...source('B', '2', 'authorities', 'Ministry') });
const o3 = record({ kind: 'secondary_source', totalPersons: 7000, observedStart: '2026-07-03T10:00:00.000Z', ...source('A', '2', 'un_or_international_organisation', 'UNHCR') });
const i1 = incident('2026-07-03T10:00:00.000Z', { injured: 2 }, source('C', null));
const records = [m1, m2, m3, s1, s2, s3, o1, o2, o3, i1];

function methodology(showSourceNames: boolean) {
  const m = measuresOf(records, JULY_WEEK, { includeSubmitted: true, training: false, timeZone: BELGRADE, places, showSourceNames });
  return { m, out: methodologyOf(records, m.official, true) };
}

describe('methodologyOf', () => {
  const { m, out } = methodology(true);

  it('mixes the count methods of persons seen moving, adding up to the movements figure', () => {
    const mix = out.countMethods.movements;
    expect([mix.exact_count.value, mix.estimate.value, mix.unknown.value, mix.key_informant.value, mix.official_figure.value]).toEqual([30, 20, 5, 0, 0]);
    expect(mix.estimate).toMatchObject({ records: 1, recordIds: [m2.id], includesSubmitted: true, method: { key: 'countMethodMovements' } });
    expect(Object.values(mix).reduce((sum, f) => sum + f.value, 0)).toBe(m.movements.total.value);
  });

  it('mixes the count methods of persons at sites over each site\'s latest snapshot, adding up to the presence figure', () => {
    const mix = out.countMethods.presence;
    expect([mix.exact_count.value, mix.estimate.value, mix.unknown.value]).toEqual([150, 0, 80]);
    expect(mix.exact_count.recordIds).toEqual([s2.id]);
    expect(Object.values(mix).reduce((sum, f) => sum + f.value, 0)).toBe(m.presence.total.value);
  });

  it('gives the Admiralty grade mix of every counted record, unknown when a part is missing', () => {
    expect(out.grades.map((g) => [g.grade, g.records.value, g.records.records])).toEqual([
      ['A1', 2, 2],
      ['A2', 2, 2],
      ['B2', 3, 3],
      ['unknown', 3, 3],
    ]);
    expect(out.grades.find((g) => g.grade === 'unknown')?.records.recordIds).toEqual([m3.id, s3.id, i1.id]);
  });

  it('gives the verified share of the counted records', () => {
    expect(out.review).toMatchObject({ counted: 10, verifiedShare: 0.9, includeSubmitted: true });
    expect(out.review.verified.value).toBe(9);
    expect(out.review.submitted).toMatchObject({ value: 1, recordIds: [m2.id], includesSubmitted: true });
    expect(methodologyOf([], [], false).review.verifiedShare).toBeNull();
  });

  it('lists the official sources with their as-of dates, names only when the viewer may see them', () => {
    expect(out.officialSources.map((s) => [s.sourceType, s.sourceName, s.figures.value, s.figures.recordIds.sort(), s.asOfFrom, s.asOfTo])).toEqual([
      ['authorities', 'Ministry', 2, [o1.id, o2.id].sort(), '2026-07-01T10:00:00.000Z', '2026-07-04T10:00:00.000Z'],
      ['un_or_international_organisation', 'UNHCR', 1, [o3.id], '2026-07-03T10:00:00.000Z', '2026-07-03T10:00:00.000Z'],
    ]);
    expect(methodology(false).out.officialSources.map((s) => [s.sourceType, s.sourceName])).toEqual([
      ['authorities', null],
      ['un_or_international_organisation', null],
    ]);
  });
});
