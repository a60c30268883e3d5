/**
 * Conflicts, visible (issue 10): two devices running the real store (fake-indexeddb)
 * against the real server in-process, on PGlite and PostgreSQL. A value a merge drops is
 * kept as one conflict revision on the server and on every device, the record is
 * flagged until someone who may edit it answers, and the answer syncs like any edit.
 * Revision history syncs with the author named by the server, once per revision, with
 * sensitive values withheld like the record's.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { runSyncRound } from '../../shared/sync/sync-engine';
import type { SyncChange } from '../../shared/sync/protocol';
import { openDatabase } from '../../renderer/store/database';
import { ObservationStore } from '../../renderer/store/observation-store';
import { candidate, freshDatabaseName } from '../../test-support/renderer/store-test-fixtures';
import { revisionsOfRecord } from '../../server/domain/revisions-repo';
import { enrolDevice, pull, pullAll, push, resultOf, send } from './helpers/fixtures';
import { inProcessTransport as injectTransport } from './helpers/proof-transport';
import { describeEachDb } from './helpers/test-db';
import { testCipher } from '../../test-support/renderer/test-cipher';

const OFFICE = 'RS-BEL';

interface Device {
  store: ObservationStore;
  token: string;
  userName: string;
  sync(): Promise<void>;
}

/** A device of the office, enrolled through the API as `userName` with `role`, running the real store. */
async function deviceFor(app: FastifyInstance, userName: string, role: Role): Promise<Device> {
  const enrolled = await enrolDevice(app, OFFICE, `${userName}'s laptop`, { userName, role });
  const store = new ObservationStore(openDatabase(freshDatabaseName('conflicts')), { cipher: testCipher(), now: () => Date.now() });
  await store.enrol(
    { serverUrl: 'http://in-process', token: enrolled.token, deviceId: enrolled.deviceId, office: enrolled.office, role: enrolled.role, userName: enrolled.userName, enrolledAt: new Date().toISOString() },
    { resetCursor: false },
  );
  const transport = injectTransport(app, enrolled.token);
  return {
    store,
    token: enrolled.token,
    userName,
    async sync() {
      const round = await runSyncRound(store.syncStore(), transport, { maxPages: 100 });
      expect(round.refused).toBe(0);
    },
  };
}

async function createOne(device: Device, patch: Record<string, unknown> = {}): Promise<Observation> {
  const [record] = await device.store.createObservations([candidate({ summary: 'as recorded', ...patch })], { author: device.userName, office: OFFICE });
  if (!record) throw new Error('not created');
  return record;
}

async function editSummary(device: Device, id: string, summary: string): Promise<void> {
  const current = await device.store.getObservation(id);
  if (!current) throw new Error('no record');
  await device.store.updateObservation(id, { ...current, summary }, device.userName);
}

/** The request a device would make, by hand, with a revision of the record. */
function withRevisions(record: Observation, revisions: unknown[]): SyncChange {
  return { changeId: randomUUID(), record, revisions } as SyncChange;
}

