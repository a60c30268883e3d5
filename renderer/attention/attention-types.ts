/**
 * The data layer's contract as the screens read it, mirrored here until the data
 * branch (h-devdata: renderer/store/**, renderer/sync/sync-service.ts) is merged.
 *
 * AT MERGE: import AttentionRow and WaitingExport from '../store/observation-store',
 * let `syncControl` and `attentionStore` return `services.sync` and `services.store`
 * as they are (both then satisfy these interfaces), and drop the `EnrolmentMeta`
 * widening once meta-keys.ts carries userName, revokedAt (and deviceName).
 */
import type { Observation } from '../../shared/observations/observation-schema';
import type { ChangeRefusalCode } from '../../shared/sync/protocol';
import type { AppServices } from '../app/services';
import type { Enrolment } from '../store/meta-keys';
import type { SyncStatus } from '../sync/sync-status';

/** A change the server refused, set aside from the outbox (newest first). */
export interface AttentionRow {
  changeId: string;
  recordId: string;
  code: ChangeRefusalCode;
  /** The server's own words: shown as secondary text, never as the explanation. */
  message: string;
  /** The record as the refused change carried it. */
  record: Observation;
  /** When the server refused it. */
  at: string;
}

/** Everything this device still has to send, as one file a person can hand to headquarters. */
export interface WaitingExport {
  exportedAt: string;
  device: { localDeviceId: string; deviceId?: string; office?: string; userName?: string };
  pending: { changeId: string; record: Observation }[];
  attention: AttentionRow[];
}

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
  // Until merge the old SyncService lacks confirmMassChange and the wider status.
  return services.sync as unknown as SyncControl;
}

export function attentionStore(services: AppServices): AttentionStore {
  // Until merge the old ObservationStore lacks the attention methods.
  return services.store as unknown as AttentionStore;
}
