import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
import { openDatabase } from '../store/database';
import { ObservationStore } from '../store/observation-store';
import { TEST_NOW, TEST_PROFILE, candidate, freshDatabaseName } from '../../test-support/renderer/store-test-fixtures';
import { FakeSyncServer } from '../../test-support/renderer/fake-sync-server';
import { IssuedReportStore } from '../store/issued-report-store';
import { sampleParameters, sampleReportDocument } from '../../test-support/shared/issued-report-fixtures';
import type { FetchLike } from './http-transport';
import { OfficeChangeError, ServerSwitchError, SyncService } from './sync-service';
import type { SyncLocks, SyncServiceOptions } from './sync-service';
import type { SyncStatus } from './sync-status';
import { testCipher } from '../../test-support/renderer/test-cipher';

const URL_TEXT = 'https://hq.example.org/';
const DAY = 24 * 3_600_000;

interface Device {
  store: ObservationStore;
  sync: SyncService;
  /** Requests this device made, by path. */
  calls: string[];
  statuses: SyncStatus[];
}

function device(server: FakeSyncServer, options: Partial<SyncServiceOptions> & { databaseName?: string; now?: () => number } = {}): Device {
  const now = options.now ?? (() => TEST_NOW);
  const store = new ObservationStore(openDatabase(options.databaseName ?? freshDatabaseName('svc')), { cipher: testCipher(), now: now });
  const calls: string[] = [];
  const fetchFn: FetchLike = (input, init) => {
    calls.push(new URL(input).pathname);
    return server.fetch(input, init);
  };
  const sync = new SyncService(store, { fetchFn, isOnline: () => true, locks: null, now, ...options });
  const statuses: SyncStatus[] = [];
  sync.subscribe((status) => statuses.push(status));
  return { store, sync, calls, statuses };
}

let codes = 0;
function code(): string {
  codes += 1;
  return `CODE${String(codes).padStart(4, '0')}`;
}

describe('enrolment and identity', () => {
  it('adopts the records made before enrolment, sends them, and shows who the device records as', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { store, sync } = device(server);
    await store.createObservations([candidate(), candidate({ totalPersons: 3 })], TEST_PROFILE);
    await sync.start();
    expect(sync.getStatus()).toMatchObject({ enrolled: false, pending: 2, error: null });

    const adoption = await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-NIS', 'Ana Petrović'), 'Tablet 3');
    expect(adoption).toEqual({ adopted: 2, kept: 0 });
    expect(sync.getStatus()).toMatchObject({ enrolled: true, revoked: false, office: 'RS-NIS', userName: 'Ana Petrović', pending: 0, attention: 0, error: null });
    expect([...server.records.values()].map((r) => [r.author, r.office])).toEqual([
      ['Ana Petrović', 'RS-NIS'],
      ['Ana Petrović', 'RS-NIS'],
    ]);
    expect(await store.getMeta('enrolment')).toMatchObject({ userName: 'Ana Petrović', deviceName: 'Tablet 3', deviceId: 'dev1', office: 'RS-NIS' });
    sync.stop();
  });

  it('a record of another mission is refused, set aside, and holds up nothing', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { store, sync } = device(server);
    await store.createObservations([candidate({ placeId: 'mk-gevgelija' })], { author: 'Ana', office: 'MK-SKO' });
    await store.createObservations([candidate()], TEST_PROFILE);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    expect(sync.getStatus()).toMatchObject({ pending: 0, attention: 1, error: null });
    expect((await store.attentionItems()).map((r) => [r.code, r.record.office])).toEqual([['identity_mismatch', 'MK-SKO']]);
    expect([...server.records.values()].map((r) => r.office)).toEqual(['RS-BEL']);
  });
});

