/**
 * Runs sync rounds for the app: on demand, when the network comes back, and on a
 * timer while online; never two at once. Publishes a status the status bar shows.
 */
import { runSyncRound, SyncError } from '../../shared/sync/sync-engine';
import type { SyncErrorCode } from '../../shared/sync/protocol';
import type { ObservationStore } from '../store/observation-store';
import { createHttpTransport, enrolDevice, parseServerUrl } from './http-transport';
import type { FetchLike } from './http-transport';

export interface SyncStatus {
  online: boolean;
  enrolled: boolean;
  office: string | null;
  syncing: boolean;
  pending: number;
  lastSyncAt: string | null;
  error: SyncErrorCode | null;
}

export interface SyncServiceOptions {
  fetchFn: FetchLike;
  /** Seconds between automatic rounds while online. */
  intervalMs?: number;
  isOnline: () => boolean;
}

type Listener = (status: SyncStatus) => void;

export class SyncService {
  private status: SyncStatus;
  private readonly listeners = new Set<Listener>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: ObservationStore,
    private readonly options: SyncServiceOptions,
  ) {
    this.status = {
      online: options.isOnline(),
      enrolled: false,
      office: null,
      syncing: false,
      pending: 0,
      lastSyncAt: null,
      error: null,
    };
  }

  /** Read the stored state, then sync once if enrolled and online. */
  async start(): Promise<void> {
    const [enrolment, sync, pending] = await Promise.all([
      this.store.getMeta('enrolment'),
      this.store.getMeta('sync'),
      this.store.pendingCount(),
    ]);
    this.update({
      enrolled: enrolment !== undefined,
      office: enrolment?.office ?? null,
      lastSyncAt: sync?.lastSyncAt ?? null,
      pending,
    });
    this.timer = setInterval(() => {
      void this.syncNow();
    }, this.options.intervalMs ?? 60_000);
    await this.syncNow();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  /** The host reports the network came or went. */
  setOnline(online: boolean): void {
    this.update({ online });
    if (online) void this.syncNow();
  }

  /** A local change was saved: count it, and push it at once when we can. */
  async noteLocalChange(): Promise<void> {
    this.update({ pending: await this.store.pendingCount() });
    void this.syncNow();
  }

  /**
   * Enrol this device with a one-time code. The device's office must match the
   * profile's office, or the records it holds would be refused by the server.
   */
  async enrol(serverUrlText: string, code: string, deviceName: string): Promise<void> {
    const serverUrl = parseServerUrl(serverUrlText);
    const response = await enrolDevice(this.options.fetchFn, serverUrl, { code: code.trim().toUpperCase(), deviceName });
    await this.store.setMeta('enrolment', {
      serverUrl: serverUrl.href,
      token: response.token,
      deviceId: response.deviceId,
      office: response.office,
      role: response.role ?? 'field_monitor',
      enrolledAt: new Date().toISOString(),
    });
    this.update({ enrolled: true, office: response.office, error: null });
    await this.syncNow();
  }

  /** Run one round now (or once more after the running one). Never throws: errors go to the status. */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    for (;;) {
      this.again = false;
      await this.round();
      // `again` is set by syncNow() calls made while the round ran.
      if (!this.rerunRequested()) return;
    }
  }

  private rerunRequested(): boolean {
    return this.again;
  }

  private async round(): Promise<void> {
    const enrolment = await this.store.getMeta('enrolment');
    if (!enrolment) {
      this.update({ enrolled: false, pending: await this.store.pendingCount() });
      return;
    }
    if (!this.options.isOnline()) {
      this.update({ online: false, pending: await this.store.pendingCount() });
      return;
    }
    this.update({ syncing: true, online: true });
    try {
      const transport = createHttpTransport(this.options.fetchFn, new URL(enrolment.serverUrl), enrolment.token);
      await runSyncRound(this.store.syncStore(), transport);
      const lastSyncAt = new Date().toISOString();
      const sync = (await this.store.getMeta('sync')) ?? { cursor: null, lastSyncAt: null };
      await this.store.setMeta('sync', { ...sync, lastSyncAt });
      this.update({ syncing: false, error: null, lastSyncAt, pending: await this.store.pendingCount() });
    } catch (error) {
      const code: SyncErrorCode = error instanceof SyncError ? error.code : 'server_error';
      if (!(error instanceof SyncError)) console.error('sync round failed', error);
      this.update({ syncing: false, error: code, pending: await this.store.pendingCount() });
    }
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }
}
