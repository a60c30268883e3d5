/** Failed token checks (device and admin) are limited per client address (server/http/token-failure-limiter.ts). */
import { beforeEach, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db, Queryable } from '../../server/db/db';
import type { TokenFailureLimiter } from '../../server/http/token-failure-limiter';
import { adminHeaders, enrolDevice, expectError } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

const WRONG_DEVICE = { authorization: 'Bearer not-a-real-token-but-well-formed-000000000' };
const WRONG_ADMIN = { authorization: 'Bearer not-the-admin-token' };

/** A Db that counts the statements touching the rate-limit counters. */
function spying(db: Db): { db: Db; rateLimitQueries: () => number } {
  let count = 0;
  const watch = (sql: string): void => {
    if (sql.includes('rate_limits')) count++;
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      watch(sql);
      return q.query(sql, params);
    },
    exec: (sql) => {
      watch(sql);
      return q.exec(sql);
    },
  });
  const spy: Db = {
    kind: db.kind,
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
  return { db: spy, rateLimitQueries: () => count };
}

describeEachDb('rate limit of failed token checks', (h) => {
  beforeEach(() => h.reset());

  const me = (app: FastifyInstance, headers: Record<string, string>, ip: string): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'GET', url: '/api/v1/me', headers, remoteAddress: ip });
  const devices = (app: FastifyInstance, headers: Record<string, string>, ip: string): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'GET', url: '/api/v1/admin/devices', headers, remoteAddress: ip });

  function expectLimited(res: LightMyRequestResponse): void {
    expectError(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  }

  it('answers 429 with retry-after once an address has failed max device token checks; the address is refused even a good token, others are not', async () => {
    const app = await h.app({ tokenFailureRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const device: TestDevice = await enrolDevice(app, 'RS-BEL');
    for (let i = 0; i < 3; i++) expectError(await me(app, WRONG_DEVICE, '192.0.2.10'), 401, 'unauthorized');
    expectLimited(await me(app, WRONG_DEVICE, '192.0.2.10'));
    // Blocked: even a good token is not checked from this address.
    expectLimited(await me(app, device.headers, '192.0.2.10'));
    expectLimited(await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.headers, remoteAddress: '192.0.2.10', payload: { protocolVersion: 2, changes: [] } }));
    // Another address: a good token passes, a wrong one is a plain 401.
    expect((await me(app, device.headers, '192.0.2.11')).statusCode).toBe(200);
    expectError(await me(app, WRONG_DEVICE, '192.0.2.11'), 401, 'unauthorized');
  });

  it('limits failed admin token checks the same way, counted with the device ones', async () => {
    const app = await h.app({ tokenFailureRateLimit: { max: 4, timeWindowMs: 60_000 } });
    for (let i = 0; i < 2; i++) expectError(await devices(app, WRONG_ADMIN, '198.51.100.20'), 401, 'unauthorized');
    for (let i = 0; i < 2; i++) expectError(await me(app, WRONG_DEVICE, '198.51.100.20'), 401, 'unauthorized');
    expectLimited(await devices(app, WRONG_ADMIN, '198.51.100.20'));
    expectLimited(await devices(app, adminHeaders, '198.51.100.20'));
    expect((await devices(app, adminHeaders, '198.51.100.21')).statusCode).toBe(200);
  });

  it('does not count a missing header or a revoked device as a failed check', async () => {
    const app = await h.app({ tokenFailureRateLimit: { max: 2, timeWindowMs: 60_000 } });
    const device = await enrolDevice(app, 'RS-BEL');
    expect((await app.inject({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expectError(await me(app, {}, '203.0.113.30'), 401, 'unauthorized');
      expectError(await me(app, device.headers, '203.0.113.30'), 401, 'device_revoked');
    }
  });

  it('shares the count between two server instances on one database', async () => {
    const limit = { max: 2, timeWindowMs: 60_000 };
    const a = await h.app({ tokenFailureRateLimit: limit });
    const b = await h.app({ tokenFailureRateLimit: limit });
    expectError(await me(a, WRONG_DEVICE, '192.0.2.40'), 401, 'unauthorized');
    expectError(await me(b, WRONG_DEVICE, '192.0.2.40'), 401, 'unauthorized');
    expectLimited(await me(a, WRONG_DEVICE, '192.0.2.40'));
    expectLimited(await me(b, WRONG_DEVICE, '192.0.2.40'));
  });

  it("never makes a successful check wait on others' failures: it touches no counter, while another address fails at the same time", async () => {
    const spy = spying(h.db);
    const app = await h.app({ db: spy.db, tokenFailureRateLimit: { max: 2, timeWindowMs: 60_000 } });
    const device = await enrolDevice(app, 'RS-BEL');
    const before = spy.rateLimitQueries();
    // Successful checks, interleaved with a flood of failures from other addresses.
    const flood = Array.from({ length: 40 }, (_, i) => me(app, WRONG_DEVICE, `192.0.2.${100 + (i % 4)}`));
    const good = Array.from({ length: 20 }, () => me(app, device.headers, '192.0.2.50'));
    const goodAnswers = await Promise.all(good);
    const floodAnswers = await Promise.all(flood);
    for (const res of goodAnswers) expect(res.statusCode, res.body).toBe(200);
    for (const res of floodAnswers) expect([401, 429]).toContain(res.statusCode);
    expect(floodAnswers.filter((r) => r.statusCode === 429).length).toBeGreaterThan(0);
    // Only failures touched the counters: one statement each (and now and then a clean-up of old windows).
    expect(spy.rateLimitQueries() - before).toBeLessThanOrEqual(2 * flood.length);
    const afterFlood = spy.rateLimitQueries();
    for (let i = 0; i < 10; i++) expect((await me(app, device.headers, '192.0.2.50')).statusCode).toBe(200);
    expect(spy.rateLimitQueries()).toBe(afterFlood);
  });

  it('keeps the memory of blocked addresses bounded under many addresses, and blocks a forgotten one again at its next failure', async () => {
    let limiter: TokenFailureLimiter | undefined;
    const app = await h.app({
      tokenFailureRateLimit: { max: 1, timeWindowMs: 60_000, maxTrackedAddresses: 25 },
      onTokenFailureLimiter: (l) => (limiter = l),
    });
    const addresses = Array.from({ length: 200 }, (_, i) => `10.9.${i >> 8}.${i & 255}`);
    let limited = 0;
    for (const ip of addresses) {
      expectError(await me(app, WRONG_DEVICE, ip), 401, 'unauthorized');
      const second = await me(app, WRONG_DEVICE, ip);
      if (second.statusCode === 429) limited++;
      expect(limiter?.trackedAddresses).toBeLessThanOrEqual(25);
    }
    console.log(`token-check rate limit [${h.kind}]: ${addresses.length} addresses limited (${limited} answered 429), ${String(limiter?.trackedAddresses)} remembered in memory (bound 25)`);
    expect(limited).toBe(addresses.length);
    // The first address was forgotten from memory; its next failure finds its count in the database.
    const first = addresses[0] ?? '';
    expectLimited(await me(app, WRONG_DEVICE, first));
    expectLimited(await me(app, WRONG_DEVICE, first));
  });
});
