/**
 * A push as a hostile or broken device would send it. Each case here was accepted by
 * the server before protocol 2 (it believed the stamps and the names a device sent);
 * now each change is judged on its own, on what the merge will produce, with identity
 * from the token (server/domain/push-authorisation.ts). The record the server holds is
 * checked first, so that each test fails on a server that lets the change through
 * whatever it answers.
 */
import { beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Observation } from '../../shared/observations/observation-schema';
import { MAX_RECORD_BYTES, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { ChangeResult, SyncChange } from '../../shared/sync/protocol';
import { changeOf, countRows, enrolDevice, makeRecord, pushAccepted, stamp } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

const B2 = { type: 'direct_observation' as const, name: null, reliability: 'B' as const, credibility: '2' as const };
const decision = (reviewer: string, note: string | null = null) => ({ reviewer, reviewedAt: new Date().toISOString(), note });

/** A later version of a record, as the app's store writes one: a new stamp, on `hlc` and on each changed field. */
function next(record: Observation, patch: Partial<Observation>, hlc: string): Observation {
  const fieldClocks = { ...record.fieldClocks };
  for (const field of Object.keys(patch)) fieldClocks[field] = hlc;
  return { ...record, ...patch, hlc, fieldClocks };
}

/** Push without expecting anything: the status and, on 200, the results. */
async function pushRaw(app: FastifyInstance, device: TestDevice, changes: SyncChange[]): Promise<{ status: number; results: ChangeResult[] }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.headers, payload: { protocolVersion: SYNC_PROTOCOL_VERSION, changes } });
  const body = res.json<{ results?: ChangeResult[] }>();
  return { status: res.statusCode, results: body.results ?? [] };
}

function refusal(result: ChangeResult | undefined): { code: string; message: string } {
  expect(result?.outcome, JSON.stringify(result)).toBe('refused');
  return result?.outcome === 'refused' ? { code: result.code, message: result.message } : { code: '', message: '' };
}

