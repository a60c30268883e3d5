/**
 * The admin API, tried as a careless or hostile caller would: wrong tokens, bad office
 * codes, a mission that does not match, unknown devices, huge bodies. Every refusal is
 * a clear 4xx that changes nothing; every office creation, code, revocation and
 * rotation leaves an audit row that never holds a secret.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, enrolResponseSchema } from '../../shared/sync/protocol';
import { DEFAULT_BODY_LIMIT } from '../../server/app';
import type { EnrolResponse } from '../../shared/sync/protocol';
import {
  createCodeResponseSchema,
  createOfficeResponseSchema,
  deviceListSchema,
  officeListSchema,
  revokeResponseSchema,
  rotateResponseSchema,
} from '../../server/api/admin-schemas';
import { enrolmentQrPayloadSchema } from '../../server/qr/enrolment-qr';
import { adminHeaders, countRows, expectError } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

let address = 0;
/** Each enrolment from its own address, so that the suite never meets the rate limit. */
function nextIp(): string {
  address += 1;
  return `10.77.${Math.floor(address / 250)}.${address % 250}`;
}

describeEachDb('admin API', (h) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await h.app();
  });
  beforeEach(() => h.reset());

  const admin = (options: InjectOptions) => app.inject({ ...options, headers: { ...adminHeaders, ...options.headers } });

  async function createOffice(code: string, mission: string, name: string) {
    const res = await admin({ method: 'POST', url: '/api/v1/admin/offices', payload: { code, mission, name } });
    expect(res.statusCode, res.body).toBe(201);
    return createOfficeResponseSchema.parse(res.json()).office;
  }

  async function issue(office: string, userName: string, role = 'field_monitor') {
    const res = await admin({ method: 'POST', url: '/api/v1/admin/enrolment-codes', payload: { office, userName, role } });
    expect(res.statusCode, res.body).toBe(201);
    return createCodeResponseSchema.parse(res.json());
  }

  async function enrol(code: string, deviceName = 'Field laptop'): Promise<EnrolResponse> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName }, remoteAddress: nextIp() });
    expect(res.statusCode, res.body).toBe(201);
    return enrolResponseSchema.parse(res.json());
  }

  async function me(token: string) {
    return app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  }

  /** A pull: what a device enrolled before user names may still do with its token (it may not push, nor say who it is). */
  async function pull(token: string) {
    return app.inject({ method: 'GET', url: `/api/v1/sync/pull?protocolVersion=${SYNC_PROTOCOL_VERSION}`, headers: { authorization: `Bearer ${token}` } });
  }

  async function auditRows() {
    const rows = await h.db.query<{ actor: string; action: string; detail: unknown }>('SELECT actor, action, detail FROM audit_log ORDER BY id');
    return rows.map((r) => ({ actor: r.actor, action: r.action, detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as unknown) : r.detail }));
  }

  it('refuses every admin route without the admin token, a wrong one, or a device token, and changes nothing', async () => {
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    const device = await enrol((await issue('RS-BEL', 'Ana Petrović')).code);
    const before = await countRows(h.db, 'audit_log');
    const routes: InjectOptions[] = [
      { method: 'GET', url: '/api/v1/admin/offices' },
      { method: 'POST', url: '/api/v1/admin/offices', payload: { code: 'RS-NIS', mission: 'RS', name: 'Niš' } },
      { method: 'POST', url: '/api/v1/admin/enrolment-codes', payload: { office: 'RS-BEL', userName: 'Eve' } },
      { method: 'GET', url: '/api/v1/admin/devices' },
      { method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke` },
      { method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/rotate`, payload: {} },
    ];
    const wrong = [undefined, 'Bearer wrong-token', `Bearer ${device.token}`, 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(5000)}`];
    for (const route of routes) {
      for (const authorization of wrong) {
        // Each from its own address: failed token checks are rate-limited per address (token-rate-limit.int.test.ts).
        const res = await app.inject({ ...route, headers: authorization === undefined ? {} : { authorization }, remoteAddress: nextIp() });
        expectError(res, 401, 'unauthorized');
      }
    }
    expect(await countRows(h.db, 'audit_log')).toBe(before);
    expect(await countRows(h.db, 'offices')).toBe(1);
    expect((await me(device.token)).statusCode).toBe(200);
  });

  it('creates offices within their mission, lists them, and audits the creation', async () => {
    const office = await createOffice('RS-BEL', 'RS', '  Belgrade ');
    expect(office).toMatchObject({ code: 'RS-BEL', mission: 'RS', name: 'Belgrade', activeDevices: 0 });
    await createOffice('MK-SKO', 'MK', 'Skopje');
    await createOffice('MK-BEL', 'MK', 'Belgrade'); // the same name in another mission is another office
    const list = officeListSchema.parse((await admin({ method: 'GET', url: '/api/v1/admin/offices' })).json());
    expect(list.offices.map((o) => o.code)).toEqual(['MK-BEL', 'MK-SKO', 'RS-BEL']);
    expect((await auditRows()).filter((r) => r.action === 'office.created')).toEqual([
      { actor: 'admin', action: 'office.created', detail: { office: 'RS-BEL', mission: 'RS', name: 'Belgrade' } },
      { actor: 'admin', action: 'office.created', detail: { office: 'MK-SKO', mission: 'MK', name: 'Skopje' } },
      { actor: 'admin', action: 'office.created', detail: { office: 'MK-BEL', mission: 'MK', name: 'Belgrade' } },
    ]);
  });

  it('refuses an office created twice, or a second office of the mission with the same name, with 409 and a clear message', async () => {
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    const twice = await admin({ method: 'POST', url: '/api/v1/admin/offices', payload: { code: 'RS-BEL', mission: 'RS', name: 'Beograd' } });
    expectError(twice, 409, 'invalid_request');
    expect(twice.json()).toMatchObject({ error: { message: 'The office RS-BEL ("Belgrade") already exists.' } });
    const sameName = await admin({ method: 'POST', url: '/api/v1/admin/offices', payload: { code: 'RS-BG', mission: 'RS', name: 'BELGRADE' } });
    expectError(sameName, 409, 'invalid_request');
    expect(sameName.json()).toMatchObject({ error: { message: 'The mission RS already has an office named "Belgrade": RS-BEL.' } });
    expect(await countRows(h.db, 'offices')).toBe(1);
    expect((await auditRows()).filter((r) => r.action === 'office.created')).toHaveLength(1);
  });

  it('refuses bad office codes, a mission that does not match, bad names and huge bodies with a 4xx, and writes nothing', async () => {
    const bad: [unknown, RegExp][] = [
      [{ code: 'RS-BEL', mission: 'MK', name: 'Belgrade' }, /code: the office code must start with its mission/],
      [{ code: 'rs-bel', mission: 'RS', name: 'Belgrade' }, /code/],
      [{ code: 'RS-', mission: 'RS', name: 'Belgrade' }, /code/],
      [{ code: 'FR-PAR', mission: 'FR', name: 'Paris' }, /code|mission/],
      [{ code: "RS-BEL'; DROP TABLE offices; --", mission: 'RS', name: 'x' }, /code/],
      [{ code: `RS-${'A'.repeat(5000)}`, mission: 'RS', name: 'x' }, /code/],
      [{ code: 42, mission: 'RS', name: 'x' }, /code/],
      [{ code: 'RS-BEL', mission: 'RS', name: '   ' }, /name/],
      [{ code: 'RS-BEL', mission: 'RS', name: 'x'.repeat(81) }, /name/],
      [{ code: 'RS-BEL', mission: 'RS', name: 'Bel\u0000grade' }, /name: may not contain control characters/],
      [{ code: 'RS-BEL', mission: 'RS', name: 'Bel\u001b[2Jgrade' }, /control characters/],
      [{ code: 'RS-BEL', mission: 'RS', name: 'Belgrade', extra: true }, /extra/],
      [{ code: 'RS-BEL', mission: 'RS' }, /name/],
      [[], /expected object/i],
      [null, /expected object/i],
    ];
    for (const [payload, message] of bad) {
      const res = await admin({ method: 'POST', url: '/api/v1/admin/offices', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'invalid_request');
      expect(res.json<{ error: { message: string } }>().error.message, JSON.stringify(payload).slice(0, 80)).toMatch(message);
    }
    const notJson = await admin({ method: 'POST', url: '/api/v1/admin/offices', payload: '{"code": "RS-BEL",', headers: { 'content-type': 'application/json' } });
    expectError(notJson, 400, 'invalid_request');
    const huge = await admin({
      method: 'POST',
      url: '/api/v1/admin/offices',
      // Auth runs before the body is read, so only the administrator can send one this large at all.
      payload: JSON.stringify({ code: 'RS-BEL', mission: 'RS', name: 'x'.repeat(DEFAULT_BODY_LIMIT) }),
      headers: { 'content-type': 'application/json' },
    });
    expectError(huge, 413, 'payload_too_large');
    expect(await countRows(h.db, 'offices')).toBe(0);
    expect(await countRows(h.db, 'audit_log')).toBe(0);
  });

  it('issues codes only for an existing office, for a named user, and never writes the code to the audit log', async () => {
    const unknown = await admin({ method: 'POST', url: '/api/v1/admin/enrolment-codes', payload: { office: 'RS-BEL', userName: 'Ana' } });
    expectError(unknown, 400, 'invalid_request');
    expect(unknown.json()).toMatchObject({ error: { message: expect.stringMatching(/^There is no office RS-BEL: create it first/) as unknown } });
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    for (const payload of [
      { office: 'RS-BEL' },
      { office: 'RS-BEL', userName: '  ' },
      { office: 'RS-BEL', userName: 'A\u0000na' },
      { office: 'RS-BEL', userName: 'Ana\u202Eevil' },
      { office: 'RS-BEL', userName: 'x'.repeat(121) },
      { office: 'RS-BEL', userName: 'Ana', role: 'root' },
      { office: 'RS-BEL', userName: 'Ana', ttlHours: 0 },
      { office: 'RS-BEL', userName: 'Ana', serverUrl: 'javascript:alert(1)' },
      { office: 'RS-BEL', userName: 'Ana', serverUrl: 'https://u:p@hq.example.org' },
      { office: 'MK-BEL', userName: 'Ana', mission: 'RS' },
    ]) {
      expectError(await admin({ method: 'POST', url: '/api/v1/admin/enrolment-codes', payload }), 400, 'invalid_request');
    }
    expect(await countRows(h.db, 'enrolment_codes')).toBe(0);

    const res = await admin({
      method: 'POST',
      url: '/api/v1/admin/enrolment-codes',
      payload: { office: 'RS-BEL', userName: ' Ana Petrović ', role: 'supervisor', serverUrl: 'https://hq.example.org/' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = createCodeResponseSchema.parse(res.json());
    expect(issued).toMatchObject({ office: 'RS-BEL', role: 'supervisor', userName: 'Ana Petrović' });
    expect(enrolmentQrPayloadSchema.parse(JSON.parse(issued.qr?.text ?? ''))).toEqual({ routewatch: 'enrol', v: 1, server: 'https://hq.example.org', code: issued.code });
    expect(issued.qr?.svg).toMatch(/^<svg /);
    const device = await enrol(issued.code);
    expect(device).toMatchObject({ office: 'RS-BEL', role: 'supervisor', userName: 'Ana Petrović' });

    const audit = await auditRows();
    expect(audit.map((r) => r.action)).toEqual(['office.created', 'enrolment_code.created', 'device.enrolled']);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(issued.code);
    expect(text).not.toContain(device.token);
  });

  it('lists devices with user, office, role, last sync, pending count and revoked state', async () => {
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    const a = await enrol((await issue('RS-BEL', 'Ana Petrović', 'supervisor')).code, 'Ana laptop');
    const b = await enrol((await issue('RS-BEL', 'Miloš Ilić')).code, '<b>Miloš</b>');
    await h.db.query("UPDATE devices SET pending_changes = 7, last_sync_at = '2026-03-01T10:00:00Z' WHERE id = $1", [a.deviceId]);
    await admin({ method: 'POST', url: `/api/v1/admin/devices/${b.deviceId}/revoke` });
    const list = deviceListSchema.parse((await admin({ method: 'GET', url: '/api/v1/admin/devices' })).json());
    expect(list.devices).toEqual([
      expect.objectContaining({ deviceId: a.deviceId, deviceName: 'Ana laptop', userName: 'Ana Petrović', office: 'RS-BEL', role: 'supervisor', pendingChanges: 7, lastSyncAt: '2026-03-01T10:00:00.000Z', revokedAt: null }),
      expect.objectContaining({ deviceId: b.deviceId, deviceName: '<b>Miloš</b>', userName: 'Miloš Ilić', role: 'field_monitor', pendingChanges: null, lastSyncAt: null, revokedAt: expect.any(String) as unknown }),
    ]);
    const offices = officeListSchema.parse((await admin({ method: 'GET', url: '/api/v1/admin/offices' })).json());
    expect(offices.offices[0]?.activeDevices).toBe(1);
  });

  it('revokes a device at once, audits it once, says so when it was already revoked, and 404s an unknown device', async () => {
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    const device = await enrol((await issue('RS-BEL', 'Ana')).code);
    const res = await admin({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke` });
    expect(res.statusCode, res.body).toBe(200);
    const first = revokeResponseSchema.parse(res.json());
    expect(first).toMatchObject({ alreadyRevoked: false, device: { deviceId: device.deviceId, revokedAt: expect.any(String) as unknown } });
    expectError(await me(device.token), 401, 'device_revoked');
    const again = revokeResponseSchema.parse((await admin({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke` })).json());
    expect(again).toEqual({ ...first, alreadyRevoked: true });
    expect((await auditRows()).filter((r) => r.action === 'device.revoked')).toEqual([
      { actor: 'admin', action: 'device.revoked', detail: { deviceId: device.deviceId, office: 'RS-BEL' } },
    ]);
    expectError(await admin({ method: 'POST', url: '/api/v1/admin/devices/dev_nobody/revoke' }), 404, 'invalid_request');
    expectError(await admin({ method: 'POST', url: '/api/v1/admin/devices/dev_nobody/rotate' }), 404, 'invalid_request');
    for (const id of ['..%2F..%2Fetc', "x'%20OR%201=1", 'a'.repeat(41), '%00']) {
      expectError(await admin({ method: 'POST', url: `/api/v1/admin/devices/${id}/revoke` }), 400, 'invalid_request');
    }
  });

  it('rotates a token: the old one is refused at once, the one-time code re-enrols the same device, and no secret is logged', async () => {
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    const device = await enrol((await issue('RS-BEL', 'Ana Petrović', 'supervisor')).code, 'Old name');
    expect((await me(device.token)).statusCode).toBe(200);

    const res = await admin({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/rotate`, payload: { ttlHours: 2, serverUrl: 'https://hq.example.org' } });
    expect(res.statusCode, res.body).toBe(201);
    const rotation = rotateResponseSchema.parse(res.json());
    expect(rotation).toMatchObject({ deviceId: device.deviceId, office: 'RS-BEL', role: 'supervisor', userName: 'Ana Petrović' });
    expect(Date.parse(rotation.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
    expect(JSON.parse(rotation.qr?.text ?? '')).toMatchObject({ code: rotation.code, server: 'https://hq.example.org' });
    expect(res.body).not.toMatch(/token/i);
    expectError(await me(device.token), 401, 'unauthorized');

    const again = await enrol(rotation.code, 'New name');
    expect(again).toMatchObject({ deviceId: device.deviceId, office: 'RS-BEL', role: 'supervisor', userName: 'Ana Petrović' });
    expect(again.token).not.toBe(device.token);
    expect((await me(again.token)).json()).toMatchObject({ deviceId: device.deviceId, deviceName: 'New name' });
    expectError(await me(device.token), 401, 'unauthorized');
    expect(await countRows(h.db, 'devices')).toBe(1);

    // The code works once.
    const reused = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code: rotation.code, deviceName: 'Thief' }, remoteAddress: nextIp() });
    expectError(reused, 400, 'invalid_enrolment_code');

    const audit = await auditRows();
    expect(audit.filter((r) => r.action === 'device.token_rotated')).toEqual([
      { actor: 'admin', action: 'device.token_rotated', detail: { deviceId: device.deviceId, office: 'RS-BEL', expiresAt: rotation.expiresAt } },
    ]);
    expect(audit.filter((r) => r.action === 'device.re_enrolled')).toEqual([
      { actor: `device:${device.deviceId}`, action: 'device.re_enrolled', detail: expect.objectContaining({ office: 'RS-BEL', deviceName: 'New name' }) as unknown },
    ]);
    const text = JSON.stringify(audit);
    for (const secret of [rotation.code, device.token, again.token]) expect(text).not.toContain(secret);
  });

  it('cancels an older rotation code when rotating again, and any rotation code when revoking', async () => {
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    const device = await enrol((await issue('RS-BEL', 'Ana')).code);
    const rotate = async () => rotateResponseSchema.parse((await admin({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/rotate` })).json());
    const first = await rotate();
    const second = await rotate();
    const stale = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code: first.code, deviceName: 'x' }, remoteAddress: nextIp() });
    expectError(stale, 400, 'invalid_enrolment_code');
    await admin({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke` });
    const afterRevoke = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code: second.code, deviceName: 'x' }, remoteAddress: nextIp() });
    expectError(afterRevoke, 400, 'invalid_enrolment_code');
    const list = deviceListSchema.parse((await admin({ method: 'GET', url: '/api/v1/admin/devices' })).json());
    expect(list.devices).toHaveLength(1);
    expect(list.devices[0]?.revokedAt).not.toBeNull();
  });

  it('refuses to rotate a revoked device or one enrolled before user names (409), and bad rotation requests (400)', async () => {
    await createOffice('RS-BEL', 'RS', 'Belgrade');
    const revoked = await enrol((await issue('RS-BEL', 'Ana')).code);
    await admin({ method: 'POST', url: `/api/v1/admin/devices/${revoked.deviceId}/revoke` });
    const res = await admin({ method: 'POST', url: `/api/v1/admin/devices/${revoked.deviceId}/rotate` });
    expectError(res, 409, 'invalid_request');
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/revocation is final/);

    const nameless = await enrol((await issue('RS-BEL', 'Old')).code);
    await h.db.query("UPDATE devices SET user_name = '' WHERE id = $1", [nameless.deviceId]);
    expectError(await admin({ method: 'POST', url: `/api/v1/admin/devices/${nameless.deviceId}/rotate` }), 409, 'invalid_request');
    expect((await pull(nameless.token)).statusCode).toBe(200); // refused: the token still works

    for (const payload of [{ ttlHours: 0 }, { ttlHours: 'soon' }, { serverUrl: 'ftp://x' }, { deviceId: 'dev_other' }]) {
      expectError(await admin({ method: 'POST', url: `/api/v1/admin/devices/${nameless.deviceId}/rotate`, payload }), 400, 'invalid_request');
    }
    expect((await pull(nameless.token)).statusCode).toBe(200);
    expect((await auditRows()).filter((r) => r.action === 'device.token_rotated')).toEqual([]);
  });
});
