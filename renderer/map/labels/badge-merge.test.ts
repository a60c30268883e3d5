import { describe, expect, it } from 'vitest';
import { mergeOverlappingBadges } from './badge-merge';
import { boxesOverlap } from './screen-box';

/** A badge sized like the map's: wider with more digits. */
const sizeOf = (members: readonly number[]) => {
  const sum = members.reduce((a, b) => a + b, 0);
  return { width: Math.max(30, 8 * String(sum).length + 16), height: 30 };
};

describe('mergeOverlappingBadges', () => {
  it('merges a badge that a wide neighbour covers into it, at the heavier one\'s place (the 1,237,927 over 109,512 case)', () => {
    const merged = mergeOverlappingBadges(
      [
        { x: 200, y: 100, weight: 109_512, item: 109_512 },
        { x: 150, y: 95, weight: 1_237_927, item: 1_237_927 },
      ],
      sizeOf,
    );
    expect(merged).toHaveLength(1);
    expect(merged[0]?.members).toEqual([1_237_927, 109_512]);
    expect(merged[0]?.x).toBe(150);
  });

  it('leaves apart badges that do not overlap', () => {
    const merged = mergeOverlappingBadges(
      [
        { x: 0, y: 0, weight: 5, item: 5 },
        { x: 100, y: 0, weight: 7, item: 7 },
      ],
      sizeOf,
    );
    expect(merged).toHaveLength(2);
  });

  it('merges again when a merged badge grows into a third', () => {
    // 9 + 5 = 14 has two digits: the merged badge widens (30 to 32 px) and meets the third.
    const merged = mergeOverlappingBadges(
      [
        { x: 0, y: 0, weight: 9, item: 9 },
        { x: 0, y: 25, weight: 5, item: 5 },
        { x: 30.5, y: 0, weight: 1, item: 1 },
      ],
      sizeOf,
    );
    expect(merged.map((m) => m.members)).toEqual([[9, 5, 1]]);
  });

  it('no two badges left overlap (a dense random field), and every member is kept once', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const badges = Array.from({ length: 300 }, (_, i) => ({ x: random() * 800, y: random() * 500, weight: Math.floor(random() * 1e6), item: i }));
    const merged = mergeOverlappingBadges(badges, (members) => ({ width: 30 + 4 * members.length, height: 30 }), 2);
    merged.forEach((a, i) => {
      for (const b of merged.slice(i + 1)) expect(boxesOverlap(a.box, b.box, 2)).toBe(false);
    });
    expect(merged.flatMap((m) => m.members).sort((a, b) => a - b)).toEqual(badges.map((b) => b.item));
  });
});
