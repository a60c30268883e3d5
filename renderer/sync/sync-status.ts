/**
 * What the sync service tells the screens: the one status the status bar, Device & sync
 * and "Needs attention" read. Every line a screen shows must be true of this state
 * (an unenrolled device is not "All changes synced").
 */
import type { SyncErrorCode } from '../../shared/sync/protocol';
import type { SyncProgress } from '../../shared/sync/sync-engine';

/** A pull page that would delete or overwrite a large share of the device's records: held until a person confirms. */
export interface MassChangeHold {
  /** Records the page would mark deleted. */
  deletes: number;
  /** Records whose values on this device the page would replace. */
  overwrites: number;
  /** Records this device holds. */
  held: number;
}

/** The device's clock and the server's disagree by more than the HLC allows. */
export interface ClockSkewNotice {
  deviceTime: string;
  serverTime: string;
}

export interface SyncStatus {
  online: boolean;
  enrolled: boolean;
  /** The server said this device is revoked: sync has stopped; unsent changes are kept for export or re-enrolment. */
  revoked: boolean;
  office: string | null;
  /** The user the enrolment code was issued for (author and reviewer of this device's changes). */
  userName: string | null;
  syncing: boolean;
  /** Another tab or window holds the sync lock: this one waits for it, then runs its own round. */
  elsewhere: boolean;
  /** Records waiting to be pushed (a kept count, never counted by walking the outbox). */
  pending: number;
  /** Changes the server refused, set aside in "Needs attention". */
  attention: number;
  lastSyncAt: string | null;
  error: SyncErrorCode | null;
  /** Progress of the round under way, or null. */
  progress: SyncProgress | null;
  massChange: MassChangeHold | null;
  clockSkew: ClockSkewNotice | null;
  /** Issued reports waiting to be pushed (issued-report-sync.ts). */
  reportsWaiting: number;
  /** Issued reports the server refused (not pushed again; the list says why). */
  reportsRefused: number;
  /** What stopped the last round's report sync, or null: never the observations' error. */
  reportsError: SyncErrorCode | null;
}

/** What the service says before it has read anything: not enrolled, nothing counted, no round run. */
export function initialSyncStatus(online: boolean): SyncStatus {
  return {
    online,
    enrolled: false,
    revoked: false,
    office: null,
    userName: null,
    syncing: false,
    elsewhere: false,
    pending: 0,
    attention: 0,
    lastSyncAt: null,
    error: null,
    progress: null,
    massChange: null,
    clockSkew: null,
    reportsWaiting: 0,
    reportsRefused: 0,
    reportsError: null,
  };
}
