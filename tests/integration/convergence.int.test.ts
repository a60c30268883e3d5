import { beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Observation } from '../../shared/observations/observation-schema';
import { SyncError, runSyncRound } from '../../shared/sync/sync-engine';
import type { SyncTransport } from '../../shared/sync/sync-engine';
import type { Role } from '../../shared/access/roles';
import { enrolDevice, makeRecord } from './helpers/fixtures';
import { faultyTransport, injectTransport, seededRandom } from './helpers/inject-transport';
import { MemorySyncStore } from './helpers/memory-sync-store';
import { describeEachDb } from './helpers/test-db';
import { SERVER_MERGE_ORIGIN } from '../../server/domain/sync-repo';

interface Client {
  store: MemorySyncStore;
  transport: SyncTransport;
}

async function client(app: FastifyInstance, office: string, clock?: () => number, role?: Role): Promise<Client> {
  const device = await enrolDevice(app, office, 'Test laptop', role === undefined ? {} : { role, userName: `${role} user` });
  return { store: new MemorySyncStore(device.deviceId, clock), transport: injectTransport(app, device.token) };
}

/** One sync round, bounded so that a bug ends in a failure, not a hang. */
function round(c: Client): Promise<unknown> {
  return runSyncRound(c.store, c.transport, { maxPages: 100 });
}

/** Sync until a round passes without a transport fault (faults are retried, as the app would). */
async function syncUntilDone(c: Client, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    try {
      await runSyncRound(c.store, c.transport, { pushBatch: 3, pullPage: 4, maxPages: 100 });
      return;
    } catch (error) {
      if (!(error instanceof SyncError) || error.code !== 'network_unreachable') throw error;
    }
  }
  throw new Error('sync never completed');
}

function sorted(records: Map<string, Observation>): Observation[] {
  return [...records.values()].sort((a, b) => a.id.localeCompare(b.id));
}

async function serverRecords(db: { query: (sql: string) => Promise<Record<string, unknown>[]> }, office?: string): Promise<Observation[]> {
  const rows = await db.query('SELECT data FROM records');
  return rows
    .map((r) => r.data as Observation)
    .filter((r) => office === undefined || r.office === office)
    .sort((a, b) => a.id.localeCompare(b.id));
}