describe('telling the host which server it syncs with', () => {
  it('announces the server after enrolment and before each round; a host that refuses stops nothing', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const announced: string[] = [];
    const { store, sync } = device(server, {
      announceServer: (url, purpose) => {
        announced.push(`${purpose} ${url}`);
        return purpose === 'switch' ? Promise.resolve('kept') : Promise.reject(new Error('the host said no'));
      },
    });
    await store.createObservations([candidate()], TEST_PROFILE);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-NIS', 'Ana'), 'Tablet');
    expect(announced[0]).toBe(`switch ${URL_TEXT}`);
    expect(announced.length).toBeGreaterThanOrEqual(3);
    expect(new Set(announced.slice(1))).toEqual(new Set([`enrolled ${URL_TEXT}`]));
    expect(sync.getStatus()).toMatchObject({ enrolled: true, pending: 0, error: null });
    sync.stop();
  });

  it('announces the server before every enrolment, the same one again included, so the host can ask the person first', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const announced: string[] = [];
    const { sync } = device(server, { announceServer: (url, purpose) => (announced.push(`${purpose} ${url}`), Promise.resolve('kept')) });
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-NIS', 'Ana'), 'Tablet');
    announced.length = 0;
    await expect(sync.enrol('https://other.example.org/', 'NOCODE', 'Tablet')).rejects.toThrow();
    expect(announced).toEqual(['switch https://other.example.org/']);
    announced.length = 0;
    // Back to the device's own server: the host's policy may name another one by now (a switch the person allowed).
    await expect(sync.enrol(URL_TEXT, 'NOCODE', 'Tablet')).rejects.toThrow();
    expect(announced).toEqual([`switch ${URL_TEXT}`]);
    sync.stop();
  });

  it('sends no enrolment to a server the host refused, or must reload the page for, and changes nothing', async () => {
    for (const [answer, outcome] of [
      [() => Promise.reject(new Error('the person said no')), 'refused'],
      [() => Promise.resolve('reloading' as const), 'reloading'],
    ] as const) {
      const server = new FakeSyncServer({ now: () => TEST_NOW });
      let switching = false;
      const { store, sync, calls } = device(server, { announceServer: (_url, purpose) => (switching && purpose === 'switch' ? answer() : Promise.resolve('kept')) });
      await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-NIS', 'Ana'), 'Tablet');
      const before = await store.getMeta('enrolment');
      calls.length = 0;
      switching = true;
      const failed = sync.enrol('https://other.example.org/', 'ABCD-EFGH', 'Tablet');
      await expect(failed).rejects.toBeInstanceOf(ServerSwitchError);
      await expect(failed).rejects.toMatchObject({ serverUrl: 'https://other.example.org/', outcome });
      expect(calls).toEqual([]);
      expect(await store.getMeta('enrolment')).toEqual(before);
      sync.stop();
    }
  });
});

describe('a revoked device', () => {
  it('stops syncing and keeps everything; enrolled again in the same office it sends what waited', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { store, sync, calls } = device(server);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    const [record] = await store.createObservations([candidate()], TEST_PROFILE);
    await sync.syncNow();
    server.inject('RS-BEL', {
      changeId: '01900000-0000-7000-b000-000000000001',
      record: { ...(record as Observation), id: '01900000-0000-7000-8000-0000000000f1', author: 'Boris' },
    });
    await sync.syncNow();
    const cursor = await store.syncStore().getCursor();
    expect(cursor).not.toBeNull();

    server.revoke('dev1');
    await store.createObservations([candidate({ totalPersons: 5 })], TEST_PROFILE);
    const port = store.syncStore();
    const [waiting] = await port.pendingChanges(1);
    if (!waiting) throw new Error('not queued');
    await sync.noteLocalChange();
    await sync.syncNow();
    expect(sync.getStatus()).toMatchObject({ revoked: true, enrolled: true, error: 'device_revoked', pending: 1 });
    expect((await store.getMeta('enrolment'))?.revokedAt).toBe(new Date(TEST_NOW).toISOString());
    expect((await port.pendingChanges(10)).map((c) => c.changeId)).toEqual([waiting.changeId]);

    // No more requests: "Sync now" says why, the timer and local changes do nothing.
    calls.length = 0;
    await sync.syncNow();
    await sync.noteLocalChange();
    expect(calls).toEqual([]);
    expect(sync.getStatus().error).toBe('device_revoked');

    // Export still works.
    expect((await store.exportWaiting()).pending.map((c) => c.changeId)).toEqual([waiting.changeId]);

    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    expect(sync.getStatus()).toMatchObject({ revoked: false, error: null, pending: 0 });
    expect(await store.getMeta('enrolment')).toMatchObject({ deviceId: 'dev2' });
    expect((await store.getMeta('enrolment'))?.revokedAt).toBeUndefined();
    expect(server.log.filter((row) => row.deviceId === 'dev2').map((row) => row.change.changeId)).toEqual([waiting.changeId]);
    // Same office: the pull went on from where it was (nothing sent twice).
    expect(await store.syncStore().getCursor()).toBe(cursor);
  });

  it('enrolled into another office while changes wait: refused until confirmed, then pulls from the start', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { store, sync } = device(server);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    await store.setMeta('sync', { cursor: '7', lastSyncAt: null });
    server.revoke('dev1');
    await store.createObservations([candidate()], TEST_PROFILE);
    await sync.syncNow();
    expect(sync.getStatus().revoked).toBe(true);

    const refused = await sync.enrol(URL_TEXT, server.issueCode(code(), 'MK-SKO', 'Ana'), 'Tablet').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OfficeChangeError);
    expect(refused).toMatchObject({ currentOffice: 'RS-BEL', newOffice: 'MK-SKO', waiting: 1 });
    expect(await store.getMeta('enrolment')).toMatchObject({ office: 'RS-BEL', deviceId: 'dev1' });
    expect(sync.getStatus()).toMatchObject({ revoked: true, office: 'RS-BEL' });

    await sync.confirmOfficeChange();
    expect(await store.getMeta('enrolment')).toMatchObject({ office: 'MK-SKO', deviceId: 'dev2' });
    expect(sync.getStatus()).toMatchObject({ revoked: false, office: 'MK-SKO' });
    // The RS record was kept and refused by the new office: in "Needs attention", not lost.
    expect(sync.getStatus()).toMatchObject({ pending: 0, attention: 1 });
    expect(server.pushes.at(-1)?.changes).toHaveLength(1);
    await expect(sync.confirmOfficeChange()).rejects.toThrow('no enrolment');
  });

  it('changes office freely when nothing waits', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { store, sync } = device(server);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    await store.setMeta('sync', { cursor: '7', lastSyncAt: null });
    server.revoke('dev1');
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'MK-SKO', 'Ana'), 'Tablet');
    expect(await store.getMeta('enrolment')).toMatchObject({ office: 'MK-SKO' });
    expect(await store.syncStore().getCursor()).toBeNull();
  });
});

