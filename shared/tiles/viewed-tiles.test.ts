import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeHolds, type TileRange } from './tile-math';
import { planViewedTrim, viewedTilesUsage, type CachedTileEntry, type ProtectedTiles } from './viewed-tiles';

const entry = (sourceId: string, z: number, x: number, y: number, bytes: number, storedAt: number): CachedTileEntry => ({
  sourceId,
  tile: { z, x, y },
  bytes,
  storedAt,
});

const area: ProtectedTiles[] = [{ sourceId: 'org', ranges: [{ z: 5, minX: 10, maxX: 11, minY: 10, maxY: 11 }] }];

describe('viewed-tile cache plan', () => {
  const entries = [
    entry('org', 5, 10, 10, 400, 1), // saved, oldest
    entry('org', 5, 12, 10, 100, 4),
    entry('org', 5, 13, 10, 100, 2),
    entry('osm-standard', 5, 10, 10, 100, 3), // same tile, another source: viewed
    entry('org', 6, 20, 20, 100, 5), // zoom not in the area: viewed
  ];

  it('counts only tiles no saved area covers', () => {
    expect(viewedTilesUsage(entries, area)).toEqual({ count: 4, bytes: 400 });
    expect(viewedTilesUsage(entries, [])).toEqual({ count: 5, bytes: 800 });
  });

  it('evicts the oldest stored viewed tiles first, down to the limit', () => {
    const plan = planViewedTrim(entries, area, 250);
    expect(plan.evict.map((e) => e.storedAt)).toEqual([2, 3]);
    expect(plan.removed).toEqual({ count: 2, bytes: 200 });
    expect(plan.left).toEqual({ count: 2, bytes: 200 });
  });

  it('goes down to the target once over the limit, and does nothing under it', () => {
    expect(planViewedTrim(entries, area, 400, 100).evict).toEqual([]);
    expect(planViewedTrim(entries, area, 350, 150).evict.map((e) => e.storedAt)).toEqual([2, 3, 4]);
    expect(planViewedTrim(entries, area, 350, 900).evict.map((e) => e.storedAt)).toEqual([2]);
  });

  it('removes nothing under the limit, and every viewed tile (only those) for 0', () => {
    expect(planViewedTrim(entries, area, 400).evict).toEqual([]);
    const clear = planViewedTrim([...entries, entry('org', 7, 1, 1, 0, 9)], area, 0);
    expect(clear.evict).toHaveLength(5);
    expect(clear.evict.some((e) => e.sourceId === 'org' && e.tile.z === 5 && e.tile.x === 10)).toBe(false);
    expect(clear.left).toEqual({ count: 0, bytes: 0 });
  });

  const rangeArb = fc
    .record({ z: fc.integer({ min: 3, max: 5 }), x: fc.integer({ min: 0, max: 6 }), y: fc.integer({ min: 0, max: 6 }), w: fc.nat(2), h: fc.nat(2) })
    .map(({ z, x, y, w, h }): TileRange => ({ z, minX: x, maxX: x + w, minY: y, maxY: y + h }));
  const protectArb = fc.array(fc.record({ sourceId: fc.constantFrom('a', 'b'), ranges: fc.array(rangeArb, { maxLength: 4 }) }), { maxLength: 3 });
  const entriesArb = fc
    .uniqueArray(
      fc.record({ sourceId: fc.constantFrom('a', 'b'), z: fc.integer({ min: 3, max: 5 }), x: fc.nat(7), y: fc.nat(7) }),
      { selector: (e) => `${e.sourceId}/${e.z}/${e.x}/${e.y}`, maxLength: 60 },
    )
    .chain((keys) =>
      fc.tuple(...keys.map((k) => fc.record({ bytes: fc.nat(5000), storedAt: fc.nat(1000) }).map((v) => entry(k.sourceId, k.z, k.x, k.y, v.bytes, v.storedAt)))),
    );

  it('never evicts a saved area tile, stays within the limit, and keeps every tile newer than one evicted', () => {
    fc.assert(
      fc.property(entriesArb, protectArb, fc.nat(100_000), fc.nat(100_000), (all, protect, maxBytes, targetBytes) => {
        const covered = (e: CachedTileEntry) => protect.some((p) => p.sourceId === e.sourceId && p.ranges.some((r) => rangeHolds(r, e.tile)));
        const plan = planViewedTrim(all, protect, maxBytes, targetBytes);
        expect(plan.evict.some(covered)).toBe(false);
        expect(plan.left.bytes).toBeLessThanOrEqual(maxBytes);
        const viewed = all.filter((e) => !covered(e));
        expect(plan.left.bytes + plan.removed.bytes).toBe(viewed.reduce((sum, e) => sum + e.bytes, 0));
        expect(plan.left.count + plan.removed.count).toBe(viewed.length);
        const evicted = new Set(plan.evict);
        const newestEvicted = Math.max(-1, ...plan.evict.map((e) => e.storedAt));
        const oldestKept = Math.min(Infinity, ...viewed.filter((e) => !evicted.has(e)).map((e) => e.storedAt));
        expect(newestEvicted).toBeLessThanOrEqual(oldestKept);
        // No more than needed: without the last evicted tile, the rest would be over the limit.
        const last = plan.evict.at(-1);
        if (last !== undefined && maxBytes > 0) expect(plan.left.bytes + last.bytes).toBeGreaterThan(Math.min(maxBytes, targetBytes));
        // Under the limit, nothing goes.
        if (viewed.reduce((sum, e) => sum + e.bytes, 0) <= maxBytes && maxBytes > 0) expect(plan.evict).toEqual([]);
      }),
    );
  });
});
