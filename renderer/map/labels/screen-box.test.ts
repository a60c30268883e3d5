import { describe, expect, it } from 'vitest';
import { boxAround, boxInside, boxesOverlap, clampInside, estimateTextWidth } from './screen-box';

describe('screen boxes', () => {
  it('centres a box on a point', () => {
    expect(boxAround(100, 50, 40, 20)).toEqual({ left: 80, top: 40, right: 120, bottom: 60 });
  });

  it('overlap: boxes that share area overlap, boxes that only touch do not, a gap widens them', () => {
    const a = boxAround(0, 0, 10, 10);
    expect(boxesOverlap(a, boxAround(8, 8, 10, 10))).toBe(true);
    expect(boxesOverlap(a, boxAround(10, 0, 10, 10))).toBe(false);
    expect(boxesOverlap(a, boxAround(11, 0, 10, 10), 2)).toBe(true);
    expect(boxesOverlap(a, boxAround(0, 30, 10, 10), 2)).toBe(false);
    // One inside the other.
    expect(boxesOverlap(a, boxAround(0, 0, 2, 2))).toBe(true);
  });

  it('moves a box inside the view by the least distance, or says it cannot fit', () => {
    const view = { left: 0, top: 0, right: 200, bottom: 100 };
    expect(clampInside(boxAround(195, 50, 30, 10), view)).toEqual({ left: 170, top: 45, right: 200, bottom: 55 });
    expect(clampInside(boxAround(10, 2, 30, 10), view)).toEqual({ left: 0, top: 0, right: 30, bottom: 10 });
    expect(clampInside(boxAround(100, 50, 30, 10), view)).toEqual(boxAround(100, 50, 30, 10));
    expect(clampInside(boxAround(100, 50, 300, 10), view)).toBeNull();
    expect(boxInside(boxAround(100, 50, 30, 10), view)).toBe(true);
    expect(boxInside(boxAround(195, 50, 30, 10), view)).toBe(false);
  });

  it('estimates wider text as wider: more digits, capitals, letter spacing', () => {
    expect(estimateTextWidth('1,237,927', 12)).toBeGreaterThan(estimateTextWidth('109,512', 12));
    expect(estimateTextWidth('serbia', 11, { uppercase: true })).toBeGreaterThan(estimateTextWidth('serbia', 11));
    expect(estimateTextWidth('SERBIA', 11, { letterSpacing: 0.08 })).toBeGreaterThan(estimateTextWidth('SERBIA', 11));
    expect(estimateTextWidth('', 12)).toBe(0);
  });
});
