/**
 * The wire around sync: bodies gzipped both ways (a gzip bomb cut off at the body
 * limit), and what a device reports of itself (its waiting changes, its last sync).
 */
import { beforeEach, expect, it } from 'vitest';
import { gunzipSync, gzipSync, createGzip } from 'node:zlib';
import { ELECTRON_ORIGIN } from '../../server/app';
import { SYNC_PROTOCOL_VERSION, pullResponseSchema, pushResponseSchema } from '../../shared/sync/protocol';
import { acceptedResults, changeOf, enrolDevice, expectError, makeRecord, pull, push, pushAccepted } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

/** `bytes` zeros gzipped, streamed so that the test never holds them inflated. */
async function gzipBomb(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  const chunk = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += chunk.length) {
    if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

describeEachDb('the sync wire', (h) => {
  beforeEach(() => h.reset());

  it('takes a gzipped push, and gzips its answers for a client that accepts gzip', async () => {
    const app = await h.app();
    const writer = await enrolDevice(app, 'RS-BEL', 'writer');
    const reader = await enrolDevice(app, 'RS-BEL', 'reader');
    const changes = Array.from({ length: 50 }, () => changeOf(makeRecord('RS-BEL')));
    const json = JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes });
    const body = gzipSync(json);
    expect(body.length).toBeLessThan(json.length / 3);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...writer.headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(pushResponseSchema.parse(res.json()).results).toEqual(acceptedResults(changes));

    const gzipped = await app.inject({
      method: 'GET',
      url: `/api/v1/sync/pull?protocolVersion=${SYNC_PROTOCOL_VERSION}`,
      headers: { ...reader.headers, 'accept-encoding': 'gzip' },
    });
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    const page = pullResponseSchema.parse(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8')));
    expect(page.changes.map((c) => c.changeId)).toEqual(changes.map((c) => c.changeId));

    // A client that does not say it accepts gzip gets plain JSON.
    const plain = await app.inject({ method: 'GET', url: `/api/v1/sync/pull?protocolVersion=${SYNC_PROTOCOL_VERSION}`, headers: reader.headers });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(pullResponseSchema.parse(plain.json()).changes).toHaveLength(changes.length);
  });

  it('cuts a gzip bomb off at the body limit with 413, and goes on serving', async () => {
    const bodyLimit = 1024 * 1024;
    const app = await h.app({ bodyLimit });
    const device = await enrolDevice(app, 'RS-BEL');
    // 256 MiB of zeros in a few hundred KiB: inflated whole it would hold 256 times the limit.
    const bomb = await gzipBomb(256 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(bodyLimit);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...device.headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: bomb,
    });
    expectError(res, 413, 'payload_too_large');
    await pushAccepted(app, device, [changeOf(makeRecord('RS-BEL'))]);
  });

  it('refuses a body that is not the gzip it claims (400), and encodings other than gzip (415)', async () => {
    const app = await h.app();
    const device = await enrolDevice(app, 'RS-BEL');
    const json = JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: [] });
    const send = (encoding: string, payload: Buffer | string) =>
      app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { ...device.headers, 'content-type': 'application/json', 'content-encoding': encoding }, payload });
    expectError(await send('gzip', json), 400, 'invalid_request');
    expectError(await send('gzip', gzipSync(json).subarray(0, 12)), 400, 'invalid_request');
    expectError(await send('br', json), 415, 'invalid_request');
    // The desktop app may send gzip across origins: the preflight allows the header.
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/sync/push',
      headers: { origin: ELECTRON_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,content-encoding' },
    });
    expect(preflight.headers['access-control-allow-headers']).toMatch(/content-encoding/);
  });

  it('keeps what the device reports: its waiting changes and when it last synced', async () => {
    const app = await h.app();
    const device = await enrolDevice(app, 'RS-BEL');
    const state = async () => {
      const rows = await h.db.query<{ pending_changes: unknown; last_sync_at: unknown }>('SELECT pending_changes, last_sync_at FROM devices WHERE id = $1', [device.deviceId]);
      const row = rows[0];
      return { pending: row?.pending_changes ?? null, lastSync: row?.last_sync_at === null || row?.last_sync_at === undefined ? null : new Date(row.last_sync_at as string).getTime() };
    };
    expect(await state()).toEqual({ pending: null, lastSync: null });

    await push(app, device, [changeOf(makeRecord('RS-BEL'))], 7);
    const afterPush = await state();
    expect(afterPush.pending).toBe(7);
    expect(afterPush.lastSync).not.toBeNull();

    await pull(app, device, null, undefined, 3);
    expect((await state()).pending).toBe(3);
    // A device that does not say keeps what it said last.
    await push(app, device, []);
    expect((await state()).pending).toBe(3);
    const last = (await state()).lastSync ?? 0;
    expect(last).toBeGreaterThanOrEqual(afterPush.lastSync ?? Infinity);

    // A refused request is no sync.
    await h.db.query('UPDATE devices SET last_sync_at = NULL WHERE id = $1', [device.deviceId]);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/sync/pull?protocolVersion=1&pending=9', headers: device.headers });
    expectError(refused, 400, 'app_too_old');
    expect(await state()).toEqual({ pending: 3, lastSync: null });
  });
});
