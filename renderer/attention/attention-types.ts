/**
 * What the sync screens (Needs attention, Device & sync, the status bar) ask of the
 * data layer: narrow interfaces that the SyncService and ObservationStore satisfy, so
 * that the screens' tests can pass small fakes (fake-services.ts).
 */
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
   * Also re-enrols a revoked device. Throws SyncError (with a code), or OfficeChangeError
   * (sync-service.ts) when re-enrolment into another office is held while changes wait.
   * Resolves to what the store reports (unused here).
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
