/**
 * Roles granted by the server: an enrolment code carries an office, a role and a user's
 * name, the device keeps them, and a change is refused (nothing of it written, the rest
 * of its batch taken) when it takes an action the device's user may not take
 * (shared/access/roles.ts, server/domain/push-authorisation.ts).
 */
import { beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { deviceInfoSchema, pushResponseSchema, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { ChangeResult, SyncChange } from '../../shared/sync/protocol';
import { deviceListSchema } from '../../server/api/admin-schemas';
import { adminHeaders, changeOf, countRows, enrolDevice, expectError, makeRecord, pullAll, pushAccepted, stamp } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

/** Enrol a device of an office for a user with a role (the server's default role when none is given). */
function enrolAs(app: FastifyInstance, office: string, role: Role | undefined, userName: string): Promise<TestDevice> {
  return enrolDevice(app, office, `${role ?? 'default'} laptop`, role === undefined ? { userName } : { userName, role });
}

/** The code of each result: 'accepted' or the refusal's code. */
const outcomes = (results: readonly ChangeResult[]) => results.map((r) => (r.outcome === 'refused' ? r.code : r.outcome));
const messageOf = (result: ChangeResult | undefined) => (result?.outcome === 'refused' ? result.message : '');

/** Push and return the per-change results (the push itself must succeed). */
async function pushRaw(app: FastifyInstance, device: TestDevice, changes: SyncChange[]): Promise<ChangeResult[]> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.headers, payload: { protocolVersion: SYNC_PROTOCOL_VERSION, changes } });
  expect(res.statusCode, res.body).toBe(200);
  return pushResponseSchema.parse(res.json()).results;
}

async function storedRecord(h: { db: { query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]> } }, id: string): Promise<Observation | undefined> {
  const rows = await h.db.query('SELECT data FROM records WHERE id = $1', [id]);
  return rows[0]?.data as Observation | undefined;
}

/** A later version of a record, as the app's store writes one: a new HLC stamp, also on each changed field. */
function next(record: Observation, patch: Partial<Observation>, node: string, counter = 1): Observation {
  const hlc = stamp(node, Date.now(), counter);
  const fieldClocks = { ...record.fieldClocks };
  for (const field of Object.keys(patch)) fieldClocks[field] = hlc;
  return { ...record, ...patch, hlc, fieldClocks };
}

const B2 = { type: 'direct_observation' as const, name: null, reliability: 'B' as const, credibility: '2' as const };
const decision = (reviewer: string, note: string | null = null) => ({ reviewer, reviewedAt: new Date().toISOString(), note });

