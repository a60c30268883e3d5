import { describe, expect, it } from 'vitest';
import { closeCounts, DUPLICATE_WINDOW_MS, findLikelyDuplicates, isLikelyDuplicate } from './duplicate-check';
import type { DuplicateEntry, DuplicateProbe } from './duplicate-check';

const T = Date.parse('2026-03-10T18:00:00Z');
const probe: DuplicateProbe = { kind: 'group_sighting', placeId: 'rs-presevo', lat: null, lon: null, timeMs: T, persons: 40 };
const entry = (patch: Partial<DuplicateEntry>): DuplicateEntry => ({ ...probe, id: 'e1', ...patch });

describe('duplicate check', () => {
  it('same kind, place, close time and count is a likely duplicate', () => {
    expect(isLikelyDuplicate(probe, entry({ timeMs: T - 60 * 60 * 1000, persons: 44 }))).toBe(true);
  });

  it('the time window is inclusive at its edge and closed beyond it', () => {
    expect(isLikelyDuplicate(probe, entry({ timeMs: T + DUPLICATE_WINDOW_MS }))).toBe(true);
    expect(isLikelyDuplicate(probe, entry({ timeMs: T + DUPLICATE_WINDOW_MS + 1 }))).toBe(false);
  });

  it('another kind or another place is not a duplicate', () => {
    expect(isLikelyDuplicate(probe, entry({ kind: 'point_count' }))).toBe(false);
    expect(isLikelyDuplicate(probe, entry({ placeId: 'rs-sid' }))).toBe(false);
    expect(isLikelyDuplicate(probe, entry({ placeId: null, lat: 42.3, lon: 21.6 }))).toBe(false);
  });

  it('counts are close within 2 persons or a fifth of the larger', () => {
    expect(closeCounts(3, 5)).toBe(true);
    expect(closeCounts(3, 6)).toBe(false);
    expect(closeCounts(100, 120)).toBe(true);
    expect(closeCounts(100, 126)).toBe(false);
    expect(isLikelyDuplicate(probe, entry({ persons: 60 }))).toBe(false);
  });

  it('points without a place match within a kilometre', () => {
    const point: DuplicateProbe = { ...probe, placeId: null, lat: 42.3, lon: 21.65 };
    // 0.005 deg of latitude is about 556 m; 0.01 about 1.1 km.
    expect(isLikelyDuplicate(point, entry({ placeId: null, lat: 42.305, lon: 21.65 }))).toBe(true);
    expect(isLikelyDuplicate(point, entry({ placeId: null, lat: 42.31, lon: 21.65 }))).toBe(false);
    expect(isLikelyDuplicate(point, entry({ placeId: null, lat: null, lon: null }))).toBe(false);
  });

  it('lists the closest in time first and leaves out the record being edited', () => {
    const found = findLikelyDuplicates(
      probe,
      [entry({ id: 'far', timeMs: T - 2 * 3600_000 }), entry({ id: 'near', timeMs: T + 600_000 }), entry({ id: 'self', timeMs: T })],
      'self',
    );
    expect(found.map((e) => e.id)).toEqual(['near', 'far']);
  });
});
