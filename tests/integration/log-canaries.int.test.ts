/**
 * Canary strings in the sensitive fields of pushed records (SENSITIVE_FIELD_PATHS:
 * notes, source.name, traffickingIndicators) never reach the server's log: the logger's
 * whole output, at its most verbose level, is captured through pushes, pulls, a
 * conflict, refused changes, refused requests and a fault of the database, and searched.
 * Tokens and enrolment codes are searched for too. Prints the counts.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Observation } from '../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import { TRAFFICKING_INDICATORS } from '../../shared/observations/codelists';
import { stampEdit } from '../../shared/sync/merge-conflicts';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { Db } from '../../server/db/db';
import { DEFAULT_BODY_LIMIT } from '../../server/app';
import { changeOf, enrolDevice, expectError, issueCode, makeRecord, pullAll, push, pushAccepted, send, stamp } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { ADMIN_TOKEN, describeEachDb } from './helpers/test-db';

const CANARY = `CANARY-${randomUUID()}`;
/** Indicators no other part of a request or answer names. */
const INDICATORS = TRAFFICKING_INDICATORS.slice(0, 3);

/** Every log line the app writes. */
class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    callback();
  }
  count(needle: string): number {
    return this.lines.reduce((n, line) => n + line.split(needle).length - 1, 0);
  }
}

/** A record with a canary in every sensitive field. */
function sensitiveRecord(overrides: Partial<Observation> = {}): Observation {
  return makeRecord('RS-BEL', {
    notes: `${CANARY} notes: the person said they owe the driver`,
    source: { type: 'ngo', name: `${CANARY} informant`, reliability: 'B', credibility: '2' },
    traffickingIndicators: [...INDICATORS],
    ...overrides,
  });
}

/** The database, failing every push's transaction with an error that carries a row's values, as PostgreSQL's do in `detail`. */
function faultyDb(db: Db): Db {
  return {
    ...db,
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    transaction: () =>
      Promise.reject(
        Object.assign(new Error('duplicate key value violates unique constraint "records_pkey"'), {
          code: '23505',
          detail: `Key (notes)=(${CANARY} notes) already exists.`,
          where: `SQL statement with ${CANARY}`,
          parameters: [`${CANARY} informant`],
        }),
      ),
  };
}

