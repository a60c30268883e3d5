/**
 * Every route of the OpenAPI document the server serves, fuzzed with generated bodies,
 * queries and headers (fast-check, from the document's own schemas): every answer is a
 * status the document lists for that operation, never a 5xx; every error answer has the
 * error body; the server answers afterwards. Prints the requests tried and the failures.
 *
 * ROUTE_FUZZ_RUNS sets the requests per operation (default 300: 4,200 requests a
 * database, about 20 s each on this 2-core machine); ROUTE_FUZZ_SEED replays a run (the seed is printed).
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SYNC_PROTOCOL_VERSION, errorBodySchema } from '../../shared/sync/protocol';
import { sampleIssuedReportContent } from '../../test-support/shared/issued-report-fixtures';
import { ADMIN_TOKEN, describeEachDb } from './helpers/test-db';
import { changeOf, enrolDevice, issueCode, makeRecord } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { SchemaArbitraries } from './helpers/openapi-arbitraries';

type Json = Record<string, unknown>;

const RUNS = Number(process.env.ROUTE_FUZZ_RUNS ?? '300');
const SEED = Number(process.env.ROUTE_FUZZ_SEED ?? String(Date.now() % 1_000_000_007));

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  remoteAddress: string;
}

interface EncodedBody {
  payload?: string | Buffer;
  headers: Record<string, string>;
}

interface Operation {
  method: string;
  path: string;
  spec: Json;
}

function operationsOf(document: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, spec] of Object.entries(item)) out.push({ method: method.toUpperCase(), path, spec: spec as Json });
  }
  return out;
}

/** Header names a client may send freely (not those that frame the request). */
const FRAMING = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'authorization', 'content-type', 'content-encoding']);
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/).filter((name) => !FRAMING.has(name));
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const garbageAuth = fc.oneof(
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${'A'.repeat(600)}`, 'bearer x', 'Bearer a b'),
  headerValue.map((v) => `Bearer ${v}`),
  headerValue,
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/jsonx',
  '',
  '*/*',
);

describeEachDb('every route fuzzed from the OpenAPI document', (h) => {
  let app: FastifyInstance;
  let document: Json;
  let devices: TestDevice[];
  let codes: string[];

  beforeAll(async () => {
    await h.reset();
    app = await h.app();
    const monitor = await enrolDevice(app, 'RS-BEL', 'monitor laptop');
    const supervisor = await enrolDevice(app, 'RS-BEL', 'supervisor laptop', { userName: 'Sonja', role: 'supervisor' });
    const analyst = await enrolDevice(app, 'HQ-VIE', 'analyst laptop', { userName: 'Hana', role: 'hq_analyst' });
    const administrator = await enrolDevice(app, 'HQ-VIE', 'admin laptop', { userName: 'Adam', role: 'administrator' });
    devices = [monitor, supervisor, analyst, administrator];
    codes = [];
    for (let i = 0; i < 10; i++) codes.push(await issueCode(app, 'RS-BEL', undefined, { userName: `User ${i}` }));
    // The document as the server serves it.
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    document = res.json<Json>();
  });

  /** Good bodies the schema alone rarely produces (a record the rules accept, a real code): the routes' success paths. */
  function goodBodies(op: Operation): Arbitrary<unknown> | undefined {
    if (op.method === 'POST' && op.path === '/api/v1/sync/push') {
      return fc.integer({ min: 1, max: 3 }).map((n) => ({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: Array.from({ length: n }, () => changeOf(makeRecord('RS-BEL'))) }));
    }
    if (op.method === 'POST' && op.path === '/api/v1/reports') {
      return fc.constant(null).map(() => ({ protocolVersion: SYNC_PROTOCOL_VERSION, report: sampleIssuedReportContent(randomUUID()) }));
    }
    if (op.method === 'POST' && op.path === '/api/v1/enrolments') {
      return fc.tuple(fc.constantFrom(...codes), fc.string({ minLength: 1, maxLength: 40 })).map(([code, deviceName]) => ({ code, deviceName }));
    }
    if (op.method === 'POST' && op.path === '/api/v1/admin/offices') {
      return fc.tuple(fc.constantFrom('RS', 'MK', 'BA'), fc.stringMatching(/^[A-Z]{3}$/), fc.string({ minLength: 1, maxLength: 30 })).map(([mission, code, name]) => ({
        code: `${mission}-${code}`,
        mission,
        name,
      }));
    }
    return undefined;
  }

  function authFor(op: Operation): Arbitrary<string | undefined> {
    const security = JSON.stringify(op.spec.security ?? []);
    const deviceAuth = fc.constantFrom(...devices.map((d) => d.headers.authorization));
    const adminAuth = fc.constant(`Bearer ${ADMIN_TOKEN}`);
    const wanted = security.includes('deviceToken') ? deviceAuth : security.includes('adminToken') ? adminAuth : fc.constant(undefined);
    const other = security.includes('deviceToken') ? adminAuth : deviceAuth;
    return fc.oneof({ weight: 8, arbitrary: wanted }, { weight: 1, arbitrary: other }, { weight: 1, arbitrary: garbageAuth }, { weight: 1, arbitrary: fc.constant(undefined) });
  }

  function queryFor(op: Operation, schemas: SchemaArbitraries): Arbitrary<string> {
    const params = ((op.spec.parameters ?? []) as Json[]).filter((p) => p.in === 'query');
    if (params.length === 0) return fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: headerValue.map((v) => `?${encodeURIComponent(v)}`) });
    const one = (p: Json): Arbitrary<string | undefined> => {
      const value = fc.oneof(
        { weight: 5, arbitrary: schemas.valid(p.schema as Json).map(String) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
        { weight: 1, arbitrary: fc.constantFrom('', '-1', '1e309', '%', '%00', '9'.repeat(40), '2.5', 'null', '[]') },
      );
      return fc.option(value.map((v) => `${String(p.name)}=${encodeURIComponent(v)}`), { freq: p.required === true ? 10 : 2 });
    };
    return fc.tuple(...params.map(one), fc.option(fc.tuple(headerName, headerValue).map(([k, v]) => `${k}=${encodeURIComponent(v)}`))).map((parts) => {
      const present = parts.filter((p): p is string => typeof p === 'string');
      return present.length === 0 ? '' : `?${present.join('&')}`;
    });
  }

  function pathFor(op: Operation, schemas: SchemaArbitraries): Arbitrary<string> {
    const params = ((op.spec.parameters ?? []) as Json[]).filter((p) => p.in === 'path');
    let arbitrary: Arbitrary<string> = fc.constant(op.path);
    for (const p of params) {
      const value = fc.oneof(
        { weight: 3, arbitrary: schemas.valid(p.schema as Json).map(String) },
        { weight: 3, arbitrary: fc.constantFrom(...devices.map((d) => d.deviceId)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 250 }) },
      );
      arbitrary = fc.tuple(arbitrary, value).map(([path, v]) => path.replace(`{${String(p.name)}}`, encodeURIComponent(v)));
    }
    return arbitrary;
  }

  function bodyFor(op: Operation, schemas: SchemaArbitraries): Arbitrary<EncodedBody> {
    const requestBody = op.spec.requestBody as Json | undefined;
    const schema = (requestBody?.content as Record<string, { schema: Json }> | undefined)?.['application/json']?.schema;
    const good = goodBodies(op);
    const values: Arbitrary<unknown> =
      schema === undefined
        ? fc.jsonValue({ maxDepth: 2 })
        : good === undefined
          ? schemas.nearlyValid(schema)
          : fc.oneof({ weight: 2, arbitrary: good }, { weight: 3, arbitrary: schemas.nearlyValid(schema) });
    const encoded = fc.tuple(values, fc.constantFrom('json', 'json', 'json', 'json', 'gzip', 'truncated', 'raw', 'bad-gzip', 'identity', 'brotli')).map(([value, how]): EncodedBody => {
      // JSON.stringify answers undefined for undefined, whatever its declared type says.
      const text = (JSON.stringify(value) as string | undefined) ?? 'null';
      switch (how) {
        case 'gzip':
          return { payload: gzipSync(text), headers: { 'content-encoding': 'gzip' } };
        case 'bad-gzip':
          return { payload: text, headers: { 'content-encoding': 'gzip' } };
        case 'brotli':
          return { payload: text, headers: { 'content-encoding': 'br' } };
        case 'identity':
          return { payload: text, headers: { 'content-encoding': 'identity' } };
        case 'truncated':
          return { payload: text.slice(0, Math.floor(text.length / 2)), headers: {} };
        case 'raw':
          return { payload: `${text}\u0000{`, headers: {} };
        case 'json':
          return { payload: text, headers: {} };
      }
    });
    const withType = fc.tuple(encoded, contentTypes).map(([body, type]): EncodedBody => ({ payload: body.payload, headers: type === '' ? body.headers : { ...body.headers, 'content-type': type } }));
    if (schema === undefined && op.method === 'GET') {
      // A GET now and then carries a body anyway.
      return fc.oneof({ weight: 6, arbitrary: fc.constant<EncodedBody>({ headers: {} }) }, { weight: 1, arbitrary: withType });
    }
    return schema === undefined ? fc.oneof({ weight: 3, arbitrary: fc.constant<EncodedBody>({ headers: {} }) }, { weight: 1, arbitrary: withType }) : withType;
  }

  function requestFor(op: Operation, schemas: SchemaArbitraries): Arbitrary<FuzzRequest> {
    return fc
      .record({
        path: pathFor(op, schemas),
        query: queryFor(op, schemas),
        auth: authFor(op),
        body: bodyFor(op, schemas),
        extra: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
        acceptGzip: fc.boolean(),
        origin: fc.option(fc.constantFrom('app://routewatch', 'https://evil.example', 'null', 'http://localhost:5173')),
        remoteAddress: fc.ipV4(),
      })
      .map(({ path, query, auth, body, extra, acceptGzip, origin, remoteAddress }) => {
        const headers: Record<string, string> = { ...extra, ...body.headers };
        if (auth !== undefined) headers.authorization = auth;
        if (acceptGzip) headers['accept-encoding'] = 'gzip';
        if (origin !== null) headers.origin = origin;
        return { method: op.method, url: `${path}${query}`, headers, remoteAddress, ...(body.payload === undefined ? {} : { payload: body.payload }) };
      });
  }

  function bodyText(res: LightMyRequestResponse): string {
    return res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload).toString('utf8') : res.body;
  }

  it('answers every generated request with a documented 2xx or 4xx (error body included), never a 5xx, and still answers afterwards', async () => {
    const schemas = new SchemaArbitraries(document);
    const operations = operationsOf(document);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => {
      crashes.push(error);
    };
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    let tried = 0;
    try {
      for (const [index, op] of operations.entries()) {
        const documented = new Set(Object.keys(op.spec.responses as Json).map(Number));
        const requests = fc.sample(requestFor(op, schemas), { numRuns: RUNS, seed: SEED + index });
        for (const request of requests) {
          tried++;
          const res = await app.inject(request);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const what = `${request.method} ${request.url.slice(0, 120)} -> ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${what}: ${bodyText(res).slice(0, 300)}`);
          else if (!documented.has(res.statusCode)) failures.push(`${what} (not documented for ${op.method} ${op.path}): ${bodyText(res).slice(0, 200)}`);
          else if (res.statusCode >= 400 && !errorBodySchema.safeParse(JSON.parse(bodyText(res))).success) failures.push(`${what}: not an error body: ${bodyText(res).slice(0, 200)}`);
        }
      }
    } finally {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    }
    const health = await app.inject({ method: 'GET', url: '/health' });
    // The fuzz may have revoked the devices it was given: a device enrolled now must be served.
    const fresh = await enrolDevice(app, 'RS-BEL', 'after the fuzz');
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: fresh.headers, remoteAddress: '192.0.2.250' });
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}x${n}`).join(' ');
    console.log(
      `route fuzz [${h.kind}]: ${tried} requests over ${operations.length} operations (seed ${SEED}, ${RUNS} each), ${failures.length} failures, ${crashes.length} crashes; statuses ${byStatus}`,
    );
    expect(crashes.map((e) => (e instanceof Error ? e.stack : String(e))).slice(0, 3)).toEqual([]);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(health.statusCode).toBe(200);
    expect(me.statusCode).toBe(200);
    // The success paths were reached, not only the refusals.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    // A ceiling for a loaded CI machine (about 15 s here), not a pause.
  }, 180_000);
});
