/**
 * Test support (tests only): a fake sync service and attention store speaking the data
 * layer's contract (attention-types.ts), over the app's real store for meta reads.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import type { AppServices } from '../../renderer/app/services';
import { createWebPlatform } from '../../renderer/platform/web-platform';
import { openDatabase } from '../../renderer/store/database';
import { DraftStore } from '../../renderer/store/draft-store';
import { ObservationStore } from '../../renderer/store/observation-store';
import type { SyncService } from '../../renderer/sync/sync-service';
import { initialSyncStatus } from '../../renderer/sync/sync-status';
import type { SyncStatus } from '../../renderer/sync/sync-status';
import { PRESEVO } from './record-fixtures';
import type { AttentionRow, AttentionStore, SyncControl, WaitingExport } from '../../renderer/attention/attention-types';
import { testCipher } from './test-cipher';

export function statusOf(patch: Partial<SyncStatus> = {}): SyncStatus {
  return { ...initialSyncStatus(true), enrolled: true, office: 'RS-BEL', userName: 'Ana Petrović', ...patch };
}

export class FakeSync implements SyncControl {
  readonly calls: { syncNow: number; confirmMassChange: number; enrol: [string, string, string][] } = { syncNow: 0, confirmMassChange: 0, enrol: [] };
  /** What the next enrol() does: resolve (after `onEnrol`), or throw this. */
  enrolFails: Error | null = null;
  onEnrol: (() => Promise<void>) | null = null;
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  constructor(private status: SyncStatus) {}

  getStatus(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** The service's status changed. */
  emit(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }

  syncNow(): Promise<void> {
    this.calls.syncNow += 1;
    return Promise.resolve();
  }

  async enrol(serverUrl: string, code: string, deviceName: string): Promise<void> {
    this.calls.enrol.push([serverUrl, code, deviceName]);
    if (this.enrolFails !== null) throw this.enrolFails;
    await this.onEnrol?.();
  }

  /** The form's nudge after a save (the real service counts and pushes). */
  noteLocalChange(): Promise<void> {
    return Promise.resolve();
  }

  confirmMassChange(): Promise<void> {
    this.calls.confirmMassChange += 1;
    return Promise.resolve();
  }
}

export class FakeAttention implements AttentionStore {
  constructor(
    public rows: AttentionRow[] = [],
    public pending: { changeId: string; record: Observation }[] = [],
  ) {}

  attentionItems(): Promise<AttentionRow[]> {
    return Promise.resolve(this.rows);
  }

  attentionCount(): Promise<number> {
    return Promise.resolve(this.rows.length);
  }

  exportWaiting(): Promise<WaitingExport> {
    return Promise.resolve({
      exportedAt: '2026-12-04T23:40:12.345Z',
      device: { localDeviceId: 'local-1', deviceId: 'd1', office: 'RS-BEL', userName: 'Ana Petrović' },
      pending: this.pending,
      attention: this.rows,
    });
  }
}

/** The app's services with the fakes in place of the sync service and the store's attention methods. */
export function fakeServices(sync: FakeSync, attention: FakeAttention = new FakeAttention()): AppServices {
  const store = new ObservationStore(openDatabase(`devui-${Math.random()}`), { cipher: testCipher() });
  Object.assign(store, {
    attentionItems: () => attention.attentionItems(),
    attentionCount: () => attention.attentionCount(),
    exportWaiting: () => attention.exportWaiting(),
  });
  return {
    platform: createWebPlatform(window),
    store,
    drafts: new DraftStore(store.db, testCipher()),
    sync: sync as unknown as SyncService,
    places: [PRESEVO],
    placesById: new Map([[PRESEVO.id, PRESEVO]]),
  };
}

export const ENROLMENT = {
  serverUrl: 'https://hq.example.org/',
  token: 't',
  deviceId: 'dev-42',
  office: 'RS-BEL',
  role: 'field_monitor' as const,
  enrolledAt: '2026-03-01T08:00:00.000Z',
  userName: 'Ana Petrović',
  deviceName: 'Laptop A',
};