describe('what the status says', () => {
  it('"Sync now" explains why it cannot run: not enrolled, offline', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    let online = true;
    const { sync, calls } = device(server, { isOnline: () => online });
    await sync.start();
    // Started by itself, an unenrolled device is not in error.
    expect(sync.getStatus()).toMatchObject({ enrolled: false, error: null });
    await sync.syncNow();
    expect(sync.getStatus().error).toBe('not_enrolled');

    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    online = false;
    calls.length = 0;
    await sync.syncNow();
    expect(sync.getStatus()).toMatchObject({ online: false, error: 'network_unreachable' });
    expect(calls).toEqual([]);
    sync.stop();
  });

  it('keeps counts after each write and round, and shows progress only while a round runs', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { store, sync, statuses } = device(server);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    const [first] = await store.createObservations([candidate()], TEST_PROFILE);
    for (let i = 0; i < 30; i++) {
      server.inject('RS-BEL', {
        changeId: `01900000-0000-7000-b000-${String(100 + i).padStart(12, '0')}`,
        record: { ...(first as Observation), id: `01900000-0000-7000-8000-${String(500 + i).padStart(12, '0')}`, author: 'Boris' },
      });
    }
    statuses.length = 0;
    await sync.syncNow();
    const progress = statuses.map((s) => s.progress).filter((p) => p !== null);
    expect(progress.map((p) => p.phase)).toEqual(['push', 'pull']);
    expect(progress.at(-1)).toEqual({ phase: 'pull', done: 30, remaining: 0 });
    expect(sync.getStatus()).toMatchObject({ progress: null, syncing: false, pending: 0, lastSyncAt: new Date(TEST_NOW).toISOString() });
    expect(await store.db.observations.count()).toBe(31);
  });

  it('holds a mass change for confirmation, then applies it', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { store, sync } = device(server);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    const records = await store.createObservations(
      Array.from({ length: 30 }, () => candidate()),
      TEST_PROFILE,
    );
    await sync.syncNow();
    records.forEach((record, i) => {
      const hlc = formatHlc({ wallMs: TEST_NOW + 1000, counter: i, node: 'other' });
      server.inject('RS-BEL', {
        changeId: `01900000-0000-7000-c000-${String(i).padStart(12, '0')}`,
        record: { ...record, deleted: true, hlc, fieldClocks: { deleted: hlc } },
      });
    });
    await sync.syncNow();
    expect(sync.getStatus()).toMatchObject({ error: 'mass_change', massChange: { deletes: 30, overwrites: 0, held: 30 } });
    expect(await store.listObservations()).toHaveLength(30);
    await sync.confirmMassChange();
    expect(sync.getStatus()).toMatchObject({ error: null, massChange: null });
    expect(await store.listObservations()).toHaveLength(0);
  });

  it('an administrator device neither pushes nor pulls', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const { sync, calls } = device(server);
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'HQ-ADM', 'Admin', 'administrator'), 'Laptop');
    await sync.syncNow();
    expect(calls).toEqual(['/api/v1/enrolments']);
    expect(sync.getStatus()).toMatchObject({ enrolled: true, error: null });
  });
});

