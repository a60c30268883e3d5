import { describe, expect, it } from 'vitest';
import { delayAfter, FAILURES_AT_MAX, MAX_DELAY_MS, trustedThrottle, UnlockThrottle } from './unlock-throttle';
import { MemoryVaultStorage } from './vault-record';

describe('unlock throttle', () => {
  it('doubles from 1 s to the 5-minute ceiling', () => {
    expect([1, 2, 3, 4, 9, FAILURES_AT_MAX, 10_000].map(delayAfter)).toEqual([1000, 2000, 4000, 8000, 256_000, MAX_DELAY_MS, MAX_DELAY_MS]);
    expect(delayAfter(FAILURES_AT_MAX - 1)).toBeLessThan(MAX_DELAY_MS);
  });

  it('trusts a well-formed stored wait within the ceiling, and nothing more lenient', () => {
    const now = 1_000_000;
    expect(trustedThrottle(undefined, now)).toEqual({ record: null, rewrite: false });
    expect(trustedThrottle({ format: 1, failures: 3, retryAt: now + 4000 }, now)).toEqual({ record: { format: 1, failures: 3, retryAt: now + 4000 }, rewrite: false });
    // Past: no wait now, but the count stays for the next failure.
    expect(trustedThrottle({ format: 1, failures: 3, retryAt: now - 4000 }, now).record?.failures).toBe(3);
    expect(trustedThrottle({ format: 1, failures: 1, retryAt: now + MAX_DELAY_MS + 1 }, now)).toEqual({ record: { format: 1, failures: 1, retryAt: now + MAX_DELAY_MS }, rewrite: true });
    for (const garbage of [0, 'x', [], {}, { format: 2, failures: 1, retryAt: now }, { format: 1, failures: 0, retryAt: now }, { format: 1, failures: 1, retryAt: now, extra: true }]) {
      expect(trustedThrottle(garbage, now)).toEqual({ record: { format: 1, failures: FAILURES_AT_MAX, retryAt: now + MAX_DELAY_MS }, rewrite: true });
    }
  });

  it('counts two failures made at once as two', async () => {
    const storage = new MemoryVaultStorage();
    const throttle = new UnlockThrottle(storage, () => 5000);
    expect(await Promise.all([throttle.failed(), throttle.failed()])).toEqual([6000, 7000]);
    expect(storage.throttle).toEqual({ format: 1, failures: 2, retryAt: 7000 });
    await throttle.succeeded();
    expect(storage.throttle).toBeUndefined();
    expect(await throttle.retryAt()).toBeNull();
  });

  it('an unreadable storage is the longest wait, not none', async () => {
    const storage = new MemoryVaultStorage();
    storage.readThrottle = () => Promise.reject(new Error('IndexedDB is gone'));
    expect(await new UnlockThrottle(storage, () => 5000).retryAt()).toBe(5000 + MAX_DELAY_MS);
  });

  it('a wait that cannot be cleared does not turn a right passphrase into an error; it stays stored, stricter', async () => {
    const storage = new MemoryVaultStorage();
    const throttle = new UnlockThrottle(storage, () => 5000);
    await throttle.failed();
    storage.writeThrottle = () => Promise.reject(new Error('disk full'));
    await expect(throttle.succeeded()).resolves.toBeUndefined();
    expect(storage.throttle).toEqual({ format: 1, failures: 1, retryAt: 6000 });
  });
});
