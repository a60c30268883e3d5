/**
 * The data layer's contract as the screens read it, mirrored here until the data
 * branch (h-devdata: renderer/store/**, renderer/sync/sync-service.ts) is merged.
 *
 * AT MERGE: import AttentionRow and WaitingExport from '../store/observation-store',
 * let `syncControl` and `attentionStore` return `services.sync` and `services.store`
 * as they are (both then satisfy these interfaces), and drop the `EnrolmentMeta`
 * widening once meta-keys.ts carries userName, revokedAt (and deviceName).
 */
import type { AppServices } from '../app/services';
import type { Enrolment } from '../store/meta-keys';
import type { SyncStatus } from '../sync/sync-status';

export type { AttentionRow } from '../store/database';
export type { WaitingExport } from '../store/observation-store';
import type { AttentionRow } from '../store/database';
import type { WaitingExport } from '../store/observation-store';

/** What the screens ask of the sync service. */
export interface SyncControl {
  getStatus(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  syncNow(): Promise<void>;
  /**
   * Also re-enrols a revoked device. Throws SyncError (with a code), or an Error when
   * re-enrolment into another office is held while changes wait (the data branch's
   * OfficeChangeError: name, currentOffice, newOffice, waiting). Resolves to what the
   * data layer reports (unused here).
   */
  enrol(serverUrl: string, code: string, deviceName: string): Promise<unknown>;
  /** Complete an enrolment into another office that enrol() held (OfficeChangeError). */
  confirmOfficeChange?(): Promise<unknown>;
  /** Apply a held mass change. */
  confirmMassChange(): Promise<void>;
}

/** What the screens ask of the store about refused and waiting changes. */
export interface AttentionStore {
  attentionItems(): Promise<AttentionRow[]>;
  attentionCount(): Promise<number>;
  exportWaiting(): Promise<WaitingExport>;
}

/** The enrolment meta as the data branch widens it. `deviceName` is optional: shown when the store keeps it. */
export type EnrolmentMeta = Enrolment & { userName?: string; revokedAt?: string; deviceName?: string };

/** The stored enrolment as the screens read it (the wider fields are optional, so any enrolment is one). */
export function enrolmentMeta(enrolment: Enrolment | undefined): EnrolmentMeta | undefined {
  return enrolment;
}

export function syncControl(services: AppServices): SyncControl {
  return services.sync;
}

export function attentionStore(services: AppServices): AttentionStore {
  return services.store;
}
