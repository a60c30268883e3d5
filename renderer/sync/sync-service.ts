/**
 * Runs sync rounds for the app: on demand, when the network comes back, after a local
 * save, and on a timer while online; never two at once in this window, and never two
 * at once across the app's tabs and windows (Web Locks). Publishes the one status the
 * screens read (sync-status.ts), and holds the rules about enrolment and revocation:
 *
 * - A revoked device (the server answered `device_revoked`) stops syncing until it is
 *   enrolled again; its outbox and "Needs attention" are kept for export.
 * - Enrolling again in the same office keeps everything and sends what was waiting.
 *   Into another office while changes wait, `enrol` refuses with OfficeChangeError
 *   (export first); `confirmOfficeChange()` then completes it (see there).
 * - An administrator's device neither pulls (the rule book gives it no observations;
 *   the server refuses) nor pushes (it creates nothing).
 * - Issued reports sync after the observations, in the same round and under the same
 *   lock (issued-report-sync.ts), unless the round found the device or the connection
 *   unable to sync. Their failure is their own (`reportsError`): it never turns a
 *   round of observations that went through into a failed one.
 */
import { MAX_CLOCK_DRIFT_MS } from '../../shared/sync/hlc';
import type { EnrolResponse, SyncErrorCode } from '../../shared/sync/protocol';
import { MassChangeError, runSyncRound, SyncError } from '../../shared/sync/sync-engine';
import type { ServerAnnouncement, ServerPurpose } from '../platform/platform';
import type { Enrolment } from '../store/meta-keys';
import type { AdoptionResult, ObservationStore } from '../store/observation-store';
import { IssuedReportStore } from '../store/issued-report-store';
import { createReportTransport, syncIssuedReports } from './issued-report-sync';
import { createHttpTransport, enrolDevice, parseServerUrl } from './http-transport';
import type { FetchLike, HttpSyncTransport } from './http-transport';
import { initialSyncStatus } from './sync-status';
import type { ClockSkewNotice, SyncStatus } from './sync-status';

export type { SyncStatus } from './sync-status';

/** The name every tab and window of the app takes its sync rounds under. */
export const SYNC_LOCK_NAME = 'routewatch-sync';

/** The part of the Web Locks API the service uses (navigator.locks fits it). */
export interface SyncLocks {
  /** Resolves to what the callback returns, as navigator.locks.request does. */
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export interface SyncServiceOptions {
  fetchFn: FetchLike;
  /** Milliseconds between automatic rounds while online. */
  intervalMs?: number;
  isOnline: () => boolean;
  /**
   * Web Locks, so that one tab or window syncs at a time. Default: `navigator.locks`
   * where the runtime has it; without it (null) each window only guards itself.
   */
  locks?: SyncLocks | null;
  /** The device's clock (tests set it apart from the server's). */
  now?: () => number;
  /**
   * Tells the host which server the device syncs with (Electron narrows the page's CSP
   * connect-src to it: `Platform.announceSyncServer`). `enrolled` after an enrolment and
   * before each round: a failure is logged, never a reason to stop syncing, and the host
   * never asks the person about it. `switch` before every enrolment: it is the host's say
   * whether the page may reach that server; a refusal stops the enrolment, and 'reloading'
   * means the page must reload (its policy names another server) first (ServerSwitchError).
   */
  announceServer?: (serverUrl: string, purpose: ServerPurpose) => Promise<ServerAnnouncement>;
}


/**
 * Enrolling with another server did not go out: the host refused the switch (the person
 * answered no), or took it, and the page, whose policy still names the old server, must
 * reload first (the Settings screen reloads it between rounds). Nothing changed on the
 * device either way; after the reload the enrolment can be made again, with the new
 * server allowed.
 */
export class ServerSwitchError extends Error {
  constructor(
    readonly serverUrl: string,
    readonly outcome: 'refused' | 'reloading',
  ) {
    super(outcome === 'refused' ? `the host did not allow ${serverUrl}` : `the page reloads to connect to ${serverUrl}`);
    this.name = 'ServerSwitchError';
  }
}

/**
 * The code was for another office than the one this device's waiting changes belong
 * to: they would be refused there. The redeemed enrolment is held (the code is spent)
 * until `confirmOfficeChange()`; nothing was changed.
 */
export class OfficeChangeError extends Error {
  constructor(
    readonly currentOffice: string,
    readonly newOffice: string,
    /** Records waiting and refused changes set aside, together. */
    readonly waiting: number,
  ) {
    super(`this device holds ${String(waiting)} unsent changes for ${currentOffice}; the code is for ${newOffice}: export them first`);
    this.name = 'OfficeChangeError';
  }
}

type Listener = (status: SyncStatus) => void;

interface RoundRequest {
  /** A person asked ("Sync now"): a round that cannot run says why in the status. */
  explicit: boolean;
  confirmMassChange: boolean;
}

/** Errors that say the device or the connection cannot sync at all: the reports are not tried after them. */
const ROUND_STOPPERS: readonly SyncErrorCode[] = ['device_revoked', 'unauthorized', 'network_unreachable', 'app_too_old', 'app_too_new', 'rate_limited'];

function defaultLocks(): SyncLocks | null {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
}

export class SyncService {
  private status: SyncStatus;
  private readonly listeners = new Set<Listener>();
  private running: Promise<void> | null = null;
  private requested: RoundRequest | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private heldEnrolment: { enrolment: Enrolment; resetCursor: boolean } | null = null;
  private readonly locks: SyncLocks | null;
  private readonly now: () => number;
  private readonly reports: IssuedReportStore;