describeEachDb('sensitive fields never reach the server log', (h) => {
  let app: FastifyInstance;
  let log: LogCapture;
  let ana: TestDevice;
  let anaLaptop2: TestDevice;
  let supervisor: TestDevice;
  const codes: string[] = [];

  beforeAll(async () => {
    await h.reset();
    log = new LogCapture();
    app = await h.app({ logger: { level: 'trace', stream: log } });
    ana = await enrolDevice(app, 'RS-BEL', 'Ana laptop');
    anaLaptop2 = await enrolDevice(app, 'RS-BEL', 'Ana tablet');
    supervisor = await enrolDevice(app, 'RS-BEL', 'Supervisor laptop', { userName: 'Sonja', role: 'supervisor' });
    codes.push(await issueCode(app, 'RS-BEL'));
  });

  it('keeps canaries out of the log through push, pull, a conflict, refusals, refused requests and a database fault', async () => {
    expect(SENSITIVE_FIELD_PATHS).toEqual(expect.arrayContaining(['notes', 'source.name', 'traffickingIndicators']));

    // Pushes and pulls, with revisions carrying the values before and after.
    const created = Array.from({ length: 20 }, () => sensitiveRecord());
    await pushAccepted(app, ana, created.map(changeOf));
    const base = created[0];
    if (!base) throw new Error('no record');

    // A conflict: two devices edit the notes of one record offline; the value that loses is kept as a conflict revision.
    const t = Date.now();
    const mine = stampEdit(base, { ...base, notes: `${CANARY} edited on the laptop` }, ['notes'], stamp('dev_laptop', t));
    const theirs = stampEdit(base, { ...base, notes: `${CANARY} edited on the tablet` }, ['notes'], stamp('dev_tablet', t + 1));
    const revision = (record: Observation, before: string | undefined): unknown => ({
      id: randomUUID(),
      at: new Date(t).toISOString(),
      hlc: record.hlc,
      action: 'edit',
      changes: [{ field: 'notes', before: before ?? null, after: record.notes ?? null }],
    });
    await pushAccepted(app, ana, [{ ...changeOf(mine), revisions: [revision(mine, base.notes)] } as ReturnType<typeof changeOf>]);
    await pushAccepted(app, anaLaptop2, [{ ...changeOf(theirs), revisions: [revision(theirs, base.notes)] } as ReturnType<typeof changeOf>]);
    const pulled = await pullAll(app, supervisor);
    expect(pulled.changes.length).toBeGreaterThanOrEqual(created.length);
    const conflicts = pulled.changes.flatMap((c) => c.revisions ?? []).filter((r) => r.action === 'conflict');
    expect(conflicts.length, 'the scenario made a conflict').toBeGreaterThan(0);
    expect(JSON.stringify(pulled.changes)).toContain(CANARY);
    await pullAll(app, ana);

    // Refused changes: another author's name, a broken rule, a stamp from the future, a record too large.
    const refused = await push(app, ana, [
      changeOf(sensitiveRecord({ author: 'Someone else' })),
      changeOf(sensitiveRecord({ kind: 'incident' })),
      changeOf(sensitiveRecord({ hlc: stamp('dev_x', Date.now() + 3_600_000) })),
      changeOf(sensitiveRecord({ notes: `${CANARY} ${'x'.repeat(9_000)}`, summary: 'y'.repeat(1_900) })),
    ]);
    expect(refused.results.filter((r) => r.outcome === 'refused').length).toBeGreaterThanOrEqual(3);

    // Refused requests: schema failures, bad JSON, wrong types, bad gzip, too large, bad tokens.
    const body = JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: [changeOf(sensitiveRecord({ totalPersons: -1 }))] });
    const answers: string[] = [];
    const raw = async (payload: string | Buffer, headers: Record<string, string> = {}) => {
      const res = await send(app, { method: 'POST', url: '/api/v1/sync/push', headers: { ...ana.headers, 'content-type': 'application/json', ...headers }, payload });
      answers.push(res.body);
      return res;
    };
    expectError(await raw(body), 400, 'invalid_request');
    expectError(await raw(`{"protocolVersion":2,"changes":[{"notes":"${CANARY}"`), 400, 'invalid_request');
    expectError(await raw(CANARY), 400, 'invalid_request');
    expectError(await raw(body, { 'content-type': 'text/plain' }), 400, 'invalid_request');
    expectError(await raw(body, { 'content-encoding': 'gzip' }), 400, 'invalid_request');
    expectError(await raw(gzipSync(body), { 'content-encoding': 'deflate' }), 415, 'invalid_request');
    expectError(await raw(`{"notes":"${CANARY}","pad":"${'z'.repeat(DEFAULT_BODY_LIMIT)}"}`), 413, 'payload_too_large');
    expectError(await send(app, { method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${CANARY}` }, payload: body }), 401, 'unauthorized');
    // (URLs are logged: the API never carries record content in them.)
    expectError(await send(app, { method: 'GET', url: '/api/v1/sync/pull?protocolVersion=2&after=not-a-cursor', headers: ana.headers }), 400, 'invalid_request');
    expectError(await send(app, { method: 'POST', url: '/api/v1/enrolments', payload: { code: codes[0], deviceName: CANARY.repeat(10) } }), 400, 'invalid_request');

    // Nor do the error answers echo what was sent.
    expect(answers.filter((answer) => answer.includes(CANARY))).toEqual([]);

    // A fault of the database while a push is stored: 500, logged, without the values it carries.
    const broken = await h.app({ db: faultyDb(h.db), logger: { level: 'trace', stream: log } });
    expectError(await send(broken, { method: 'POST', url: '/api/v1/sync/push', headers: ana.headers, payload: { protocolVersion: SYNC_PROTOCOL_VERSION, changes: [changeOf(sensitiveRecord())] } }), 500, 'server_error');
    expect(log.lines.some((line) => line.includes('"request failed"') && line.includes('23505'))).toBe(true);

    const secrets = [ana.token, anaLaptop2.token, supervisor.token, ADMIN_TOKEN, ...codes];
    const counts = {
      canary: log.count(CANARY),
      indicators: INDICATORS.reduce((n, code) => n + log.count(code), 0),
      secrets: secrets.reduce((n, secret) => n + log.count(secret), 0),
    };
    console.log(
      `server log canaries [${h.kind}]: ${log.lines.length} log lines at level trace; ${counts.canary} canaries (notes, source.name), ${counts.indicators} trafficking indicator codes, ${counts.secrets} tokens or codes`,
    );
    expect(log.lines.length).toBeGreaterThan(50);
    expect(log.lines.filter((line) => line.includes(CANARY)).map((line) => line.slice(0, 400))).toEqual([]);
    expect(counts).toEqual({ canary: 0, indicators: 0, secrets: 0 });
  });
});
