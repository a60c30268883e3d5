/**
 * What the sync screens (Needs attention, Device & sync, the status bar) ask of the
 * data layer: narrow interfaces that the SyncService and ObservationStore satisfy, so
 * that the screens' tests can pass small fakes (fake-services.ts).
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

/** The stored enrolment as the screens read it. */
export type EnrolmentMeta = Enrolment;

/** The stored enrolment as the screens read it. */
export function enrolmentMeta(enrolment: Enrolment | undefined): EnrolmentMeta | undefined {
  return enrolment;
}

export function syncControl(services: AppServices): SyncControl {
  return services.sync;
}

export function attentionStore(services: AppServices): AttentionStore {
  return services.store;
}