describeEachDb('two sync clients converge through the server', (h) => {
  beforeEach(() => h.reset());

  it('exchange new records and agree on concurrent edits of the same record', async () => {
    const app = await h.app();
    let now = Date.now();
    const tick = () => (now += 10);
    const a = await client(app, 'RS-BEL', tick);
    const b = await client(app, 'RS-BEL', tick);

    const shared = a.store.edit(makeRecord('RS-BEL', { summary: 'first version' }));
    a.store.edit(makeRecord('RS-BEL'));
    b.store.edit(makeRecord('RS-BEL'));
    await round(a);
    await round(b);
    await round(a);
    expect(sorted(a.store.records)).toEqual(sorted(b.store.records));
    expect(a.store.records.size).toBe(3);

    // Both edit the same record before either syncs: B's edit is the later stamp.
    a.store.edit({ ...shared, summary: 'edited on A', totalPersons: 20 });
    b.store.edit({ ...shared, summary: 'edited on B', totalPersons: 30 });
    await round(a);
    await round(b);
    await round(a);

    expect(sorted(a.store.records)).toEqual(sorted(b.store.records));
    expect(a.store.records.get(shared.id)?.summary).toBe('edited on B');
    expect(await serverRecords(h.db)).toEqual(sorted(a.store.records));
    // The losing version is kept in A's history, not lost.
    expect(a.store.history.some((r) => r.summary === 'edited on A')).toBe(true);
  });

  it('converge when requests and answers get lost, without duplicate changes on the server', async () => {
    const app = await h.app();
    const random = seededRandom(20_260_301);
    const a = await client(app, 'MK-SKO');
    const b = await client(app, 'MK-SKO');
    const faults = { dropRequest: 0.2, dropResponse: 0.3 };
    a.transport = faultyTransport(a.transport, faults, random);
    b.transport = faultyTransport(b.transport, faults, random);

    const ids: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 4; i++) ids.push(a.store.edit(makeRecord('MK-SKO', { summary: `A ${round}.${i}` })).id);
      for (let i = 0; i < 3; i++) ids.push(b.store.edit(makeRecord('MK-SKO', { summary: `B ${round}.${i}` })).id);
      // Concurrent edits of records both already hold.
      const target = ids[round];
      const heldA = target === undefined ? undefined : a.store.records.get(target);
      const heldB = target === undefined ? undefined : b.store.records.get(target);
      if (heldA) a.store.edit({ ...heldA, summary: `A edit ${round}` });
      if (heldB) b.store.edit({ ...heldB, summary: `B edit ${round}` });
      await syncUntilDone(a);
      await syncUntilDone(b);
    }
    await syncUntilDone(a);

    expect(a.store.waiting + b.store.waiting).toBe(0);
    expect(sorted(a.store.records)).toEqual(sorted(b.store.records));
    expect(a.store.records.size).toBe(35);
    expect(await serverRecords(h.db)).toEqual(sorted(a.store.records));
    const dupes = await h.db.query('SELECT change_id FROM changes GROUP BY change_id HAVING count(*) > 1');
    expect(dupes).toEqual([]);
  });

  it('keep both edits when two devices change different fields of one record offline', async () => {
    const app = await h.app();
    let now = Date.now() - 60_000;
    const tick = () => (now += 10);
    const a = await client(app, 'RS-BEL', tick);
    const b = await client(app, 'RS-BEL', tick);
    const record = a.store.edit(makeRecord('RS-BEL', { summary: 'as first written' }));
    await round(a);
    await round(b);

    // Both offline: A corrects the summary, B (later) the head count.
    const heldByA = a.store.records.get(record.id);
    const heldByB = b.store.records.get(record.id);
    if (!heldByA || !heldByB) throw new Error('record not on both devices');
    a.store.edit({ ...heldByA, summary: 'corrected on A' });
    b.store.edit({ ...heldByB, totalPersons: 30 });
    await round(a);
    await round(b);
    await round(a);

    const [server] = await serverRecords(h.db);
    expect(server).toMatchObject({ id: record.id, summary: 'corrected on A', totalPersons: 30 });
    expect(sorted(a.store.records)).toEqual([server]);
    expect(sorted(b.store.records)).toEqual([server]);
    // The merge is a change of the server's own, so that B, who pushed without A's edit, pulled it.
    const merges = await h.db.query<{ device_id: string; data: Observation }>('SELECT device_id, data FROM changes ORDER BY seq');
    expect(merges.at(-1)).toEqual({ device_id: SERVER_MERGE_ORIGIN, data: server });
  });

  it('give a field both devices changed offline to the later clock, everywhere, whichever pushes first', async () => {
    const app = await h.app();
    let now = Date.now() - 60_000;
    const tick = () => (now += 10);
    for (const laterPushesFirst of [true, false]) {
      const a = await client(app, 'RS-BEL', tick);
      const b = await client(app, 'RS-BEL', tick);
      const record = a.store.edit(makeRecord('RS-BEL'));
      await round(a);
      await round(b);
      const heldByA = a.store.records.get(record.id);
      const heldByB = b.store.records.get(record.id);
      if (!heldByA || !heldByB) throw new Error('record not on both devices');
      const earlier = a.store.edit({ ...heldByA, summary: 'A, earlier', totalPersons: 13 });
      const later = b.store.edit({ ...heldByB, summary: 'B, later' });
      expect(later.hlc > earlier.hlc).toBe(true);
      for (const c of laterPushesFirst ? [b, a, b] : [a, b, a]) await round(c);

      const server = (await serverRecords(h.db)).find((r) => r.id === record.id);
      expect(server).toMatchObject({ summary: 'B, later', totalPersons: 13 });
      expect(a.store.records.get(record.id)).toEqual(server);
      expect(b.store.records.get(record.id)).toEqual(server);
    }
  });

  it('keep a record deleted on one device although another edited it meanwhile', async () => {
    const app = await h.app();
    let now = Date.now() - 60_000;
    const tick = () => (now += 10);
    const a = await client(app, 'RS-BEL', tick);
    const b = await client(app, 'RS-BEL', tick);
    const record = a.store.edit(makeRecord('RS-BEL'));
    await round(a);
    await round(b);
    const heldByA = a.store.records.get(record.id);
    const heldByB = b.store.records.get(record.id);
    if (!heldByA || !heldByB) throw new Error('record not on both devices');
    a.store.edit({ ...heldByA, deleted: true });
    b.store.edit({ ...heldByB, summary: 'edited after the deletion' });
    for (const c of [a, b, a]) await round(c);

    const [server] = await serverRecords(h.db);
    expect(server).toMatchObject({ deleted: true, summary: 'edited after the deletion' });
    expect(sorted(a.store.records)).toEqual([server]);
    expect(sorted(b.store.records)).toEqual([server]);
  });

  it('merge the head count with its breakdown, so that a merged record is one the server accepts again', async () => {
    const app = await h.app();
    let now = Date.now() - 60_000;
    const tick = () => (now += 10);
    const a = await client(app, 'RS-BEL', tick);
    const b = await client(app, 'RS-BEL', tick);
    const counts = { men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: 'estimate', min: null, max: null } as const;
    const record = a.store.edit(makeRecord('RS-BEL', { totalPersons: 12 }));
    await round(a);
    await round(b);
    const heldByA = a.store.records.get(record.id);
    const heldByB = b.store.records.get(record.id);
    if (!heldByA || !heldByB) throw new Error('record not on both devices');
    // A: fewer people, five men among them. B, later: ten men among the twelve.
    a.store.edit({ ...heldByA, totalPersons: 5, counts: { ...counts, men: 5 } });
    b.store.edit({ ...heldByB, counts: { ...counts, men: 10 } });
    for (const c of [a, b, a]) await round(c);

    const merged = a.store.records.get(record.id);
    expect(merged).toMatchObject({ totalPersons: 12, counts: { men: 10 } });
    // Field by field it would be 5 people with 10 men: the server would refuse A's next push.
    if (!merged) throw new Error('no merged record');
    a.store.edit({ ...merged, summary: 'one more edit after the merge' });
    await round(a);
    expect(a.store.waiting).toBe(0);
    await round(b);
    expect(sorted(b.store.records)).toEqual(await serverRecords(h.db));
  });

  it('keep offices apart while an HQ analyst converges with all of them, and set aside what the analyst may not write', async () => {
    const app = await h.app();
    const bel = await client(app, 'RS-BEL');
    const bel2 = await client(app, 'RS-BEL');
    const sko = await client(app, 'MK-SKO');
    const hq = await client(app, 'HQ-VIE', undefined, 'hq_analyst');
    bel.store.edit(makeRecord('RS-BEL'));
    sko.store.edit(makeRecord('MK-SKO'));
    const second = bel2.store.edit(makeRecord('RS-BEL', { summary: 'from the second Belgrade laptop' }));
    // An analyst's device writes nothing: the server refuses the change and the engine sets it aside.
    hq.store.edit(makeRecord('RS-BEL', { author: 'hq_analyst user', summary: 'entered at HQ for Belgrade' }));
    for (const c of [bel, bel2, sko, hq, bel, sko]) await round(c);

    expect([...sko.store.records.values()].every((r) => r.office === 'MK-SKO')).toBe(true);
    expect(sko.store.records.size).toBe(1);
    expect(bel.store.records.size).toBe(2);
    expect(bel.store.records.get(second.id)?.summary).toBe('from the second Belgrade laptop');
    expect(hq.store.setAsideChanges.map((r) => r.code)).toEqual(['identity_mismatch']);
    expect(hq.store.waiting).toBe(0);
    // The analyst's own refused record stays on its device (set aside, not lost), beside the three it pulled.
    expect(hq.store.records.size).toBe(4);
    expect(sorted(bel.store.records)).toEqual(await serverRecords(h.db, 'RS-BEL'));
  });
});
