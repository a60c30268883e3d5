import { describe, expect, it } from 'vitest';
import { testColumns } from '../../../test-support/renderer/test-columns';
import { placeFigures } from './place-figures';

describe('placeFigures', () => {
  it('adds persons seen moving and the latest count at site, never a sum of snapshots', () => {
    const columns = testColumns([
      { id: 'a', lat: 44, lon: 20, kind: 'group_sighting', persons: 40, placeId: 'rs-presevo', time: 1 },
      { id: 'b', lat: 44, lon: 20, kind: 'site_snapshot', persons: 900, placeId: 'rs-presevo', time: 2 },
      { id: 'c', lat: 44, lon: 20, kind: 'site_snapshot', persons: 700, placeId: 'rs-presevo', time: 3 },
      { id: 'd', lat: 44, lon: 20, kind: 'incident', persons: 5, placeId: 'rs-presevo', time: 4 },
      { id: 'e', lat: 41, lon: 22, kind: 'point_count', persons: 12, placeId: 'mk-gevgelija', time: 5 },
      { id: 'f', lat: 41, lon: 22, kind: 'point_count', persons: 3, time: 6 },
    ]);
    const figures = placeFigures({ columns, start: 0, end: columns.count });
    expect(figures.get('rs-presevo')).toBe(740);
    expect(figures.get('mk-gevgelija')).toBe(12);
    expect(figures.size).toBe(2);
    // The window only.
    expect(placeFigures({ columns, start: 4, end: 5 }).get('rs-presevo')).toBeUndefined();
    expect(placeFigures(null).size).toBe(0);
  });
});