  constructor(
    private readonly store: ObservationStore,
    private readonly options: SyncServiceOptions,
  ) {
    this.locks = options.locks === undefined ? defaultLocks() : options.locks;
    this.now = options.now ?? Date.now;
    this.reports = new IssuedReportStore(store.db, store.cipher, this.now);
    this.status = initialSyncStatus(options.isOnline());
  }

  /** Read the stored state, then sync once if enrolled and online. */
  async start(): Promise<void> {
    const [enrolment, sync, counts] = await Promise.all([this.store.getMeta('enrolment'), this.store.getMeta('sync'), this.counts()]);
    this.update({
      ...this.enrolmentStatus(enrolment),
      error: enrolment?.revokedAt !== undefined ? 'device_revoked' : null,
      lastSyncAt: sync?.lastSyncAt ?? null,
      ...counts,
    });
    this.timer = setInterval(() => {
      void this.schedule({ explicit: false, confirmMassChange: false });
    }, this.options.intervalMs ?? 60_000);
    await this.schedule({ explicit: false, confirmMassChange: false });
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
    if (online) void this.schedule({ explicit: false, confirmMassChange: false });
  }

  /** A local change was saved: show the kept counts, and push it at once when we can. */
  async noteLocalChange(): Promise<void> {
    this.update(await this.counts());
    void this.schedule({ explicit: false, confirmMassChange: false });
  }

  /**
   * A person asked to sync. Never throws: what stopped it goes to the status, also when
   * it cannot start (`not_enrolled`, `device_revoked`, `network_unreachable` offline).
   */
  syncNow(): Promise<void> {
    return this.schedule({ explicit: true, confirmMassChange: false });
  }

  /** The person confirmed the held mass change (status.massChange): run the round again, applying it. */
  confirmMassChange(): Promise<void> {
    return this.schedule({ explicit: true, confirmMassChange: true });
  }

  /**
   * Enrol this device with a one-time code, also again after revocation. Records made
   * before and never sent are adopted by the enrolled user where the mission matches
   * (ObservationStore.enrol). Enrolled again in the same office, the device keeps its
   * cursor and sends what was waiting; in another office (or on another server) it
   * pulls from the beginning.
   *
   * Throws SyncError for what the server says (an invalid code...), and OfficeChangeError
   * when the code is for another office while changes wait on this device: those would
   * be refused there, so the screen asks the person to export them first, then calls
   * `confirmOfficeChange()`. Until then nothing changes on the device.
   */
  async enrol(serverUrlText: string, code: string, deviceName: string): Promise<AdoptionResult> {
    const serverUrl = parseServerUrl(serverUrlText);
    // The host's policy may name another server than this one (the device's old server, or
    // one the person moved to and now moves from): it says, and asks the person if it must.
    await this.announceSwitch(serverUrl.href);
    const response = await enrolDevice(this.options.fetchFn, serverUrl, { code: code.trim().toUpperCase(), deviceName });
    const previous = await this.store.getMeta('enrolment');
    const enrolment = this.enrolmentOf(serverUrl, response, deviceName);
    const officeChanged = previous !== undefined && previous.office !== enrolment.office;
    const resetCursor = officeChanged || (previous !== undefined && previous.serverUrl !== enrolment.serverUrl);
    if (officeChanged) {
      const { pending, attention } = await this.counts();
      if (pending + attention > 0) {
        this.heldEnrolment = { enrolment, resetCursor };
        throw new OfficeChangeError(previous.office, enrolment.office, pending + attention);
      }
    }
    return this.applyEnrolment(enrolment, resetCursor);
  }