describeEachDb('hostile pushes', (h) => {
  beforeEach(() => h.reset());

  async function stored(id: string): Promise<Observation | undefined> {
    const rows = await h.db.query('SELECT data FROM records WHERE id = $1', [id]);
    return rows[0]?.data as Observation | undefined;
  }

  async function office(app: FastifyInstance) {
    const ana = await enrolDevice(app, 'RS-BEL', 'Ana laptop', { userName: 'Ana' });
    const sonja = await enrolDevice(app, 'RS-BEL', 'Sonja laptop', { userName: 'Sonja', role: 'supervisor' });
    return { ana, sonja };
  }

  it('(a) a field monitor cannot verify by sending old review stamps beside a new stamp of a field merged with them', async () => {
    const app = await h.app();
    const { ana, sonja } = await office(app);
    const t = Date.now() - 10_000;
    const record = makeRecord('RS-BEL', { author: 'Ana', hlc: stamp('ana', t) });
    await pushAccepted(app, ana, [changeOf(record)]);
    const returned = next(record, { reviewStatus: 'returned', review: decision('Sonja', 'count again') }, stamp('sonja', t + 2000));
    await pushAccepted(app, sonja, [changeOf(returned)]);

    // Stamped as if the review fields were older than Sonja's return: "not my change". The
    // source grading, merged with them as one unit, is stamped new and carries them in.
    const forged: Observation = {
      ...returned,
      reviewStatus: 'verified',
      review: decision('Marko'),
      source: B2,
      hlc: stamp('ana', t + 3000),
      fieldClocks: { ...returned.fieldClocks, reviewStatus: stamp('ana', t + 1000), review: stamp('ana', t + 1000), source: stamp('ana', t + 3000) },
    };
    const change = changeOf(forged);
    const { status, results } = await pushRaw(app, ana, [change]);
    expect((await stored(record.id))?.reviewStatus).toBe('returned');
    expect(status).toBe(200);
    const { code, message } = refusal(results[0]);
    expect(code).toBe('forbidden');
    expect(message).toMatch(new RegExp(`changes\\.0 \\(change ${change.changeId}, record ${record.id}\\): .*field monitor, who may not verify`));
  });

  it('(b) a supervisor cannot make their own record someone else\'s and then verify it, nor name another reviewer', async () => {
    const app = await h.app();
    const { ana, sonja } = await office(app);
    const t = Date.now() - 10_000;
    const own = makeRecord('RS-BEL', { author: 'Sonja', hlc: stamp('sonja', t) });
    await pushAccepted(app, sonja, [changeOf(own)]);

    const reauthored = next(own, { author: 'Ana' }, stamp('sonja', t + 1000));
    const first = await pushRaw(app, sonja, [changeOf(reauthored)]);
    const verified = next(reauthored, { reviewStatus: 'verified', source: B2, review: decision('Sonja') }, stamp('sonja', t + 2000));
    const second = await pushRaw(app, sonja, [changeOf(verified)]);
    expect(await stored(own.id)).toEqual(own);
    expect(refusal(first.results[0])).toMatchObject({ code: 'identity_mismatch', message: expect.stringContaining("author: a record's author never changes") as unknown });
    expect(refusal(second.results[0]).code).toBe('identity_mismatch');

    // Verifying it as it is: her own record.
    const selfVerified = next(own, { reviewStatus: 'verified', source: B2, review: decision('Sonja') }, stamp('sonja', t + 3000));
    expect(refusal((await pushRaw(app, sonja, [changeOf(selfVerified)])).results[0])).toMatchObject({ code: 'forbidden', message: expect.stringContaining('another supervisor must') as unknown });

    // Ana's record, verified in the name of another supervisor: the reviewer is the token's user.
    const anas = makeRecord('RS-BEL', { author: 'Ana', hlc: stamp('ana', t) });
    await pushAccepted(app, ana, [changeOf(anas)]);
    const asPetar = next(anas, { reviewStatus: 'verified', source: B2, review: decision('Petar') }, stamp('sonja', t + 4000));
    expect(refusal((await pushRaw(app, sonja, [changeOf(asPetar)])).results[0])).toMatchObject({ code: 'identity_mismatch', message: expect.stringContaining('review.reviewer') as unknown });
    expect((await stored(anas.id))?.reviewStatus).toBe('submitted');
    // And in her own name it goes through.
    const asSonja = next(anas, { reviewStatus: 'verified', source: B2, review: decision('Sonja') }, stamp('sonja', t + 5000));
    await pushAccepted(app, sonja, [changeOf(asSonja)]);
    expect((await stored(anas.id))?.reviewStatus).toBe('verified');
  });

  it('(c) a field clock far in the future, or not a stamp at all, is refused and never wins a later honest edit', async () => {
    const nowMs = Date.now();
    const app = await h.app({ now: () => nowMs });
    const { ana } = await office(app);
    const record = makeRecord('RS-BEL', { author: 'Ana', hlc: stamp('ana', nowMs - 60_000) });
    await pushAccepted(app, ana, [changeOf(record)]);

    const poisoned = [
      { ...record, summary: 'from the future', hlc: stamp('ana', nowMs - 30_000), fieldClocks: { summary: stamp('ana', Date.parse('2099-01-01T00:00:00Z')) } },
      { ...record, summary: 'not a stamp', hlc: stamp('ana', nowMs - 30_000), fieldClocks: { summary: 'zzzz' } },
      { ...record, summary: 'future hlc too', hlc: stamp('ana', nowMs + 86_400_000), fieldClocks: { summary: stamp('ana', nowMs + 86_400_000) } },
    ];
    // Each in a push of its own, so that none is held up (or let through) by another.
    const results: (ChangeResult | undefined)[] = [];
    for (const record of poisoned) results.push((await pushRaw(app, ana, [changeOf(record)])).results[0]);
    const honest = next(record, { summary: 'honest edit' }, stamp('ana', nowMs - 1000));
    await pushAccepted(app, ana, [changeOf(honest)]);
    expect((await stored(record.id))?.summary).toBe('honest edit');
    expect((await stored(record.id))?.fieldClocks).toEqual({ summary: honest.hlc });
    expect(results.map((r) => refusal(r).code)).toEqual(['clock_skew', 'invalid_stamp', 'clock_skew']);
    expect(refusal(results[0]).message).toMatch(/changes\.0 .*fieldClocks\.summary is \d+ min ahead/);
    expect(refusal(results[1]).message).toMatch(/changes\.0 .*fieldClocks\.summary is not an HLC stamp/);
  });

  it('(d) a record with tens of thousands of field clocks is refused: only the record\'s fields may have one', async () => {
    const app = await h.app();
    const { ana } = await office(app);
    const hlc = stamp('ana', Date.now() - 1000);
    const bloated = makeRecord('RS-BEL', { author: 'Ana', hlc, fieldClocks: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`f${i}`, hlc])) });
    const { status, results } = await pushRaw(app, ana, [changeOf(bloated)]);
    expect(await countRows(h.db, 'records')).toBe(0);
    expect(status).toBe(200);
    expect(refusal(results[0])).toMatchObject({ code: 'invalid_stamp', message: expect.stringContaining('fieldClocks.f0 names no field of the record') as unknown });
  });

  it('(e) a record larger than MAX_RECORD_BYTES is refused, and the rest of its batch taken', async () => {
    const app = await h.app();
    const { ana } = await office(app);
    // Within the schema's limits, but every character of the text escaped in JSON (six bytes each).
    const huge = makeRecord('RS-BEL', { author: 'Ana', notes: '\u0001'.repeat(10_000), summary: '\u0002'.repeat(2000) });
    expect(JSON.stringify(huge).length).toBeGreaterThan(MAX_RECORD_BYTES);
    const fine = changeOf(makeRecord('RS-BEL', { author: 'Ana' }));
    const { results } = await pushRaw(app, ana, [changeOf(huge), fine]);
    expect(await stored(huge.id)).toBeUndefined();
    expect(refusal(results[0])).toMatchObject({ code: 'record_too_large', message: expect.stringContaining(`more than the ${MAX_RECORD_BYTES}`) as unknown });
    expect(results[1]).toEqual({ changeId: fine.changeId, outcome: 'accepted' });
    expect(await countRows(h.db, 'records')).toBe(1);
  });

  it('(f) one change id with two records is refused (batch or before); the same change again is a retry', async () => {
    const app = await h.app();
    const { ana } = await office(app);
    const a = changeOf(makeRecord('RS-BEL', { author: 'Ana' }));
    const clash = { changeId: a.changeId, record: makeRecord('RS-BEL', { author: 'Ana' }) };
    const inBatch = await pushRaw(app, ana, [a, clash]);
    expect(await countRows(h.db, 'records')).toBe(0);
    expect(inBatch.results).toHaveLength(1);
    expect(refusal(inBatch.results[0]).code).toBe('change_id_conflict');

    await pushAccepted(app, ana, [a]);
    const reused = await pushRaw(app, ana, [clash]);
    expect(await stored(clash.record.id)).toBeUndefined();
    expect(refusal(reused.results[0])).toMatchObject({ code: 'change_id_conflict', message: expect.not.stringContaining(a.record.id) as unknown });

    // The same change again, even merged with what the device pulled since: accepted, nothing written twice.
    const changesBefore = await h.db.query('SELECT * FROM changes ORDER BY seq');
    await pushAccepted(app, ana, [a]);
    await pushAccepted(app, ana, [{ changeId: a.changeId, record: next(a.record, { summary: 'merged since' }, stamp('ana', Date.now())) }]);
    expect(await h.db.query('SELECT * FROM changes ORDER BY seq')).toEqual(changesBefore);
    expect(await stored(a.record.id)).toEqual(a.record);
  });

  it('takes identity from the token: author, office and mission of a new record, none changed on an existing one', async () => {
    const app = await h.app();
    const { ana } = await office(app);
    const analyst = await enrolDevice(app, 'HQ-VIE', 'analyst laptop', { userName: 'Hanna', role: 'hq_analyst' });
    const cases: [TestDevice, Observation, string, RegExp][] = [
      [ana, makeRecord('RS-BEL', { author: 'Marko' }), 'identity_mismatch', /author: a new record's author must be this device's user \(Ana\)/],
      [ana, makeRecord('RS-BEL', { author: 'Ana', mission: 'MK' }), 'identity_mismatch', /mission/],
      [ana, makeRecord('MK-SKO', { author: 'Ana' }), 'identity_mismatch', /office: a new record must be of this device's office \(RS-BEL\)/],
      [analyst, makeRecord('HQ-VIE', { author: 'Hanna' }), 'forbidden', /enrolled as an HQ analyst, who may not create records/],
    ];
    for (const [device, record, code, message] of cases) {
      const { results } = await pushRaw(app, device, [changeOf(record)]);
      expect(refusal(results[0]), record.author).toMatchObject({ code, message: expect.stringMatching(message) as unknown });
    }
    expect(await countRows(h.db, 'records')).toBe(0);

    const record = makeRecord('RS-BEL', { author: 'Ana', hlc: stamp('ana', Date.now() - 5000) });
    await pushAccepted(app, ana, [changeOf(record)]);
    for (const patch of [{ office: 'RS-SUB' }, { mission: 'MK' as const }]) {
      const { results } = await pushRaw(app, ana, [changeOf(next(record, patch, stamp('ana', Date.now())))]);
      expect(refusal(results[0]).code).toBe('identity_mismatch');
    }
    expect(await stored(record.id)).toEqual(record);
  });

  it('(g) a review written without a decision is the author\'s edit: nobody else may put words in a reviewer\'s mouth', async () => {
    const app = await h.app();
    const { ana } = await office(app);
    const bo = await enrolDevice(app, 'RS-BEL', 'Bo laptop', { userName: 'Bo' });
    const analyst = await enrolDevice(app, 'HQ-VIE', 'analyst laptop', { userName: 'Hanna', role: 'hq_analyst' });
    const t = Date.now() - 10_000;
    const record = makeRecord('RS-BEL', { author: 'Ana', hlc: stamp('ana', t) });
    await pushAccepted(app, ana, [changeOf(record)]);
    // Still submitted, so no decision: only the review's words change.
    for (const [device, at] of [[analyst, t + 1000], [bo, t + 2000]] as const) {
      const forged = next(record, { review: decision('Sonja', 'looks right to me') }, stamp(device.deviceId, at));
      expect(refusal((await pushRaw(app, device, [changeOf(forged)])).results[0]).code).toBe('forbidden');
    }
    expect(await stored(record.id)).toEqual(record);
  });

  it('refuses every change of a device enrolled before user names: it must enrol again', async () => {
    const app = await h.app();
    const { ana } = await office(app);
    await h.db.query("UPDATE devices SET user_name = '' WHERE id = $1", [ana.deviceId]);
    const { results } = await pushRaw(app, ana, [changeOf(makeRecord('RS-BEL', { author: 'Ana' })), changeOf(makeRecord('RS-BEL', { author: 'Ana', summary: 'second' }))]);
    expect(results.map((r) => refusal(r).code)).toEqual(['identity_mismatch', 'identity_mismatch']);
    expect(refusal(results[0]).message).toMatch(/enrol it again/);
    expect(await countRows(h.db, 'records')).toBe(0);
    // Nor can it say who it is: it has no user to report.
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: ana.headers });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('writes an audit row for each refused change (who, which, why: never the record) and one per push', async () => {
    const app = await h.app();
    const { ana } = await office(app);
    const good = changeOf(makeRecord('RS-BEL', { author: 'Ana' }));
    const bad = changeOf(makeRecord('RS-BEL', { author: 'Marko', summary: 'secret words' }));
    await pushRaw(app, ana, [good, bad]);
    const rows = await h.db.query<{ actor: string; action: string; detail: Record<string, unknown> }>(
      "SELECT actor, action, detail FROM audit_log WHERE action LIKE 'sync.%' ORDER BY id",
    );
    expect(rows).toEqual([
      { actor: `device:${ana.deviceId}`, action: 'sync.change_refused', detail: { changeId: bad.changeId, recordId: bad.record.id, code: 'identity_mismatch' } },
      { actor: `device:${ana.deviceId}`, action: 'sync.push', detail: { received: 2, accepted: 1, inserted: 1, refused: 1 } },
    ]);
    expect(JSON.stringify(rows)).not.toContain('secret words');
  });
});
