import { describe, expect, it } from 'vitest';
import { TokenFailureLimiter } from './token-failure-limiter';
import type { CountFailure } from './token-failure-limiter';

/** The database's fixed windows, in memory, on the test's clock. */
function memoryCounter(clock: { now: number }): { count: CountFailure; keys: () => number } {
  const windows = new Map<string, { start: number; hits: number }>();
  const count: CountFailure = (key, windowMs) => {
    const open = windows.get(key);
    const window = open && open.start + windowMs > clock.now ? { start: open.start, hits: open.hits + 1 } : { start: clock.now, hits: 1 };
    windows.set(key, window);
    return Promise.resolve({ current: window.hits, ttl: window.start + windowMs - clock.now });
  };
  return { count, keys: () => windows.size };
}

describe('TokenFailureLimiter', () => {
  it('blocks an address after max failures in a window, for the rest of the window, and no other address', async () => {
    const clock = { now: 1_000_000 };
    const limiter = new TokenFailureLimiter(memoryCounter(clock).count, { max: 3, timeWindowMs: 60_000 }, () => clock.now);
    for (let i = 0; i < 3; i++) expect(await limiter.recordFailure('192.0.2.1')).toBe(0);
    expect(limiter.waitFor('192.0.2.1')).toBe(0);
    clock.now += 10_000;
    expect(await limiter.recordFailure('192.0.2.1')).toBe(50_000);
    expect(limiter.waitFor('192.0.2.1')).toBe(50_000);
    expect(limiter.waitFor('192.0.2.2')).toBe(0);
    clock.now += 50_000;
    expect(limiter.waitFor('192.0.2.1')).toBe(0);
    expect(limiter.trackedAddresses).toBe(0);
    // A new window: three more failures before the next block.
    for (let i = 0; i < 3; i++) expect(await limiter.recordFailure('192.0.2.1')).toBe(0);
  });

  it('remembers at most maxTrackedAddresses blocked addresses, however many fail', async () => {
    const clock = { now: 0 };
    const counter = memoryCounter(clock);
    const limiter = new TokenFailureLimiter(counter.count, { max: 1, timeWindowMs: 60_000, maxTrackedAddresses: 100 }, () => clock.now);
    const addresses = 20_000;
    let blocked = 0;
    for (let i = 0; i < addresses; i++) {
      const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      await limiter.recordFailure(address);
      if ((await limiter.recordFailure(address)) > 0) blocked++;
      expect(limiter.trackedAddresses).toBeLessThanOrEqual(100);
    }
    console.log(`token-failure limiter: ${addresses} addresses blocked, ${limiter.trackedAddresses} remembered in memory (bound 100)`);
    expect(blocked).toBe(addresses);
    expect(limiter.trackedAddresses).toBe(100);
    // An address forgotten from memory is blocked again by its next failure: the count is kept by the counter.
    expect(limiter.waitFor('10.0.0.0')).toBe(0);
    expect(await limiter.recordFailure('10.0.0.0')).toBeGreaterThan(0);
    expect(limiter.waitFor('10.0.0.0')).toBeGreaterThan(0);
  });
});
