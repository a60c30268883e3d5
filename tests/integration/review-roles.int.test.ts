/**
 * Roles granted by the server: an enrolment code carries an office and a role, the
 * device keeps it, and a push is refused (403, nothing written) when it takes an action
 * the device's role may not take (shared/access/roles.ts, server/domain/push-authorisation.ts).
 */
import { beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { deviceInfoSchema, enrolResponseSchema, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { SyncChange } from '../../shared/sync/protocol';
import { createCodeResponseSchema, deviceListSchema } from '../../server/api/admin-schemas';
import { adminHeaders, changeOf, countRows, expectError, makeRecord, pullAll, push, stamp } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

let address = 0;

/** Issue a code for an office and a role through the admin API and enrol a device with it. */
async function enrolAs(app: FastifyInstance, office: string, role?: Role): Promise<TestDevice & { role?: Role }> {
  const issued = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/enrolment-codes',
    headers: adminHeaders,
    payload: role === undefined ? { office } : { office, role },
  });
  expect(issued.statusCode, issued.body).toBe(201);
  const { code } = createCodeResponseSchema.parse(issued.json());
  address += 1;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/enrolments',
    payload: { code, deviceName: `${role ?? 'default'} laptop` },
    remoteAddress: `10.77.${Math.floor(address / 250)}.${address % 250}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  const enrolled = enrolResponseSchema.parse(res.json());
  return { ...enrolled, headers: { authorization: `Bearer ${enrolled.token}` } };
}

function pushRaw(app: FastifyInstance, device: TestDevice, changes: SyncChange[]) {
  return app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.headers, payload: { protocolVersion: SYNC_PROTOCOL_VERSION, changes } });
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

  it('issues codes for a role (field monitor by default); the device, /me and the device list keep it', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor');
    const analyst = await enrolAs(app, 'HQ-VIE', 'hq_analyst');
    expect([monitor.role, supervisor.role, analyst.role]).toEqual(['field_monitor', 'supervisor', 'hq_analyst']);

    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: supervisor.headers });
    expect(deviceInfoSchema.parse(me.json())).toEqual({ deviceId: supervisor.deviceId, deviceName: 'supervisor laptop', office: 'RS-BEL', role: 'supervisor' });

    const list = await app.inject({ method: 'GET', url: '/api/v1/admin/devices', headers: adminHeaders });
    const roles = deviceListSchema.parse(list.json()).devices.map((d) => [d.deviceId, d.role]);
    expect(roles).toEqual([
      [monitor.deviceId, 'field_monitor'],
      [supervisor.deviceId, 'supervisor'],
      [analyst.deviceId, 'hq_analyst'],
    ]);
    const audit = await h.db.query<{ detail: { role?: string } }>("SELECT detail FROM audit_log WHERE action = 'device.enrolled' ORDER BY id");
    expect(audit.map((r) => r.detail.role)).toEqual(['field_monitor', 'supervisor', 'hq_analyst']);
  });

  it('refuses a code for a role that does not exist, and the database refuses one too', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'POST', url: '/api/v1/admin/enrolment-codes', headers: adminHeaders, payload: { office: 'RS-BEL', role: 'boss' } });
    expectError(res, 400, 'invalid_request');
    expect(await countRows(h.db, 'enrolment_codes')).toBe(0);

    await h.db.query("INSERT INTO offices (code, mission) VALUES ('RS-BEL', 'RS')");
    await expect(
      h.db.query("INSERT INTO devices (id, office, name, token_hash, role) VALUES ('d1', 'RS-BEL', 'x', 'h', 'boss')"),
    ).rejects.toThrow(/devices_role_check/);
  });

  it('refuses with 403 and stores nothing when a field monitor\'s device verifies, returns or rejects', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL');
    const record = makeRecord('RS-BEL', { author: 'Ana' });
    await push(app, monitor, [changeOf(record)]);
    const changesBefore = await countRows(h.db, 'changes');

    const decisions: Partial<Observation>[] = [
      { reviewStatus: 'verified', source: B2, review: decision('Marko') },
      { reviewStatus: 'returned', review: decision('Marko', 'count again') },
      { reviewStatus: 'rejected', review: decision('Marko', 'duplicate') },
    ];
    for (const [i, patch] of decisions.entries()) {
      const unrelated = changeOf(makeRecord('RS-BEL'));
      const res = await pushRaw(app, monitor, [unrelated, changeOf(next(record, patch, 'monitor', i + 1))]);
      expectError(res, 403, 'invalid_request');
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/changes\.1 .*enrolled as a field monitor, who may not (verify|return|reject) this record/);
    }
    // A new record that arrives already verified is refused the same way.
    const selfVerified = makeRecord('RS-BEL', { author: 'Ana', reviewStatus: 'verified', source: B2, review: decision('Ana Petrović') });
    expectError(await pushRaw(app, monitor, [changeOf(selfVerified)]), 403, 'invalid_request');

    expect(await countRows(h.db, 'changes')).toBe(changesBefore);
    expect(await countRows(h.db, 'records')).toBe(1);
    expect((await storedRecord(h, record.id))?.reviewStatus).toBe('submitted');
  });

  it('accepts a supervisor\'s verify, return and reject of records of the office, and the monitor pulls them', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor');
    const records = [1, 2, 3].map((n) => makeRecord('RS-BEL', { author: 'Ana', summary: `record ${n}` }));
    await push(app, monitor, records.map(changeOf));
    const pulled = await pullAll(app, supervisor);
    expect(pulled.changes).toHaveLength(3);

    const [toVerify, toReturn, toReject] = records as [Observation, Observation, Observation];
    const verified = next(toVerify, { reviewStatus: 'verified', source: B2, review: decision('Sonja') }, 'supervisor');
    const returned = next(toReturn, { reviewStatus: 'returned', review: decision('Sonja', 'Count the children separately') }, 'supervisor');
    const rejected = next(toReject, { reviewStatus: 'rejected', review: decision('Sonja', 'Duplicate of an earlier record') }, 'supervisor');
    await push(app, supervisor, [changeOf(verified), changeOf(returned), changeOf(rejected)]);

    expect(await storedRecord(h, toVerify.id)).toEqual(verified);
    const seen = await pullAll(app, monitor);
    expect(seen.changes.map((c) => [c.record.id, c.record.reviewStatus])).toEqual([
      [toVerify.id, 'verified'],
      [toReturn.id, 'returned'],
      [toReject.id, 'rejected'],
    ]);

    // The author fixes the returned record and submits it again: a field monitor may.
    const resubmitted = next(returned, { reviewStatus: 'submitted', summary: 'record 2, 3 children' }, 'monitor', 5);
    await push(app, monitor, [changeOf(resubmitted)]);
    expect((await storedRecord(h, toReturn.id))?.reviewStatus).toBe('submitted');
  });

  it('refuses a supervisor\'s decision on their own record, judged by the author the server holds', async () => {
    const app = await h.app();
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor');
    const own = makeRecord('RS-BEL', { author: 'Sonja' });
    await push(app, supervisor, [changeOf(own)]);

    // Verifying as someone else's record by rewriting the author in the same change.
    const disguised = next(own, { author: 'Ana', reviewStatus: 'verified', source: B2, review: decision('Sonja') }, 'supervisor');
    const res = await pushRaw(app, supervisor, [changeOf(disguised)]);
    expectError(res, 403, 'invalid_request');
    expect(res.json<{ error: { message: string } }>().error.message).toContain('Sonja wrote this record');

    const returned = next(own, { reviewStatus: 'returned', review: decision('Sonja', 'my own') }, 'supervisor');
    expectError(await pushRaw(app, supervisor, [changeOf(returned)]), 403, 'invalid_request');
    expect((await storedRecord(h, own.id))?.reviewStatus).toBe('submitted');
  });

  it('refuses an HQ supervisor\'s decision on another office\'s record, and every write of an HQ analyst', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL');
    const hqSupervisor = await enrolAs(app, 'HQ-VIE', 'supervisor');
    const analyst = await enrolAs(app, 'HQ-VIE', 'hq_analyst');
    const record = makeRecord('RS-BEL', { author: 'Ana' });
    await push(app, monitor, [changeOf(record)]);

    const verified = next(record, { reviewStatus: 'verified', source: B2, review: decision('Hanna') }, 'hq');
    const res = await pushRaw(app, hqSupervisor, [changeOf(verified)]);
    expectError(res, 403, 'invalid_request');
    expect(res.json<{ error: { message: string } }>().error.message).toContain('belongs to office RS-BEL');

    const analystWrites = [
      changeOf(makeRecord('HQ-VIE', { author: 'Hanna' })),
      changeOf(next(record, { summary: 'corrected at HQ' }, 'hq')),
      changeOf(next(record, { deleted: true }, 'hq')),
    ];
    for (const change of analystWrites) {
      const refused = await pushRaw(app, analyst, [change]);
      expectError(refused, 403, 'invalid_request');
      expect(refused.json<{ error: { message: string } }>().error.message).toContain('enrolled as an HQ analyst');
    }
    // Reading is what HQ analysts do.
    expect((await pullAll(app, analyst)).changes.map((c) => c.record.id)).toEqual([record.id]);
    expect((await storedRecord(h, record.id))?.reviewStatus).toBe('submitted');
  });

  it('accepts an author\'s edit made on a copy that had not yet seen the supervisor\'s decision', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor');
    const returned = next(makeRecord('RS-BEL', { author: 'Ana' }), { reviewStatus: 'returned', review: decision('Sonja', 'count again') }, 'supervisor', 1);
    await push(app, supervisor, [changeOf(returned)]);
    await pullAll(app, monitor);
    // On a second laptop the author edits the returned copy, while the first resubmits and Sonja verifies.
    const secondLaptop = next(returned, { summary: 'recounted: 14' }, 'laptop2', 2);
    const resubmitted = next(returned, { reviewStatus: 'submitted' }, 'monitor', 3);
    await push(app, monitor, [changeOf(resubmitted)]);
    const verified = next(resubmitted, { reviewStatus: 'verified', source: B2, review: decision('Sonja') }, 'supervisor', 4);
    await push(app, supervisor, [changeOf(verified)]);
    const late = await pushRaw(app, monitor, [changeOf(secondLaptop)]);
    expect(late.statusCode, late.body).toBe(200);
    // The stale review state does not undo the decision (the merge keeps the newer one).
    expect((await storedRecord(h, returned.id))?.reviewStatus).toBe('verified');
  });

  it('does not judge again a retried change the server already holds, though the record moved on since', async () => {
    const app = await h.app();
    const monitor = await enrolAs(app, 'RS-BEL');
    const supervisor = await enrolAs(app, 'RS-BEL', 'supervisor');
    const record = makeRecord('RS-BEL', { author: 'Ana', reviewStatus: 'returned', review: decision('Sonja', 'count again') });
    const sent = changeOf(record);
    await push(app, supervisor, [sent]);
    // The monitor's device missed the answer to its push of the same change and retries it after a new decision.
    await push(app, supervisor, [changeOf(next(record, { reviewStatus: 'rejected', review: decision('Petar', 'duplicate') }, 'supervisor'))]);
    const retried = await pushRaw(app, monitor, [sent]);
    expect(retried.statusCode, retried.body).toBe(200);
    expect((await storedRecord(h, record.id))?.reviewStatus).toBe('rejected');
  });
});
