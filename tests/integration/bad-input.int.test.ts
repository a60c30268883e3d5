import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { MAX_PUSH_BATCH, MAX_RECORD_BYTES, errorBodySchema } from '../../shared/sync/protocol';
import { DEFAULT_BODY_LIMIT } from '../../server/app';
import { fitPushBatch } from '../../shared/sync/push-batch';
import { SUMMARY_MAX_LENGTH } from '../../shared/observations/observation-schema';
import { changeOf, countRows, enrolDevice, expectError, issueCode, makeRecord, pullAll, pushAccepted } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

/** A few entries of the Big List of Naughty Strings (github.com/minimaxir/big-list-of-naughty-strings), plus NUL and lone surrogates. */
const NAUGHTY = [
  "'; DROP TABLE records; --",
  "1' OR '1'='1",
  '\u0000',
  'before\u0000after',
  '<script>alert(123)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '%00%0d%0a',
  '\u202eRTL override',
  'Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰',
  '𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐 𝖇𝖗𝖔𝖜𝖓 🐵 🙈',
  'lone \ud800 surrogate',
  '\ufeffBOM',
  'null',
  'NaN',
  '../../../../etc/passwd',
  '\\"\\\\',
  '\r\n\t\u0008\u001b[31m',
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

describeEachDb('bad and hostile input', (h) => {
  let app: FastifyInstance;
  let device: TestDevice;
  let reader: TestDevice;

  beforeAll(async () => {
    await h.reset();
    // Enrolment is rate-limited per address; this suite enrols often from one address.
    app = await h.app({ enrolmentRateLimit: { max: 100_000, timeWindowMs: 60_000 } });
    device = await enrolDevice(app, 'RS-BEL', 'writer');
    reader = await enrolDevice(app, 'RS-BEL', 'reader');
  });

  const pushRaw = (payload: string, contentType = 'application/json'): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { ...device.headers, 'content-type': contentType }, payload });

  /** Every refused request: a 4xx with an error body, never a 5xx. */
  function expectRefused(res: LightMyRequestResponse, status = 400): void {
    expect(res.statusCode, res.body).toBe(status);
    expect(errorBodySchema.safeParse(res.json()).success, res.body).toBe(true);
  }

  it('answers malformed JSON with 400 invalid_request', async () => {
    const before = await countRows(h.db, 'changes');
    for (const body of ['{', '{"a":}', '[', 'nul', '{"protocolVersion":1,"changes":[', '\u0000', '{"protocolVersion":1}}', "{'single':'quotes'}"]) {
      expectError(await pushRaw(body), 400, 'invalid_request');
      const enrol = await app.inject({ method: 'POST', url: '/api/v1/enrolments', headers: { 'content-type': 'application/json' }, payload: body });
      expectError(enrol, 400, 'invalid_request');
    }
    expectError(await pushRaw(''), 400, 'invalid_request');
    expect(await countRows(h.db, 'changes')).toBe(before);
  });

  it('answers a body that is not JSON with 400 invalid_request', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx']) {
      expectError(await pushRaw('{"protocolVersion":1,"changes":[]}', type), 400, 'invalid_request');
    }
  });

  it('answers bodies of the wrong shape with 400, naming the field, and writes nothing', async () => {
    const before = await countRows(h.db, 'changes');
    const good = changeOf(makeRecord('RS-BEL'));
    const shapes: unknown[] = [
      null,
      [],
      42,
      { protocolVersion: '2', changes: [] },
      { protocolVersion: 2 },
      { protocolVersion: 2, changes: {} },
      { protocolVersion: 2, changes: [good, { ...good, changeId: 42 }] },
      { protocolVersion: 2, changes: [{ ...good, changeId: 'not-a-uuid' }] },
      { protocolVersion: 2, changes: [{ changeId: good.changeId }] },
      { protocolVersion: 2, changes: [{ ...good, record: { ...good.record, totalPersons: -1 } }] },
      { protocolVersion: 2, changes: [{ ...good, record: { ...good.record, totalPersons: 1.5 } }] },
      { protocolVersion: 2, changes: [{ ...good, record: { ...good.record, location: { lat: 91, lon: 0 } } }] },
      { protocolVersion: 2, changes: [{ ...good, record: { ...good.record, kind: 'alien_landing' } }] },
      { protocolVersion: 2, changes: [{ ...good, record: { ...good.record, observedStart: 'yesterday' } }] },
      { protocolVersion: 2, changes: Array.from({ length: MAX_PUSH_BATCH + 1 }, () => changeOf(makeRecord('RS-BEL'))) },
    ];
    for (const shape of shapes) {
      const res = await pushRaw(JSON.stringify(shape));
      expectError(res, 400, 'invalid_request');
    }
    const named = await pushRaw(JSON.stringify({ protocolVersion: 2, changes: [{ ...good, record: { ...good.record, totalPersons: -1 } }] }));
    expect(named.json()).toMatchObject({ error: { message: expect.stringContaining('changes.0.record.totalPersons') as unknown } });
    expect(await countRows(h.db, 'changes')).toBe(before);
  });

  it('refuses oversize strings with 400', async () => {
    const before = await countRows(h.db, 'changes');
    const tooLong = [
      { summary: 'x'.repeat(SUMMARY_MAX_LENGTH + 1) },
      { author: 'x'.repeat(121) },
      { device: 'x'.repeat(65) },
      { placeId: 'x'.repeat(65) },
      { hlc: `${'0'.repeat(15)}-000000-${'x'.repeat(70)}` },
    ];
    for (const overrides of tooLong) {
      expectError(await pushRaw(JSON.stringify({ protocolVersion: 2, changes: [changeOf(makeRecord('RS-BEL', overrides))] })), 400, 'invalid_request');
    }
    expect(await countRows(h.db, 'changes')).toBe(before);
    const code = await issueCode(app, 'RS-BEL');
    for (const payload of [{ code, deviceName: 'x'.repeat(101) }, { code: 'A'.repeat(65), deviceName: 'x' }, { code, deviceName: '' }]) {
      expectError(await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload }), 400, 'invalid_request');
    }
  });

  it('stores hostile text in records exactly and sends it back unchanged, NUL and lone surrogates included', async () => {
    const records = NAUGHTY.map((text) => makeRecord('RS-BEL', { summary: text, device: text.slice(0, 64) || 'x', notes: text }));
    const { cursor } = await pullAll(app, reader);
    await pushAccepted(app, device, records.map(changeOf));
    const pulled = await pullAll(app, reader, cursor);
    expect(pulled.changes.map((c) => c.record)).toEqual(records);
    // The tables are all still there.
    expect(await countRows(h.db, 'records')).toBeGreaterThanOrEqual(NAUGHTY.length);
  });

  it('refuses hostile text in ids and offices with 400, in stamps change by change, writing nothing', async () => {
    const before = await countRows(h.db, 'changes');
    for (const text of NAUGHTY) {
      const base = changeOf(makeRecord('RS-BEL'));
      for (const change of [
        { ...base, changeId: text },
        { ...base, record: { ...base.record, id: text } },
        { ...base, record: { ...base.record, office: text } },
      ]) {
        const res = await pushRaw(JSON.stringify({ protocolVersion: 2, changes: [change] }));
        expectRefused(res);
      }
      // A stamp is judged per change: the change is refused, the push answered.
      for (const record of [{ ...base.record, hlc: text.slice(0, 80) }, { ...base.record, fieldClocks: { summary: text.slice(0, 80) } }]) {
        const res = await pushRaw(JSON.stringify({ protocolVersion: 2, changes: [{ ...base, record }] }));
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ results: [{ changeId: base.changeId, outcome: 'refused', code: 'invalid_stamp' }] });
      }
    }
    expect(await countRows(h.db, 'changes')).toBe(before);
  });

  it('enrols devices with hostile names, refusing only NUL (which PostgreSQL text cannot hold)', async () => {
    for (const name of NAUGHTY) {
      const code = await issueCode(app, 'MK-SKO');
      const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: name }, remoteAddress: '203.0.113.9' });
      if (name.includes('\u0000')) {
        expectError(res, 400, 'invalid_request');
        continue;
      }
      expect(res.statusCode, res.body).toBe(201);
      const { token } = res.json<{ token: string }>();
      const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      // Lone surrogates cannot be encoded in UTF-8: they come back as U+FFFD; names are
      // trimmed; everything else comes back as sent.
      expect(me.json<{ deviceName: string }>().deviceName).toBe(name.replace(LONE_SURROGATE, '\ufffd').trim());
    }
    // Hostile codes are just wrong codes.
    for (const code of NAUGHTY.filter((t) => t.length >= 6 && t.length <= 64)) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { code, deviceName: 'x' }, remoteAddress: '203.0.113.10' });
      expectError(res, 400, 'invalid_enrolment_code');
    }
  });

  it('answers absurd pull query strings with 400 invalid_request', async () => {
    const queries = [
      '',
      'protocolVersion=abc',
      'protocolVersion=2&protocolVersion=2',
      'protocolVersion=2&after=99999999999999999999',
      'protocolVersion=2&after=9999999999999999999',
      'protocolVersion=2&after=-1',
      'protocolVersion=2&after=1e3',
      'protocolVersion=2&after=',
      'protocolVersion=2&after=%00',
      "protocolVersion=2&after=1'%20OR%20'1'='1",
      'protocolVersion=2&limit=0',
      'protocolVersion=2&limit=-5',
      'protocolVersion=2&limit=abc',
      'protocolVersion=2&limit=1e309',
      'protocolVersion=2&limit=2.5',
      `protocolVersion=2&after=${'9'.repeat(4000)}`,
    ];
    for (const query of queries) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/sync/pull?${query}`, headers: reader.headers });
      expect(res.statusCode, `${query.slice(0, 60)}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    // A URL longer than any the API uses is refused before it is parsed (http/http-layer-errors.ts).
    expectError(await app.inject({ method: 'GET', url: `/api/v1/sync/pull?protocolVersion=2&after=${'9'.repeat(5000)}`, headers: reader.headers }), 414, 'invalid_request');
    // Parameters the API does not know are ignored (the query parser does not nest keys).
    for (const query of ['protocolVersion=2&after[]=1', 'protocolVersion=2&after[$gt]=1', 'protocolVersion=2&__proto__=1']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/sync/pull?${query}`, headers: reader.headers });
      expect(res.statusCode, query).toBe(200);
    }
  });

  it('answers prototype pollution and deep nesting with 400', async () => {
    expectError(await pushRaw('{"__proto__":{"polluted":true},"protocolVersion":2,"changes":[]}'), 400, 'invalid_request');
    expectError(await pushRaw('{"constructor":{"prototype":{"polluted":true}},"protocolVersion":2,"changes":[]}'), 400, 'invalid_request');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const depth = 100_000;
    expectError(await pushRaw(`{"protocolVersion":2,"changes":${'['.repeat(depth)}${']'.repeat(depth)}}`), 400, 'invalid_request');
    expectError(await pushRaw(`{"protocolVersion":2,"changes":[{"changeId":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`), 400, 'invalid_request');
  });

  it('answers bodies over the limit with 413 payload_too_large', async () => {
    const huge = JSON.stringify({ protocolVersion: 2, changes: [], padding: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    expectError(await pushRaw(huge), 413, 'payload_too_large');
    const enrol = await app.inject({ method: 'POST', url: '/api/v1/enrolments', headers: { 'content-type': 'application/json' }, payload: huge });
    expectError(enrol, 413, 'payload_too_large');
  });

  it('accepts a full batch of 2 KB records, and a batch of records of the largest size accepted as large as a device sends', async () => {
    const typical = Array.from({ length: MAX_PUSH_BATCH }, () => changeOf(makeRecord('RS-BEL', { summary: 'Observed group. '.repeat(110) })));
    expect(JSON.stringify({ protocolVersion: 2, changes: typical }).length).toBeGreaterThan(MAX_PUSH_BATCH * 2000);
    await pushAccepted(app, device, typical);

    // Every character escaped in JSON (\u0001 takes 6 bytes), up to MAX_RECORD_BYTES: the body still fits.
    const largest = (): ReturnType<typeof makeRecord> => {
      const record = makeRecord('RS-BEL', { summary: '\u0001'.repeat(SUMMARY_MAX_LENGTH), device: '\u0001'.repeat(64) });
      const room = Math.floor((MAX_RECORD_BYTES - JSON.stringify({ ...record, notes: '' }).length) / 6);
      return { ...record, notes: '\u0001'.repeat(room) };
    };
    // As many as a device puts in one request (closed by size: MAX_PUSH_BYTES).
    const worst = fitPushBatch(Array.from({ length: MAX_PUSH_BATCH }, () => changeOf(largest())));
    expect(JSON.stringify(worst[0]?.record).length).toBeGreaterThan(MAX_RECORD_BYTES - 6);
    expect(worst.length).toBeGreaterThan(50);
    await pushAccepted(app, device, worst);
  });
});