  /**
   * Complete the enrolment OfficeChangeError held, after the person exported what
   * waits. The waiting changes stay on the device (nothing typed is deleted): the new
   * office's server refuses those it may not take, and they show in "Needs attention".
   */
  async confirmOfficeChange(): Promise<AdoptionResult> {
    const held = this.heldEnrolment;
    if (held === null) throw new Error('no enrolment is waiting for confirmation');
    return this.applyEnrolment(held.enrolment, held.resetCursor);
  }

  private enrolmentOf(serverUrl: URL, response: EnrolResponse, deviceName: string): Enrolment {
    return {
      deviceName,
      serverUrl: serverUrl.href,
      token: response.token,
      deviceId: response.deviceId,
      office: response.office,
      role: response.role,
      userName: response.userName,
      enrolledAt: new Date(this.now()).toISOString(),
    };
  }

  private async applyEnrolment(enrolment: Enrolment, resetCursor: boolean): Promise<AdoptionResult> {
    this.heldEnrolment = null;
    const adoption = await this.store.enrol(enrolment, { resetCursor });
    await this.announce(enrolment.serverUrl);
    this.update({ ...this.enrolmentStatus(enrolment), error: null, massChange: null, ...(await this.counts()) });
    await this.schedule({ explicit: false, confirmMassChange: false });
    return adoption;
  }

  /**
   * Before enrolling: the page may reach the server only once the host allows it, and in
   * Electron, for another server than the page's policy names, only after a reload (the
   * policy is fixed at load). Either outcome other than 'kept' stops the enrolment before
   * any request goes out.
   */
  private async announceSwitch(serverUrl: string): Promise<void> {
    const announce = this.options.announceServer;
    if (announce === undefined) return;
    let outcome: ServerAnnouncement;
    try {
      outcome = await announce(serverUrl, 'switch');
    } catch (error) {
      console.warn('The host did not take the sync server', error);
      throw new ServerSwitchError(serverUrl, 'refused');
    }
    if (outcome === 'reloading') throw new ServerSwitchError(serverUrl, 'reloading');
  }

  private async announce(serverUrl: string): Promise<void> {
    try {
      await this.options.announceServer?.(serverUrl, 'enrolled');
    } catch (error) {
      console.warn('The host did not take the sync server', error);
    }
  }

  private enrolmentStatus(enrolment: Enrolment | undefined): Pick<SyncStatus, 'enrolled' | 'revoked' | 'office' | 'userName'> {
    return {
      enrolled: enrolment !== undefined,
      revoked: enrolment?.revokedAt !== undefined,
      office: enrolment?.office ?? null,
      userName: enrolment?.userName ?? null,
    };
  }

  private async counts(): Promise<Pick<SyncStatus, 'pending' | 'attention' | 'reportsWaiting' | 'reportsRefused'>> {
    const [pending, attention, reports] = await Promise.all([this.store.pendingCount(), this.store.attentionCount(), this.reports.counts()]);
    return { pending, attention, reportsWaiting: reports.waiting, reportsRefused: reports.refused };
  }

  /**
   * Ask for a round: one runs at a time in this window; requests made meanwhile merge
   * into one more round after it. The returned promise settles when no round is left.
   */
  private schedule(request: RoundRequest): Promise<void> {
    const waiting = this.requested;
    this.requested = {
      explicit: request.explicit || (waiting?.explicit ?? false),
      confirmMassChange: request.confirmMassChange || (waiting?.confirmMassChange ?? false),
    };
    this.running ??= this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (let next = this.requested; next !== null; next = this.requested) {
        this.requested = null;
        await this.round(next);
      }
    } finally {
      // In the same step as the last check: a request made after it starts a new drain.
      this.running = null;
    }
  }

