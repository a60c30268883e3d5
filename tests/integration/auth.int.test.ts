import { beforeEach, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { deviceListSchema, revokeResponseSchema } from '../../server/api/admin-schemas';
import { adminHeaders, changeOf, enrolDevice, expectError, makeRecord } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

const emptyPush = { protocolVersion: SYNC_PROTOCOL_VERSION, changes: [] };

interface Route {
  method: 'GET' | 'POST';
  url: string;
  payload?: object;
}

/** Every route that needs a device token, with a request that would succeed with one. */
const DEVICE_ROUTES: Route[] = [
  { method: 'GET', url: '/api/v1/me' },
  { method: 'POST', url: '/api/v1/sync/push', payload: emptyPush },
  { method: 'GET', url: '/api/v1/sync/pull?protocolVersion=2' },
];
const ADMIN_ROUTES: Route[] = [
  { method: 'POST', url: '/api/v1/admin/enrolment-codes', payload: { office: 'RS-BEL', userName: 'Ana' } },
  { method: 'GET', url: '/api/v1/admin/devices' },
  { method: 'POST', url: '/api/v1/admin/devices/dev_0123/revoke' },
];

const BAD_AUTHORIZATION = [
  undefined,
  '',
  'Bearer',
  'Bearer ',
  'Basic dXNlcjpwYXNz',
  'Bearer not-a-real-token-but-well-formed-000000000',
  "Bearer ' OR '1'='1",
  'Bearer ../../etc/passwd',
  `Bearer ${'A'.repeat(5000)}`,
];

function withAuth(route: Route, authorization: string | undefined): InjectOptions {
  return { ...route, headers: authorization === undefined ? {} : { authorization } };
}

describeEachDb('authentication', (h) => {
  beforeEach(() => h.reset());

  it('answers 401 unauthorized on every protected route without a valid token', async () => {
    // This test fails many checks from one address on purpose: the rate limit is tested in token-rate-limit.int.test.ts.
    const app = await h.app({ tokenFailureRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    for (const route of [...DEVICE_ROUTES, ...ADMIN_ROUTES]) {
      for (const authorization of BAD_AUTHORIZATION) {
        const res = await app.inject(withAuth(route, authorization));
        expectError(res, 401, 'unauthorized');
        expect(res.headers['www-authenticate']).toContain('Bearer');
      }
    }
  });

  it('keeps device and admin tokens apart', async () => {
    const app = await h.app();
    const device = await enrolDevice(app, 'RS-BEL');
    for (const route of ADMIN_ROUTES) expectError(await app.inject(withAuth(route, device.headers.authorization)), 401, 'unauthorized');
    for (const route of DEVICE_ROUTES) expectError(await app.inject(withAuth(route, adminHeaders.authorization)), 401, 'unauthorized');
    for (const route of DEVICE_ROUTES) {
      const res = await app.inject(withAuth(route, device.headers.authorization));
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(200);
    }
  });

  it('refuses the admin API on a server started without an admin token', async () => {
    const app = await h.app({ adminToken: undefined });
    for (const route of ADMIN_ROUTES) expectError(await app.inject(withAuth(route, adminHeaders.authorization)), 401, 'unauthorized');
  });

  it('checks the token before reading the body', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expectError(res, 401, 'unauthorized');
  });

  it('answers 401 device_revoked on every device route once a device is revoked', async () => {
    const app = await h.app();
    const device = await enrolDevice(app, 'RS-BEL');
    const other = await enrolDevice(app, 'RS-BEL');
    const revoked = await app.inject({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const { device: listing } = revokeResponseSchema.parse(revoked.json());
    expect(listing.revokedAt).not.toBeNull();

    for (const route of DEVICE_ROUTES) expectError(await app.inject(withAuth(route, device.headers.authorization)), 401, 'device_revoked');
    // A push from a revoked device writes nothing.
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: device.headers,
      payload: { protocolVersion: SYNC_PROTOCOL_VERSION, changes: [changeOf(makeRecord('RS-BEL'))] },
    });
    expectError(res, 401, 'device_revoked');
    expect(await h.db.query('SELECT 1 FROM changes')).toHaveLength(0);
    // Other devices carry on.
    expect((await app.inject(withAuth(DEVICE_ROUTES[0] as Route, other.headers.authorization))).statusCode).toBe(200);

    const list = deviceListSchema.parse((await app.inject({ method: 'GET', url: '/api/v1/admin/devices', headers: adminHeaders })).json());
    expect(list.devices.map((d) => [d.deviceId, d.revokedAt !== null])).toEqual([
      [device.deviceId, true],
      [other.deviceId, false],
    ]);
    const audit = await h.db.query("SELECT detail FROM audit_log WHERE action = 'device.revoked'");
    expect(audit).toHaveLength(1);
  });

  it('answers 404 for revoking a device that does not exist, 400 for an id that cannot be one', async () => {
    const app = await h.app();
    expectError(await app.inject({ method: 'POST', url: '/api/v1/admin/devices/dev_nobody/revoke', headers: adminHeaders }), 404, 'invalid_request');
    for (const id of ['%27%20OR%201%3D1', 'a'.repeat(41), '%00', '..%2F..%2Fetc']) {
      const res = await app.inject({ method: 'POST', url: `/api/v1/admin/devices/${id}/revoke`, headers: adminHeaders });
      expect(res.statusCode, `${id}: ${res.body}`).toBeLessThan(500);
      expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
  });
});