describe('clocks 24 hours apart', () => {
  it('the notice shows both times, and no edit is ordered before one it followed', async () => {
    const serverNow = TEST_NOW;
    const server = new FakeSyncServer({ now: () => serverNow });
    const a = device(server);
    // B's clock is a day behind the server's.
    const b = device(server, { now: () => serverNow - DAY });
    await a.sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'A');
    await b.sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Boris'), 'B');
    expect(a.sync.getStatus().clockSkew).toBeNull();
    expect(b.sync.getStatus().clockSkew).toEqual({ deviceTime: new Date(serverNow - DAY).toISOString(), serverTime: new Date(serverNow).toISOString() });

    const [created] = await a.store.createObservations([candidate({ observedStart: '2026-03-09T08:00:00.000Z' })], TEST_PROFILE);
    if (!created) throw new Error('not created');
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(b.sync.getStatus().error).toBeNull();
    expect((await b.store.getObservation(created.id))?.totalPersons).toBe(12);
    // A edits first, then B, who has seen A's record: B's edit wins though its clock says a day earlier.
    await a.store.updateObservation(created.id, candidate({ observedStart: '2026-03-09T08:00:00.000Z', summary: 'A, first' }), 'Ana');
    await a.sync.syncNow();
    await b.sync.syncNow();
    await b.store.updateObservation(created.id, candidate({ observedStart: '2026-03-09T08:00:00.000Z', summary: 'B, after' }), 'Boris');
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect((await a.store.getObservation(created.id))?.summary).toBe('B, after');
    expect((await b.store.getObservation(created.id))?.summary).toBe('B, after');
  });

  it("a device a day ahead keeps its changes queued (not in Needs attention) and is told why", async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const c = device(server, { now: () => TEST_NOW + DAY });
    await c.sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'C');
    await c.store.createObservations([candidate()], TEST_PROFILE);
    await c.sync.syncNow();
    expect(c.sync.getStatus()).toMatchObject({
      pending: 1,
      attention: 0,
      clockSkew: { deviceTime: new Date(TEST_NOW + DAY).toISOString(), serverTime: new Date(TEST_NOW).toISOString() },
    });
  });
});

describe('a clock a day ahead, corrected', () => {
  it('sends what was stamped from it, and what was recorded since, on the next sync', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    let ahead = DAY;
    const c = device(server, { now: () => TEST_NOW + ahead });
    await c.sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'C');
    const [early] = await c.store.createObservations([candidate({ summary: 'a day ahead' })], TEST_PROFILE);
    await c.sync.syncNow();
    expect(c.sync.getStatus()).toMatchObject({ pending: 1, attention: 0 });

    ahead = 0;
    const [later] = await c.store.createObservations([candidate({ summary: 'clock corrected' })], TEST_PROFILE);
    await c.sync.syncNow();

    expect(c.sync.getStatus()).toMatchObject({ pending: 0, attention: 0, clockSkew: null, error: null });
    expect(server.records.get(early?.id ?? '')?.summary).toBe('a day ahead');
    expect(server.records.get(later?.id ?? '')?.summary).toBe('clock corrected');
    for (const record of server.records.values()) expect(parseHlc(record.hlc).wallMs).toBeLessThanOrEqual(TEST_NOW);
  });
});

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

describe('the error of the last round', () => {
  it('is not shown while the next round runs, and comes back only if that round fails too', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    let reachable = true;
    const { store, sync, statuses } = device(server, {
      fetchFn: (input, init) => (reachable ? server.fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
    });
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    await store.createObservations([candidate()], TEST_PROFILE);
    reachable = false;
    await sync.syncNow();
    expect(sync.getStatus().error).toBe('network_unreachable');

    reachable = true;
    statuses.length = 0;
    await sync.syncNow();
    const during = statuses.filter((status) => status.syncing);
    expect(during.length).toBeGreaterThan(0);
    expect(during.map((status) => status.error)).toEqual(during.map(() => null));
    expect(sync.getStatus()).toMatchObject({ syncing: false, error: null, pending: 0 });

    reachable = false;
    await sync.syncNow();
    expect(sync.getStatus().error).toBe('network_unreachable');
  });
});