describeEachDb('conflicts kept and flagged', (h) => {
  beforeEach(() => h.reset());

  it('keeps the value two offline edits of one field lose once on the server and on both devices, and clears the flag everywhere when a supervisor picks', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const sam = await deviceFor(app, 'Sam', 'supervisor');
    const record = await createOne(ana);
    await ana.sync();
    await sam.sync();

    // Both offline: Ana first, Sam a moment later (Sam's clock wins the merge).
    await editSummary(ana, record.id, 'Ana: twelve at the station');
    await editSummary(sam, record.id, 'Sam: fourteen at the station');
    await ana.sync();
    await sam.sync();
    await ana.sync();

    const onServer = (await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'conflict');
    expect(onServer).toHaveLength(1);
    const conflict = onServer[0];
    expect(conflict?.changes).toContainEqual({ field: 'summary', before: 'Ana: twelve at the station', after: 'Sam: fourteen at the station' });
    expect(conflict?.conflict?.kind).toBe('edit');
    // The merged record holds the later value on every replica.
    for (const device of [ana, sam]) expect((await device.store.getObservation(record.id))?.summary).toBe('Sam: fourteen at the station');

    // Both devices hold that same conflict, once, and flag the record.
    for (const device of [ana, sam]) {
      const open = await device.store.openConflictsOf(record.id);
      expect(open.map((r) => r.id)).toEqual([conflict?.id]);
      const all = (await device.store.revisionsOf(record.id)).filter((r) => r.action === 'conflict');
      expect(all).toHaveLength(1);
      expect((await device.store.conflictedRecords()).map((c) => c.record.id)).toEqual([record.id]);
    }
    // History syncs: Ana's device holds Sam's edit, named by the server.
    const anasHistory = await ana.store.revisionsOf(record.id);
    expect(anasHistory.some((r) => r.action === 'edit' && r.by === 'Sam' && r.changes.some((c) => c.after === 'Sam: fourteen at the station'))).toBe(true);

    // Sam keeps Ana's value: an ordinary edit, plus the answer.
    const [open] = await sam.store.openConflictsOf(record.id);
    if (!open?.id) throw new Error('no open conflict');
    await sam.store.resolveConflicts(record.id, [open.id], { fields: ['summary', 'summaryLanguage'], values: { summary: 'Ana: twelve at the station', summaryLanguage: record.summaryLanguage } }, 'Sam');
    expect(await sam.store.openConflictsOf(record.id)).toEqual([]);
    await sam.sync();
    await ana.sync();

    for (const device of [ana, sam]) {
      expect(await device.store.openConflictsOf(record.id)).toEqual([]);
      expect(await device.store.conflictCount()).toBe(0);
      expect((await device.store.getObservation(record.id))?.summary).toBe('Ana: twelve at the station');
    }
    const server = await h.db.query<{ data: Observation }>('SELECT data FROM records WHERE id = $1', [record.id]);
    expect(server[0]?.data.summary).toBe('Ana: twelve at the station');
    const resolves = (await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'resolve');
    expect(resolves).toHaveLength(1);
    expect(resolves[0]?.resolves).toEqual([conflict?.id]);
    expect(resolves[0]?.by).toBe('Sam');
    // Picking made no new conflict.
    expect((await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'conflict')).toHaveLength(1);
  });

  it('gives the conflict to the device whose push met it, though it edited on before pulling and so never meets it itself', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const sam = await deviceFor(app, 'Sam', 'supervisor');
    const record = await createOne(ana);
    await ana.sync();
    await sam.sync();
    await editSummary(ana, record.id, 'Ana: twelve');
    await editSummary(sam, record.id, 'Sam: fourteen');
    await ana.sync();
    // Sam's push lands (the server meets the conflict), but the pull is cut off...
    const inner = injectTransport(app, sam.token);
    const cut = { push: inner.push.bind(inner), pull: () => Promise.reject(new Error('connection lost')) };
    await expect(runSyncRound(sam.store.syncStore(), cut, { maxPages: 100 })).rejects.toThrow('connection lost');
    // ...and Sam edits the summary again, over Sam's own value: merging Ana's version later, Sam's device meets no conflict itself.
    await editSummary(sam, record.id, 'Sam: fourteen, two children');
    await sam.sync();
    const onServer = (await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'conflict');
    expect(onServer.map((r) => r.id)).toHaveLength(1);
    // Sam's device holds the server's conflict (it may also meet Ana's value again against
    // its own later edit, and keep that as a second conflict: see stampEdit).
    expect((await sam.store.openConflictsOf(record.id)).map((r) => r.id)).toContain(onServer[0]?.id);
  });

  it('flags a delete that never saw an edit made elsewhere, and keeps the edit in the tombstone and its history', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const sam = await deviceFor(app, 'Sam', 'supervisor');
    const record = await createOne(ana);
    await ana.sync();
    await sam.sync();

    await ana.store.deleteObservation(record.id, 'Ana');
    await editSummary(sam, record.id, 'Sam corrected this');
    await ana.sync();
    await sam.sync();
    await ana.sync();

    const conflicts = (await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.conflict?.kind).toBe('delete');
    expect(conflicts[0]?.changes).toContainEqual({ field: 'summary', before: 'Sam corrected this', after: 'Sam corrected this' });
    for (const device of [ana, sam]) {
      const held = await device.store.getObservation(record.id);
      expect(held?.deleted).toBe(true);
      expect(held?.summary).toBe('Sam corrected this');
      expect((await device.store.openConflictsOf(record.id)).map((r) => r.id)).toEqual([conflicts[0]?.id]);
    }
    // The delete stands: the answer keeps the record as it is, and syncs.
    await sam.store.resolveConflicts(record.id, [conflicts[0]?.id ?? ''], null, 'Sam');
    await sam.sync();
    await ana.sync();
    for (const device of [ana, sam]) expect(await device.store.openConflictsOf(record.id)).toEqual([]);
  });

  it('stores a revision pushed twice, or with two changes, once; names its author from the token whatever the body says', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const record = await createOne(ana);
    await ana.sync();
    const revision = { id: randomUUID(), at: new Date().toISOString(), hlc: record.hlc, action: 'edit', changes: [{ field: 'summary', before: 'a', after: 'b' }], by: 'Mallory' };
    const change = withRevisions(record, [revision]);
    const headers = { authorization: `Bearer ${ana.token}` };
    expect(resultOf(await push(app, { headers }, [change]), change.changeId)?.outcome).toBe('accepted');
    expect(resultOf(await push(app, { headers }, [change]), change.changeId)?.outcome).toBe('accepted');
    const again = withRevisions(record, [revision]);
    expect(resultOf(await push(app, { headers }, [again]), again.changeId)?.outcome).toBe('accepted');
    const stored = (await revisionsOfRecord(h.db, record.id)).filter((r) => r.id === revision.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.by).toBe('Ana');
  });

  it('refuses a pushed conflict without its clocks, a conflict id on an edit, or a bad stamp, with the whole request and nothing stored', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const record = await createOne(ana);
    await ana.sync();
    const headers = { authorization: `Bearer ${ana.token}` };
    const before = await h.db.query('SELECT id FROM revisions');
    for (const bad of [
      { id: randomUUID(), at: new Date().toISOString(), hlc: record.hlc, action: 'conflict', changes: [] },
      { id: '3b241101-e2bb-8255-8caf-4136c566a962', at: new Date().toISOString(), hlc: record.hlc, action: 'edit', changes: [] },
      { id: randomUUID(), at: new Date().toISOString(), hlc: 'not a stamp', action: 'edit', changes: [] },
    ]) {
      const res = await send(app, { method: 'POST', url: '/api/v1/sync/push', headers, payload: { protocolVersion: 2, changes: [withRevisions(record, [bad])] } });
      expect(res.statusCode).toBe(400);
    }
    const many = Array.from({ length: 21 }, () => ({ id: randomUUID(), at: new Date().toISOString(), hlc: record.hlc, action: 'edit', changes: [] }));
    expect((await send(app, { method: 'POST', url: '/api/v1/sync/push', headers, payload: { protocolVersion: 2, changes: [withRevisions(record, many)] } })).statusCode).toBe(400);
    // Within the count, too many bytes: that change alone is refused.
    const huge = Array.from({ length: 5 }, () => ({ id: randomUUID(), at: new Date().toISOString(), hlc: record.hlc, action: 'edit', changes: [{ field: 'summary', before: 'x'.repeat(15_000), after: 'y'.repeat(15_000) }] }));
    const large = withRevisions(record, huge);
    const answer = await push(app, { headers }, [large]);
    expect(resultOf(answer, large.changeId)).toMatchObject({ outcome: 'refused', code: 'record_too_large' });
    expect(await h.db.query('SELECT id FROM revisions')).toEqual(before);
  });

  it('keeps a conflict a device pushes only with the id its content gives', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const record = await createOne(ana);
    await ana.sync();
    const { conflictRevision } = await import('../../shared/sync/revisions');
    const genuine = conflictRevision({ recordId: record.id, kind: 'edit', fields: ['summary'], kept: { summary: 'k' }, keptClock: record.hlc, dropped: { summary: 'd' }, droppedClock: record.hlc.replace(/-\d{6}-/, '-000001-') });
    const wire = { id: genuine.id, at: genuine.at, hlc: genuine.hlc, action: 'conflict', changes: genuine.changes, conflict: genuine.conflict };
    const forged = { ...wire, id: '3b241101-e2bb-8255-8caf-4136c566a962' };
    const headers = { authorization: `Bearer ${ana.token}` };
    const change = withRevisions(record, [wire, forged]);
    expect(resultOf(await push(app, { headers }, [change]), change.changeId)?.outcome).toBe('accepted');
    const kept = (await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'conflict');
    expect(kept.map((r) => [r.id, r.by])).toEqual([[genuine.id, '']]);
  });

  it('refuses an answer to a conflict from a device whose user may not edit the record', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const bo = await deviceFor(app, 'Bo', 'field_monitor');
    const record = await createOne(ana);
    await ana.sync();
    await bo.sync();
    const held = await bo.store.getObservation(record.id);
    if (!held) throw new Error('not pulled');
    const answer = withRevisions(held, [{ id: randomUUID(), at: new Date().toISOString(), hlc: held.hlc, action: 'resolve', changes: [], resolves: [randomUUID()] }]);
    const result = await push(app, { headers: { authorization: `Bearer ${bo.token}` } }, [answer]);
    expect(resultOf(result, answer.changeId)).toMatchObject({ outcome: 'refused', code: 'forbidden' });
    expect((await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'resolve')).toEqual([]);
  });

  it('takes a change id another device pushed as held, and none of the revisions sent with it', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const bo = await deviceFor(app, 'Bo', 'field_monitor');
    const record = await createOne(ana);
    const first = withRevisions(record, []);
    expect(resultOf(await push(app, { headers: { authorization: `Bearer ${ana.token}` } }, [first]), first.changeId)?.outcome).toBe('accepted');
    // Bo pulls Ana's change with its id, and sends that id back with an answer to a conflict of her record.
    const answer = { id: randomUUID(), at: new Date().toISOString(), hlc: record.hlc, action: 'resolve', changes: [], resolves: [randomUUID()] };
    const replay = { ...withRevisions(record, [answer]), changeId: first.changeId };
    expect(resultOf(await push(app, { headers: { authorization: `Bearer ${bo.token}` } }, [replay]), replay.changeId)?.outcome).toBe('accepted');
    expect((await revisionsOfRecord(h.db, record.id)).filter((r) => r.action === 'resolve')).toEqual([]);
  });

  it('stores the revisions of a retried change on the record the server holds, whatever office the retry names', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const record = await createOne(ana);
    const headers = { authorization: `Bearer ${ana.token}` };
    const first = withRevisions(record, []);
    await push(app, { headers }, [first]);
    const revision = { id: randomUUID(), at: new Date().toISOString(), hlc: record.hlc, action: 'edit', changes: [{ field: 'summary', before: 'a', after: 'b' }] };
    const retry = { ...withRevisions({ ...record, office: 'MK-SKO', mission: 'MK' }, [revision]), changeId: first.changeId };
    expect(resultOf(await push(app, { headers }, [retry]), retry.changeId)?.outcome).toBe('accepted');
    expect(await h.db.query('SELECT office FROM revisions WHERE id = $1', [revision.id])).toEqual([{ office: OFFICE }]);
  });

  it('withholds sensitive values in pulled revisions from a role that may not see them, as from the record', async () => {
    const app = await h.app();
    const ana = await deviceFor(app, 'Ana', 'field_monitor');
    const record = await createOne(ana, { notes: 'source lives at the old mill' });
    await ana.sync();
    const current = await ana.store.getObservation(record.id);
    if (!current) throw new Error('no record');
    await ana.store.updateObservation(record.id, { ...current, notes: 'source moved to the depot' }, 'Ana');
    await ana.sync();

    const colleague = await enrolDevice(app, OFFICE, 'Bo laptop', { userName: 'Bo', role: 'field_monitor' });
    const supervisor = await enrolDevice(app, OFFICE, 'Sam laptop', { userName: 'Sam', role: 'supervisor' });
    const notesOf = async (device: typeof colleague) => {
      const pulled = await pullAll(app, device);
      return pulled.changes.flatMap((c) => c.revisions ?? []).flatMap((r) => r.changes.filter((x) => x.field === 'notes'));
    };
    const seenByColleague = await notesOf(colleague);
    expect(seenByColleague.length).toBeGreaterThan(0);
    for (const change of seenByColleague) {
      expect(change.before).toBeNull();
      expect(change.after).toBeNull();
    }
    expect(JSON.stringify(await pull(app, colleague, null))).not.toContain('old mill');
    expect(await notesOf(supervisor)).toContainEqual({ field: 'notes', before: 'source lives at the old mill', after: 'source moved to the depot' });
  });
});

describe('conflict ids', () => {
  it('are not accepted from a device (a device cannot squat a conflict yet to come)', async () => {
    const { pushedRevisionSchema, conflictId } = await import('../../shared/sync/revisions');
    const id = conflictId({ recordId: 'r', fields: ['summary'], droppedClock: 'a', keptClock: 'b' });
    expect(pushedRevisionSchema.safeParse({ id, at: new Date().toISOString(), hlc: '000000000000001-000000-a', action: 'edit', changes: [] }).success).toBe(false);
  });
});
