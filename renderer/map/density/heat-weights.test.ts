import { describe, expect, it } from 'vitest';
import { testColumns } from '../../../test-support/renderer/test-columns';
import { heatWeights } from './heat-weights';

describe('heatWeights', () => {
  const columns = testColumns([
    { id: 'm1', lat: 44, lon: 20, kind: 'group_sighting', persons: 40, placeId: 'rs-presevo', time: 1 },
    { id: 's1', lat: 44, lon: 20, kind: 'site_snapshot', persons: 900, placeId: 'rs-presevo', time: 2 },
    { id: 'm2', lat: 41, lon: 22, kind: 'point_count', persons: 12, time: 3 },
    { id: 's2', lat: 44, lon: 20, kind: 'site_snapshot', persons: 700, placeId: 'rs-presevo', time: 4 },
    { id: 'i', lat: 44, lon: 20, kind: 'incident', persons: 5, time: 5 },
    { id: 'o', lat: 44, lon: 20, kind: 'secondary_source', persons: 100_000, time: 6 },
    { id: 'b', lat: 44, lon: 20, kind: 'border_status', persons: 30, time: 7 },
    // A site without a gazetteer place: keyed by its spot.
    { id: 'g1', lat: 43, lon: 19, kind: 'site_snapshot', persons: 60, time: 8 },
    { id: 'g2', lat: 43, lon: 19, kind: 'site_snapshot', persons: 80, time: 9 },
  ]);

  it('weighs persons seen moving, and each site once by its latest count: never a sum over days, never incidents or official figures', () => {
    const weights = heatWeights({ columns, start: 0, end: columns.count });
    expect([...weights]).toEqual([40, 0, 12, 700, 0, 0, 0, 0, 80]);
    // 40 + 12 moving, 700 + 80 at sites: as the badges count them.
    expect(weights.reduce((a, b) => a + b, 0)).toBe(832);
  });

  it('takes the latest snapshot within the window only, indexed from its start', () => {
    expect([...heatWeights({ columns, start: 1, end: 3 })]).toEqual([900, 12]);
  });

  it('weighs broken figures as nothing', () => {
    const broken = testColumns([
      { id: 'n', lat: 44, lon: 20, kind: 'group_sighting', persons: Number.NaN },
      { id: 'x', lat: 44, lon: 20, kind: 'group_sighting', persons: -3 },
    ]);
    expect([...heatWeights({ columns: broken, start: 0, end: 2 })]).toEqual([0, 0]);
  });
});
