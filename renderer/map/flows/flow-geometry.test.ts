import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOW_END_GAP, FLOW_START_GAP, FLOW_WIDTH_MAX, FLOW_WIDTH_MIN, arrowShape, flowWidth, headSize, legendSamples, minClearChord, niceBelow } from './flow-geometry';

const distance = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(a.x - b.x, a.y - b.y);

describe('arrowShape', () => {
  it('stops short of both ends, with a head of the size the width asks for at its middle', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 200, y: 0 };
    const shape = arrowShape(a, b, 4);
    if (!shape) throw new Error('no shape');
    const [tip, left, right] = shape.head;
    expect(distance(shape.shaft[0] ?? b, a)).toBeCloseTo(FLOW_START_GAP, 0);
    expect(distance(shape.shaft[shape.shaft.length - 1] ?? a, b)).toBeCloseTo(FLOW_END_GAP, 0);
    expect(distance(left, right)).toBeCloseTo(2 * headSize(4).halfWidth, 1);
    const base = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
    expect(distance(base, tip)).toBeCloseTo(headSize(4).length, 0);
    // Centred on the shaft's middle, pointing from a to b.
    const middle = { x: (base.x + tip.x) / 2, y: (base.y + tip.y) / 2 };
    expect(middle.x).toBeCloseTo(100 + (FLOW_START_GAP - FLOW_END_GAP) / 2, -1);
    expect(tip.x).toBeGreaterThan(base.x);
  });

  it('bends to the right of the direction (screen y grows downwards)', () => {
    const east = arrowShape({ x: 0, y: 0 }, { x: 200, y: 0 }, 2);
    const middle = east?.shaft[Math.floor((east.shaft.length - 1) / 2)];
    expect(middle?.y).toBeGreaterThan(10);
    const west = arrowShape({ x: 200, y: 0 }, { x: 0, y: 0 }, 2);
    const back = west?.shaft[Math.floor((west.shaft.length - 1) / 2)];
    expect(back?.y).toBeLessThan(-10);
  });

  it('has no shape for one pixel, and still a head for a very short arrow', () => {
    expect(arrowShape({ x: 5, y: 5 }, { x: 5.2, y: 5.3 }, 3)).toBeNull();
    const short = arrowShape({ x: 0, y: 0 }, { x: 6, y: 0 }, 3);
    if (!short) throw new Error('no shape');
    const [tip, left, right] = short.head;
    expect(tip.x).toBeGreaterThan(left.x);
    expect(distance(left, right)).toBeGreaterThan(1);
    expect(tip.x).toBeLessThanOrEqual(6);
  });

  it('gives finite points for any two distinct points and width', () => {
    const xy = fc.record({ x: fc.double({ min: -1e5, max: 1e5, noNaN: true }), y: fc.double({ min: -1e5, max: 1e5, noNaN: true }) });
    fc.assert(
      fc.property(xy, xy, fc.double({ min: FLOW_WIDTH_MIN, max: FLOW_WIDTH_MAX, noNaN: true }), (a, b, width) => {
        const shape = arrowShape(a, b, width);
        if (distance(a, b) < 1) return;
        expect(shape).not.toBeNull();
        for (const p of [...(shape?.shaft ?? []), ...(shape?.head ?? [])]) {
          expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
        }
      }),
    );
  });
});

describe('minClearChord', () => {
  it('keeps the whole head outside the clearance around both ends, in any direction', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: FLOW_WIDTH_MIN, max: FLOW_WIDTH_MAX, noNaN: true }),
        fc.double({ min: 1, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (angle, width, clearance, extra) => {
          const a = { x: 500, y: 500 };
          const chord = minClearChord(width, clearance) * (1 + extra);
          const b = { x: a.x + Math.cos(angle) * chord, y: a.y + Math.sin(angle) * chord };
          const shape = arrowShape(a, b, width);
          if (!shape) throw new Error('no shape');
          const [tip, left, right] = shape.head;
          const base = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
          for (const p of [tip, left, right, base]) {
            expect(distance(p, a)).toBeGreaterThanOrEqual(clearance);
            expect(distance(p, b)).toBeGreaterThanOrEqual(clearance);
          }
        },
      ),
    );
  });

  it('is not far above what the head needs, and is a pixel with no clearance', () => {
    // Just under the minimum, a wide head reaches into a badge-sized clearance.
    const chord = minClearChord(FLOW_WIDTH_MAX, 29) - 6;
    const shape = arrowShape({ x: 0, y: 0 }, { x: chord, y: 0 }, FLOW_WIDTH_MAX);
    const nearest = Math.min(...(shape?.head ?? []).flatMap((p) => [distance(p, { x: 0, y: 0 }), distance(p, { x: chord, y: 0 })]));
    expect(nearest).toBeLessThan(29);
    expect(minClearChord(FLOW_WIDTH_MAX, 0)).toBe(1);
    expect(minClearChord(FLOW_WIDTH_MAX, 29)).toBeGreaterThan(minClearChord(FLOW_WIDTH_MIN, 29));
  });
});

describe('flowWidth', () => {
  it('grows with persons, from the minimum to the maximum at the largest flow', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), (p, q, max) => {
        const [low, high] = p <= q ? [p, q] : [q, p];
        expect(flowWidth(low, max)).toBeLessThanOrEqual(flowWidth(high, max));
        expect(flowWidth(high, max)).toBeLessThanOrEqual(FLOW_WIDTH_MAX);
        expect(flowWidth(low, max)).toBeGreaterThanOrEqual(FLOW_WIDTH_MIN);
      }),
    );
    expect(flowWidth(500, 500)).toBe(FLOW_WIDTH_MAX);
    expect(flowWidth(0, 500)).toBe(FLOW_WIDTH_MIN);
    expect(flowWidth(125, 500)).toBeCloseTo((FLOW_WIDTH_MIN + FLOW_WIDTH_MAX) / 2);
  });
});

describe('legend samples', () => {
  it('rounds down to 1, 2 or 5 times a power of ten', () => {
    expect([0.5, 1, 3, 7, 19, 20, 480, 5000, 9999].map(niceBelow)).toEqual([0, 1, 2, 5, 10, 20, 200, 5000, 5000]);
  });

  it('starts at the largest flow and goes down in distinct round figures', () => {
    expect(legendSamples(1234)).toEqual([1234, 200, 50]);
    expect(legendSamples(400)).toEqual([400, 100, 20]);
    expect(legendSamples(6)).toEqual([6, 1]);
    expect(legendSamples(1)).toEqual([1]);
    expect(legendSamples(0)).toEqual([]);
  });
});