describe('one writer across tabs', () => {
  /**
   * Web Locks as the browser grants them: one holder per name; ifAvailable gets null
   * when held; otherwise the request waits, in order, until the holder lets go.
   */
  function fakeLocks(): SyncLocks & { granted: number; skipped: number } {
    const held = new Set<string>();
    const waiting = new Map<string, (() => void)[]>();
    const locks = {
      granted: 0,
      skipped: 0,
      async request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T> {
        if (held.has(name)) {
          if (options.ifAvailable) {
            locks.skipped += 1;
            return callback(null);
          }
          await new Promise<void>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve]));
        }
        held.add(name);
        locks.granted += 1;
        try {
          return await callback({ name });
        } finally {
          const next = waiting.get(name)?.shift();
          // The lock passes straight to the next in line, as the browser's does.
          if (next === undefined) held.delete(name);
          else next();
        }
      },
    };
    return locks;
  }

  it('two tabs on one database never push the same outbox twice', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    const locks = fakeLocks();
    const databaseName = freshDatabaseName('tabs');
    const first = device(server, { databaseName, locks });
    await first.sync.enrol(URL_TEXT, server.issueCode(code(), 'RS-BEL', 'Ana'), 'Tablet');
    const second = device(server, { databaseName, locks });
    await second.sync.start();
    expect(second.sync.getStatus()).toMatchObject({ enrolled: true, office: 'RS-BEL' });
    await first.store.createObservations([candidate(), candidate()], TEST_PROFILE);

    // The first tab's push is held on the wire.
    const inFlight = signal();
    const gate = signal();
    const arrived = inFlight.fire;
    const release = gate.fire;
    server.pushGate = gate.promise;
    const wire = server.fetch;
    Object.assign(server, {
      fetch: (input: string, init?: RequestInit) => {
        if (input.includes('/sync/push')) arrived();
        return wire(input, init);
      },
    });
    const firstRound = first.sync.syncNow();
    await inFlight.promise;
    // The second tab finds the lock held: it says another window is syncing, and waits.
    const elsewhere = signal();
    const unsubscribe = second.sync.subscribe((status) => {
      if (status.elsewhere) elsewhere.fire();
    });
    const secondRound = second.sync.syncNow();
    await elsewhere.promise;
    unsubscribe();
    expect(locks.skipped).toBe(1);
    expect(second.sync.getStatus()).toMatchObject({ elsewhere: true, syncing: false, pending: 2, error: null });
    release();
    await firstRound;
    // Then it runs a round of its own, which finds nothing left to push: its status is true without a press.
    await secondRound;
    server.pushGate = null;

    expect(server.pushes.flatMap((p) => p.changes)).toHaveLength(2);
    expect(server.log).toHaveLength(2);
    expect(await second.store.pendingCount()).toBe(0);
    expect(second.sync.getStatus()).toMatchObject({ elsewhere: false, syncing: false, pending: 0, error: null });
    expect(second.sync.getStatus().lastSyncAt).not.toBeNull();
    second.sync.stop();
  });
});

describe('issued reports in the round', () => {
  it('pushes waiting reports after the observations; their failure is shown apart and never fails the round', async () => {
    const server = new FakeSyncServer({ now: () => TEST_NOW });
    let reportsUp = false;
    const fetchFn: FetchLike = (input, init) => {
      if (!new URL(input).pathname.endsWith('/api/v1/reports')) return server.fetch(input, init);
      if (!reportsUp) return Promise.resolve(new Response(JSON.stringify({ error: { code: 'server_error', message: 'down' } }), { status: 503 }));
      if (init?.method === 'POST') {
        return Promise.resolve(Response.json({ id: reportId, number: 'HQ-VIE-2026-001', issuedBy: 'Hanna', office: 'HQ-VIE', receivedAt: '2026-03-10T12:00:01.000Z' }));
      }
      return Promise.resolve(Response.json({ reports: [], cursor: null, hasMore: false }));
    };
    const { store, sync } = device(server, { fetchFn });
    await sync.enrol(URL_TEXT, server.issueCode(code(), 'HQ-VIE', 'Hanna', 'hq_analyst'), 'Laptop');
    const reports = new IssuedReportStore(store.db, store.cipher, () => TEST_NOW);
    const reportId = (await reports.issueReport({ parameters: sampleParameters(), highlights: [], document: sampleReportDocument() })).id;
    await sync.noteLocalChange();
    await sync.syncNow();
    expect(sync.getStatus()).toMatchObject({ error: null, reportsError: 'server_error', reportsWaiting: 1, reportsRefused: 0 });
    expect(sync.getStatus().lastSyncAt).not.toBeNull();

    reportsUp = true;
    await sync.syncNow();
    expect(sync.getStatus()).toMatchObject({ error: null, reportsError: null, reportsWaiting: 0 });
    expect((await reports.get(reportId))?.number).toBe('HQ-VIE-2026-001');
  });
});
