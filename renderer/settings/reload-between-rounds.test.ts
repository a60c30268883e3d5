import { describe, expect, it } from 'vitest';
import { FakeSync, statusOf } from '../../test-support/renderer/fake-services';
import { SYNC_LOCK_NAME, type SyncLocks } from '../sync/sync-service';
import { reloadBetweenRounds } from './reload-between-rounds';

/** One lock, granted in the order asked, as navigator.locks does for `ifAvailable: false`. */
class FakeLocks implements SyncLocks {
  readonly log: string[] = [];
  /** What the last callback granted returned: the lock is held until it settles. */
  held: Promise<unknown> = Promise.resolve();
  private tail: Promise<unknown> = Promise.resolve();

  request<T>(name: string, _options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      this.log.push(`granted ${name}`);
      const result = callback({ name });
      this.held = result;
      return result;
    });
    // A callback that never settles holds the lock for good, as until a page unloads.
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/**
 * Whether a promise has settled already, asked without waiting on a timer: a settled
 * promise's reaction is queued before the marker's, so it wins the race; a pending one
 * loses it.
 */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  const settled = promise.then(
    () => true,
    () => true,
  );
  // Two steps behind: a settled promise's answer is queued first.
  const marker = Promise.resolve()
    .then(() => undefined)
    .then(() => pending);
  return (await Promise.race([settled, marker])) !== pending;
}

describe('reloading between sync rounds', () => {
  it('tells a settled promise from a pending one without a pause', async () => {
    expect(await hasSettled(Promise.resolve())).toBe(true);
    expect(await hasSettled(new Promise(() => undefined))).toBe(false);
  });

  it('with Web Locks: reloads only once the running round has released the sync lock, and holds it from then on', async () => {
    const locks = new FakeLocks();
    const events: string[] = [];
    let endRound: () => void = () => undefined;
    const round = locks.request(SYNC_LOCK_NAME, { ifAvailable: false }, async () => {
      events.push('round starts');
      await new Promise<void>((resolve) => (endRound = resolve));
      events.push('round ends');
    });
    await Promise.resolve();
    let reloaded: () => void = () => undefined;
    const reload = new Promise<void>((resolve) => (reloaded = resolve));
    reloadBetweenRounds(locks, new FakeSync(statusOf({ syncing: true })), () => {
      events.push('reload');
      reloaded();
    });
    endRound();
    await round;
    await reload;
    // The reload came after the round had ended, never during it.
    expect(events).toEqual(['round starts', 'round ends', 'reload']);
    expect(locks.log).toEqual([`granted ${SYNC_LOCK_NAME}`, `granted ${SYNC_LOCK_NAME}`]);
    // The reload holds the lock: its callback has not settled, so a round asked for now waits behind it.
    expect(await hasSettled(locks.held)).toBe(false);
    let later = false;
    const asked = locks.request(SYNC_LOCK_NAME, { ifAvailable: false }, () => ((later = true), Promise.resolve()));
    expect(await hasSettled(asked)).toBe(false);
    expect(later).toBe(false);
    expect(locks.log).toHaveLength(2);
  });

  it('without Web Locks: reloads at once when no round runs, else when the status says the round ended', () => {
    const idle = new FakeSync(statusOf({ syncing: false }));
    let reloads = 0;
    reloadBetweenRounds(null, idle, () => (reloads += 1));
    expect(reloads).toBe(1);

    const busy = new FakeSync(statusOf({ syncing: true }));
    const events: string[] = [];
    reloadBetweenRounds(null, busy, () => events.push('reload'));
    busy.emit({ progress: null });
    expect(events).toEqual([]);
    busy.emit({ syncing: false });
    busy.emit({ syncing: true });
    busy.emit({ syncing: false });
    expect(events).toEqual(['reload']);
  });
});