describeEachDb('roles granted by the server', (h) => {
  beforeEach(() => h.reset());

  it('issues codes for a user and a role (field monitor by default); the device, /me and the device list keep them', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL', undefined, 'Ana');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor', 'Sonja');
    const analyst = await enrolAs(app, 'HQ-VIE', 'hq_analyst', 'Hanna');
    expect([monitor.role, supervisor.role, analyst.role]).toEqual(['field_monitor', 'supervisor', 'hq_analyst']);
    expect([monitor.userName, supervisor.userName, analyst.userName]).toEqual(['Ana', 'Sonja', 'Hanna']);

    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: supervisor.headers });
    expect(deviceInfoSchema.parse(me.json())).toEqual({ deviceId: supervisor.deviceId, deviceName: 'supervisor laptop', office: 'RS-BEL', role: 'supervisor', userName: 'Sonja' });

    const list = await app.inject({ method: 'GET', url: '/api/v1/admin/devices', headers: adminHeaders });
    const roles = deviceListSchema.parse(list.json()).devices.map((d) => [d.deviceId, d.role]);
    expect(roles).toEqual([
      [monitor.deviceId, 'field_monitor'],
      [supervisor.deviceId, 'supervisor'],
      [analyst.deviceId, 'hq_analyst'],
    ]);
    const audit = await h.db.query<{ detail: { role?: string; userName?: string } }>("SELECT detail FROM audit_log WHERE action = 'device.enrolled' ORDER BY id");
    expect(audit.map((r) => [r.detail.role, r.detail.userName])).toEqual([
      ['field_monitor', 'Ana'],
      ['supervisor', 'Sonja'],
      ['hq_analyst', 'Hanna'],
    ]);
  });

  it('refuses a code for a role that does not exist, and the database refuses one too', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'POST', url: '/api/v1/admin/enrolment-codes', headers: adminHeaders, payload: { office: 'RS-BEL', role: 'boss', userName: 'Boss' } });
    expectError(res, 400, 'invalid_request');
    expect(await countRows(h.db, 'enrolment_codes')).toBe(0);

    await h.db.query("INSERT INTO offices (code, mission) VALUES ('RS-BEL', 'RS')");
    await expect(
      h.db.query("INSERT INTO devices (id, office, name, token_hash, role) VALUES ('d1', 'RS-BEL', 'x', 'h', 'boss')"),
    ).rejects.toThrow(/devices_role_check/);
  });

  it('refuses (forbidden) and stores nothing of a field monitor\'s verify, return or reject, taking the rest of the batch', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL', undefined, 'Ana');
    const record = makeRecord('RS-BEL', { author: 'Ana' });
    await pushAccepted(app, monitor, [changeOf(record)]);

    const decisions: Partial<Observation>[] = [
      { reviewStatus: 'verified', source: B2, review: decision('Ana') },
      { reviewStatus: 'returned', review: decision('Ana', 'count again') },
      { reviewStatus: 'rejected', review: decision('Ana', 'duplicate') },
    ];
    for (const [i, patch] of decisions.entries()) {
      const unrelated = changeOf(makeRecord('RS-BEL', { author: 'Ana' }));
      const results = await pushRaw(app, monitor, [unrelated, changeOf(next(record, patch, 'monitor', i + 1))]);
      expect(outcomes(results)).toEqual(['accepted', 'forbidden']);
      expect(messageOf(results[1])).toMatch(/^changes\.1 .*enrolled as a field monitor, who may not (verify|return|reject) this record/);
    }
    // A new record that arrives already verified is refused the same way.
    const selfVerified = makeRecord('RS-BEL', { author: 'Ana', reviewStatus: 'verified', source: B2, review: decision('Ana') });
    expect(outcomes(await pushRaw(app, monitor, [changeOf(selfVerified)]))).toEqual(['forbidden']);

    expect(await countRows(h.db, 'records')).toBe(4);
    expect((await storedRecord(h, record.id))?.reviewStatus).toBe('submitted');
  });

  it('accepts a supervisor\'s verify, return and reject of records of the office, and the monitor pulls them', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL', undefined, 'Ana');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor', 'Sonja');
    const records = [1, 2, 3].map((n) => makeRecord('RS-BEL', { author: 'Ana', summary: `record ${n}` }));
    await pushAccepted(app, monitor, records.map(changeOf));
    const pulled = await pullAll(app, supervisor);
    expect(pulled.changes).toHaveLength(3);

    const [toVerify, toReturn, toReject] = records as [Observation, Observation, Observation];
    const verified = next(toVerify, { reviewStatus: 'verified', source: B2, review: decision('Sonja') }, 'supervisor');
    const returned = next(toReturn, { reviewStatus: 'returned', review: decision('Sonja', 'Count the children separately') }, 'supervisor');
    const rejected = next(toReject, { reviewStatus: 'rejected', review: decision('Sonja', 'Duplicate of an earlier record') }, 'supervisor');
    await pushAccepted(app, supervisor, [changeOf(verified), changeOf(returned), changeOf(rejected)]);

    expect(await storedRecord(h, toVerify.id)).toEqual(verified);
    const seen = await pullAll(app, monitor);
    expect(seen.changes.map((c) => [c.record.id, c.record.reviewStatus])).toEqual([
      [toVerify.id, 'verified'],
      [toReturn.id, 'returned'],
      [toReject.id, 'rejected'],
    ]);

    // The author fixes the returned record and submits it again: a field monitor may.
    const resubmitted = next(returned, { reviewStatus: 'submitted', summary: 'record 2, 3 children' }, 'monitor', 5);
    await pushAccepted(app, monitor, [changeOf(resubmitted)]);
    expect((await storedRecord(h, toReturn.id))?.reviewStatus).toBe('submitted');
  });

  it('refuses a supervisor\'s decision on their own record, and the rewriting of its author', async () => {
    const app = await h.app();
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor', 'Sonja');
    const own = makeRecord('RS-BEL', { author: 'Sonja' });
    await pushAccepted(app, supervisor, [changeOf(own)]);

    // Verifying as someone else's record by rewriting the author in the same change.
    const disguised = next(own, { author: 'Ana', reviewStatus: 'verified', source: B2, review: decision('Sonja') }, 'supervisor');
    const results = await pushRaw(app, supervisor, [changeOf(disguised)]);
    expect(outcomes(results)).toEqual(['identity_mismatch']);
    expect(messageOf(results[0])).toContain("author never changes");

    const returned = next(own, { reviewStatus: 'returned', review: decision('Sonja', 'my own') }, 'supervisor');
    const second = await pushRaw(app, supervisor, [changeOf(returned)]);
    expect(outcomes(second)).toEqual(['forbidden']);
    expect(messageOf(second[0])).toContain('Sonja wrote this record');
    expect(await storedRecord(h, own.id)).toEqual(own);
  });

  it('refuses an HQ supervisor\'s decision on another office\'s record without naming it, and every write of an HQ analyst', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL', undefined, 'Ana');
    const hqSupervisor = await enrolAs(app, 'HQ-VIE', 'supervisor', 'Hanna');
    const analyst = await enrolAs(app, 'HQ-VIE', 'hq_analyst', 'Hanna');
    const record = makeRecord('RS-BEL', { author: 'Ana' });
    await pushAccepted(app, monitor, [changeOf(record)]);

    const verified = next(record, { reviewStatus: 'verified', source: B2, review: decision('Hanna') }, 'hq');
    const results = await pushRaw(app, hqSupervisor, [changeOf(verified)]);
    expect(outcomes(results)).toEqual(['forbidden']);
    expect(messageOf(results[0])).not.toMatch(/RS-BEL|Ana/);

    const analystWrites = [
      changeOf(makeRecord('HQ-VIE', { author: 'Hanna' })),
      changeOf(next(record, { summary: 'corrected at HQ' }, 'hq')),
      changeOf(next(record, { deleted: true }, 'hq')),
    ];
    for (const change of analystWrites) {
      const refused = await pushRaw(app, analyst, [change]);
      expect(outcomes(refused)).toEqual(['forbidden']);
      expect(messageOf(refused[0])).toContain('enrolled as an HQ analyst');
    }
    // Reading is what HQ analysts do.
    expect((await pullAll(app, analyst)).changes.map((c) => c.record.id)).toEqual([record.id]);
    expect((await storedRecord(h, record.id))?.reviewStatus).toBe('submitted');
  });

  it('accepts an author\'s edit made on a copy that had not yet seen the supervisor\'s decision', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL', undefined, 'Ana');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor', 'Sonja');
    const record = makeRecord('RS-BEL', { author: 'Ana', hlc: stamp('monitor', Date.now() - 60_000) });
    await pushAccepted(app, monitor, [changeOf(record)]);
    const returned = next(record, { reviewStatus: 'returned', review: decision('Sonja', 'count again') }, 'supervisor', 1);
    await pushAccepted(app, supervisor, [changeOf(returned)]);
    await pullAll(app, monitor);
    // On a second laptop the author edits the returned copy, while the first resubmits and Sonja verifies.
    const secondLaptop = next(returned, { summary: 'recounted: 14' }, 'laptop2', 2);
    const resubmitted = next(returned, { reviewStatus: 'submitted' }, 'monitor', 3);
    await pushAccepted(app, monitor, [changeOf(resubmitted)]);
    const verified = next(resubmitted, { reviewStatus: 'verified', source: B2, review: decision('Sonja') }, 'supervisor', 4);
    await pushAccepted(app, supervisor, [changeOf(verified)]);
    await pushAccepted(app, monitor, [changeOf(secondLaptop)]);
    // The stale review state does not undo the decision (the merge keeps the newer one).
    const stored = await storedRecord(h, record.id);
    expect([stored?.reviewStatus, stored?.summary]).toEqual(['verified', 'recounted: 14']);
  });

  it('does not judge again a retried change the server already holds, though the record moved on since', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL', undefined, 'Ana');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor', 'Sonja');
    const record = makeRecord('RS-BEL', { author: 'Ana', hlc: stamp('monitor', Date.now() - 60_000) });
    const sent = changeOf(record);
    await pushAccepted(app, monitor, [sent]);
    await pushAccepted(app, supervisor, [changeOf(next(record, { reviewStatus: 'rejected', review: decision('Sonja', 'duplicate') }, 'supervisor'))]);
    // The monitor's device missed the answer to its push and retries it after the decision.
    await pushAccepted(app, monitor, [sent]);
    expect((await storedRecord(h, record.id))?.reviewStatus).toBe('rejected');
  });
});
