import { describe, expect, it } from 'vitest';
import { FakeSync, statusOf } from '../../test-support/renderer/fake-services';
import { SYNC_LOCK_NAME, type SyncLocks } from '../sync/sync-service';
import { reloadBetweenRounds } from './reload-between-rounds';

/** One lock, granted in the order asked, as navigator.locks does for `ifAvailable: false`. */
class FakeLocks implements SyncLocks {
  readonly log: string[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  request<T>(name: string, _options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      this.log.push(`granted ${name}`);
      return callback({ name });
    });
    // A callback that never settles holds the lock for good, as until a page unloads.
    this.tail = run.catch(() => undefined);
    return run;
  }
}

describe('reloading between sync rounds', () => {
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
    reloadBetweenRounds(locks, new FakeSync(statusOf({ syncing: true })), () => events.push('reload'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual(['round starts']);
    endRound();
    await round;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual(['round starts', 'round ends', 'reload']);
    // A round asked for after the reload was never granted the lock.
    let later = false;
    void locks.request(SYNC_LOCK_NAME, { ifAvailable: false }, () => ((later = true), Promise.resolve()));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(later).toBe(false);
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