  private async round(request: RoundRequest): Promise<void> {
    const enrolment = await this.store.getMeta('enrolment');
    const explain = (code: SyncErrorCode): Partial<SyncStatus> => (request.explicit ? { error: code } : {});
    // A round that runs counts when it ends; one that cannot run counts here.
    if (!enrolment) {
      this.update({ ...this.enrolmentStatus(undefined), ...(await this.counts()), ...explain('not_enrolled') });
      return;
    }
    if (enrolment.revokedAt !== undefined) {
      this.update({ ...this.enrolmentStatus(enrolment), ...(await this.counts()), error: 'device_revoked' });
      return;
    }
    if (!this.options.isOnline()) {
      this.update({ online: false, ...(await this.counts()), ...explain('network_unreachable') });
      return;
    }
    // An administrator's device holds no observations and makes none: nothing to sync.
    if (enrolment.role === 'administrator') {
      this.update({ ...this.enrolmentStatus(enrolment), online: true, ...(await this.counts()), error: null });
      return;
    }
    const run = () => this.runRound(enrolment, request.confirmMassChange);
    if (this.locks === null) {
      await run();
      return;
    }
    // ifAvailable first: a tab that finds another tab or window syncing says so, and
    // then waits its turn and runs a round of its own. Its own round is what makes its
    // status true again (the other tab's outcome, counts and errors are not told to it),
    // and costs little: the outbox the other tab sent is empty, so it only pulls.
    const ran = await this.locks.request(SYNC_LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock === null) return false;
      await run();
      return true;
    });
    if (ran) return;
    this.update({ elsewhere: true, error: null, ...(await this.counts()) });
    await this.locks.request(SYNC_LOCK_NAME, { ifAvailable: false }, async () => {
      this.update({ elsewhere: false });
      await run();
    });
  }

  private async runRound(enrolment: Enrolment, confirmMassChange: boolean): Promise<void> {
    // The last round's error is the last round's: while this one runs it would sit beside
    // "Syncing…" as if it were this round's. A failure of this round sets it again.
    this.update({ syncing: true, online: true, progress: null, error: null });
    await this.announce(enrolment.serverUrl);
    const transport = createHttpTransport(this.options.fetchFn, new URL(enrolment.serverUrl), enrolment.token, this.now);
    let patch: Partial<SyncStatus>;
    try {
      const round = () =>
        runSyncRound(this.store.syncStore(), transport, {
          confirmMassChange,
          onProgress: (progress) => this.update({ progress }),
        });
      const result = await round();
      // Changes refused as stamped ahead stay queued; once the clock that stamped them has
      // been corrected they are stamped again (restampWaiting) and sent in this same round.
      if (result.skewed > 0 && (await this.restampAfterCorrection(transport)) > 0) await round();
      const lastSyncAt = new Date(this.now()).toISOString();
      const sync = (await this.store.getMeta('sync')) ?? { cursor: null, lastSyncAt: null };
      await this.store.setMeta('sync', { ...sync, lastSyncAt });
      patch = { error: null, massChange: null, lastSyncAt };
    } catch (error) {
      patch = await this.failure(error, enrolment);
    }
    if (patch.error === null || patch.error === undefined || !ROUND_STOPPERS.includes(patch.error)) {
      const reports = await syncIssuedReports(
        this.reports,
        createReportTransport(this.options.fetchFn, new URL(enrolment.serverUrl), enrolment.token),
        `${enrolment.serverUrl} ${enrolment.office}`,
      );
      patch = { ...patch, reportsError: reports.error };
    }
    const skew = this.skewOf(transport);
    // The enrolment too: one made in another tab is this tab's from its first round.
    this.update({ ...this.enrolmentStatus(enrolment), ...patch, ...(skew === undefined ? {} : { clockSkew: skew }), syncing: false, progress: null, ...(await this.counts()) });
  }

  private async failure(error: unknown, enrolment: Enrolment): Promise<Partial<SyncStatus>> {
    if (error instanceof MassChangeError) {
      return { error: 'mass_change', massChange: { deletes: error.deletes, overwrites: error.overwrites, held: error.held } };
    }
    if (error instanceof SyncError && error.code === 'device_revoked') {
      // Only the enrolment this round ran with: an enrolment made meanwhile stays good.
      await this.store.markRevoked(enrolment.token, new Date(this.now()).toISOString());
      return { error: 'device_revoked', revoked: true };
    }
    if (!(error instanceof SyncError)) console.error('sync round failed', error);
    return { error: error instanceof SyncError ? error.code : 'server_error' };
  }

  /**
   * Stamp again the waiting changes made while this device's clock was far ahead, if the
   * server's last answer shows the clocks agree now (ObservationStore.restampWaiting
   * decides, and does nothing otherwise). Returns how many records were stamped again.
   */
  private async restampAfterCorrection(transport: HttpSyncTransport): Promise<number> {
    const reading = transport.lastServerClock();
    return reading === null ? 0 : this.store.restampWaiting(Date.parse(reading.serverTime));
  }

  /** The clock notice from the round's last answer; undefined when no answer came. */
  private skewOf(transport: HttpSyncTransport): ClockSkewNotice | null | undefined {
    const reading = transport.lastServerClock();
    if (reading === null) return undefined;
    const drift = Math.abs(Date.parse(reading.serverTime) - Date.parse(reading.deviceTime));
    return drift > MAX_CLOCK_DRIFT_MS ? { deviceTime: reading.deviceTime, serverTime: reading.serverTime } : null;
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }
}
