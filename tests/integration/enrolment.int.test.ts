import { beforeEach, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, enrolResponseSchema } from '../../shared/sync/protocol';
import { FIXTURE_USER, adminHeaders, countRows, ensureOffice, expectError, issueCode } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

const HOUR = 3_600_000;

describeEachDb('enrolment', (h) => {
  beforeEach(() => h.reset());

  it('issues a human-typable code that enrols one device, once', async () => {
    const app = await h.app();
    const code = await issueCode(app, 'RS-BEL', undefined, { userName: 'Ana Petrović' });
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);

    const first = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: 'Belgrade laptop 1' } });
    expect(first.statusCode, first.body).toBe(201);
    const enrolled = enrolResponseSchema.parse(first.json());
    expect(enrolled.office).toBe('RS-BEL');
    // The device acts as the user the code was issued for, and learns the protocol the server speaks.
    expect(enrolled.userName).toBe('Ana Petrović');
    expect(enrolled.protocolVersion).toBe(SYNC_PROTOCOL_VERSION);
    expect(enrolled.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${enrolled.token}` } });
    // A code issued without a role enrols a field monitor's device.
    expect(enrolled.role).toBe('field_monitor');
    expect(me.json()).toEqual({ deviceId: enrolled.deviceId, deviceName: 'Belgrade laptop 1', office: 'RS-BEL', role: 'field_monitor', userName: 'Ana Petrović' });

    const again = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: 'Second laptop' } });
    expectError(again, 400, 'invalid_enrolment_code');
    expect(again.json()).toMatchObject({ error: { message: expect.stringContaining('already been used') as unknown } });
    expect(await countRows(h.db, 'devices')).toBe(1);
  });

  it('accepts the code typed in lower case with spaces instead of dashes', async () => {
    const app = await h.app();
    const code = await issueCode(app, 'MK-SKO');
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code: typed, deviceName: 'Skopje' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ office: 'MK-SKO' });
  });

  it('keeps only hashes of codes and tokens', async () => {
    const app = await h.app();
    const code = await issueCode(app, 'RS-BEL');
    const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: 'x' } });
    const { token } = enrolResponseSchema.parse(res.json());
    const dump = JSON.stringify([
      await h.db.query('SELECT * FROM devices'),
      await h.db.query('SELECT * FROM enrolment_codes'),
      await h.db.query('SELECT * FROM audit_log'),
    ]);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(code);
    expect(dump.toUpperCase()).not.toContain(code.replaceAll('-', ''));
  });

  it('refuses an expired code and says so', async () => {
    let nowMs = Date.parse('2026-03-01T08:00:00Z');
    const app = await h.app({ now: () => nowMs });
    const code = await issueCode(app, 'BA-SAR', 2);
    nowMs += 2 * HOUR + 1000;
    const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: 'Sarajevo' } });
    expectError(res, 400, 'invalid_enrolment_code');
    expect(res.json()).toMatchObject({ error: { message: expect.stringContaining('expired') as unknown } });
    expect(await countRows(h.db, 'devices')).toBe(0);
  });

  it('issues codes valid for 72 hours by default', async () => {
    const nowMs = Date.parse('2026-03-01T08:00:00Z');
    const app = await h.app({ now: () => nowMs });
    await ensureOffice(app, 'AL-TIR');
    const res = await app.inject({ method: 'POST', url: '/api/v1/admin/enrolment-codes', headers: adminHeaders, payload: { office: 'AL-TIR', userName: 'Arben' } });
    expect(res.json()).toMatchObject({ office: 'AL-TIR', userName: 'Arben', expiresAt: '2026-03-04T08:00:00.000Z' });
  });

  it('refuses a wrong code with invalid_enrolment_code', async () => {
    const app = await h.app();
    await issueCode(app, 'RS-BEL');
    const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'x' } });
    expectError(res, 400, 'invalid_enrolment_code');
    expect(await countRows(h.db, 'devices')).toBe(0);
    const refused = await h.db.query("SELECT actor, detail FROM audit_log WHERE action = 'enrolment.refused'");
    expect(refused).toHaveLength(1);
  });

  it('limits enrolment attempts per IP address with 429 rate_limited', async () => {
    const app = await h.app({ enrolmentRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const attempt = (ip: string) =>
      app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code: 'WRONG-CODE-1234', deviceName: 'x' }, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expectError(await attempt('192.0.2.7'), 400, 'invalid_enrolment_code');
    const limited = await attempt('192.0.2.7');
    expectError(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    // A valid code does not get through either while the address is limited.
    const code = await issueCode(app, 'RS-BEL');
    expectError(
      await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: 'x' }, remoteAddress: '192.0.2.7' }),
      429,
      'rate_limited',
    );
    // Another address is not affected.
    expectError(await attempt('192.0.2.8'), 400, 'invalid_enrolment_code');
  });

  it('counts attempts in the database, so that two server instances share the limit', async () => {
    const limit = { max: 2, timeWindowMs: 60_000 };
    const a = await h.app({ enrolmentRateLimit: limit });
    const b = await h.app({ enrolmentRateLimit: limit });
    const attempt = (app: typeof a) =>
      app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code: 'WRONG-CODE-1234', deviceName: 'x' }, remoteAddress: '198.51.100.1' });
    expectError(await attempt(a), 400, 'invalid_enrolment_code');
    expectError(await attempt(b), 400, 'invalid_enrolment_code');
    expectError(await attempt(a), 429, 'rate_limited');
  });

  it('refuses bad admin requests for codes with 400 and writes nothing', async () => {
    const app = await h.app();
    for (const payload of [{ office: 'rs-bel' }, { office: 'XX-ABC' }, { office: 'RS-BEL', ttlHours: 0 }, { office: 'RS-BEL', ttlHours: 100_000 }, {}]) {
      expectError(await app.inject({ method: 'POST', url: '/api/v1/admin/enrolment-codes', headers: adminHeaders, payload }), 400, 'invalid_request');
    }
    expect(await countRows(h.db, 'enrolment_codes')).toBe(0);
  });

  it('writes audit rows for issuing codes and enrolling', async () => {
    const app = await h.app();
    const code = await issueCode(app, 'ME-POD');
    await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: 'Podgorica' } });
    const rows = await h.db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY id');
    expect(rows.map((r) => r.action)).toEqual(['office.created', 'enrolment_code.created', 'device.enrolled']);
    const detail = await h.db.query<{ detail: Record<string, unknown> }>("SELECT detail FROM audit_log WHERE action = 'device.enrolled'");
    expect(detail[0]?.detail).toMatchObject({ office: 'ME-POD', role: 'field_monitor', userName: FIXTURE_USER, deviceName: 'Podgorica' });
  });
});
