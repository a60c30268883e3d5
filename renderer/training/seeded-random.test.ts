import { describe, expect, it } from 'vitest';
import { SeededRandom, mulberry32 } from './seeded-random';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mulberry32(2)()).not.toBe(values[0]);
  });
});

describe('SeededRandom', () => {
  it('draws integers in range, both ends included', () => {
    const rng = new SeededRandom(7);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('follows the weights and never picks a zero weight', () => {
    const rng = new SeededRandom(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weighted([['a', 1], ['b', 3], ['c', 0]] as const)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    expect(() => rng.weighted([['a', 0]])).toThrow();
  });

  it('picks distinct values', () => {
    const rng = new SeededRandom(3);
    const picked = rng.weightedDistinct([['a', 1], ['b', 1], ['c', 1]], 5);
    expect(new Set(picked).size).toBe(3);
  });

  it('starts neighbouring seeds far apart', () => {
    expect(new SeededRandom(1).next()).not.toBe(new SeededRandom(2).next());
  });
});
