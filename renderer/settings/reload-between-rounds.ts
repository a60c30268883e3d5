/**
 * The page reloads itself after the desktop host took another sync server (its policy,
 * fixed at load, names the old one). Never in the middle of a sync round: a round cut off
 * mid-push would leave the outbox to be sent again and the status saying "Syncing…" until
 * the reload. With Web Locks (Chromium, so Electron), the page takes the sync lock every
 * round runs under (sync-service.ts), after the running round, and reloads while holding
 * it: no round of this window can start between the reload and the unload, which releases
 * the lock. Without them, it waits for the status to say no round runs.
 */
import type { SyncControl } from '../attention/attention-types';
import { SYNC_LOCK_NAME, type SyncLocks } from '../sync/sync-service';

/** navigator.locks where the runtime has it. */
export function windowLocks(): SyncLocks | null {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
}

export function reloadBetweenRounds(locks: SyncLocks | null, sync: Pick<SyncControl, 'getStatus' | 'subscribe'>, reload: () => void): void {
  if (locks !== null) {
    // Held until the page goes: the callback's promise never settles.
    void locks.request(SYNC_LOCK_NAME, { ifAvailable: false }, () => {
      reload();
      return new Promise<never>(() => undefined);
    });
    return;
  }
  const state = { reloaded: false, stop: null as (() => void) | null };
  state.stop = sync.subscribe((status) => {
    if (state.reloaded || status.syncing) return;
    state.reloaded = true;
    state.stop?.();
    reload();
  });
  // subscribe() calls back at once: a page with no round running has reloaded by now.
  if (state.reloaded) state.stop();
}
