/**
 * A small seeded pseudo-random generator for training data: the same seed gives the
 * same sequence on every platform (no Math.random anywhere in renderer/training).
 */

/** mulberry32: a 32-bit state generator, fast and good enough for synthetic data. Returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weighted choices: [value, weight] pairs; weights need not add up to 1. */
export type Weighted<T> = readonly (readonly [T, number])[];

export class SeededRandom {
  private readonly source: () => number;

  constructor(seed: number) {
    // Mix the seed first so that neighbouring seeds (1, 2, 3) start far apart.
    this.source = mulberry32(Math.imul((Math.trunc(seed) ^ 0x9e3779b9) >>> 0, 0x85ebca6b));
  }

  /** A number in [0, 1). */
  next(): number {
    return this.source();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.source() * (max - min + 1));
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + this.source() * (max - min);
  }

  chance(probability: number): boolean {
    return this.source() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.source() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(entries: Weighted<T>): T {
    const total = entries.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    if (!(total > 0)) throw new Error('weighted pick without a positive weight');
    let target = this.source() * total;
    for (const [value, weight] of entries) {
      target -= Math.max(0, weight);
      if (target < 0) return value;
    }
    // Rounding left a sliver: the last entry with weight takes it.
    const last = entries.filter(([, weight]) => weight > 0).at(-1);
    if (last === undefined) throw new Error('weighted pick without a positive weight');
    return last[0];
  }

  /** Up to `count` distinct values, each pick weighted among those not yet taken. */
  weightedDistinct<T>(entries: Weighted<T>, count: number): T[] {
    const left = entries.filter(([, weight]) => weight > 0);
    const picked: T[] = [];
    while (picked.length < count && left.length > 0) {
      const value = this.weighted(left);
      picked.push(value);
      left.splice(
        left.findIndex(([v]) => v === value),
        1,
      );
    }
    return picked;
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.source();
    const v = this.source();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A positive number around `median`, spread by `sigma` on the log scale. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}
