import { beforeEach, expect, it } from 'vitest';
import { MAX_CLOCK_DRIFT_MS } from '../../shared/sync/hlc';
import { MAX_PULL_PAGE, pullResponseSchema } from '../../shared/sync/protocol';
import type { Observation } from '../../shared/observations/observation-schema';
import { acceptedResults, changeOf, countRows, enrolDevice, expectError, makeRecord, pull, pullAll, push, pushAccepted, resultOf, stamp } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

async function serverRecords(db: { query: (sql: string) => Promise<Record<string, unknown>[]> }): Promise<Map<string, Observation>> {
  const rows = await db.query('SELECT id, data FROM records ORDER BY id');
  return new Map(rows.map((r) => [String(r.id), r.data as Observation]));
}

/** A version of `record` whose summary was edited at `hlc`, stamped as a device's store stamps it. */
function summaryEdit(record: Observation, summary: string, hlc: string): Observation {
  return { ...record, summary, hlc, fieldClocks: { ...record.fieldClocks, summary: hlc } };
}

describeEachDb('sync push and pull', (h) => {
  beforeEach(() => h.reset());

  it('is idempotent: the same batch pushed twice leaves the same state and no duplicate changes', async () => {
    const app = await h.app();
    const writer = await enrolDevice(app, 'RS-BEL');
    const reader = await enrolDevice(app, 'RS-BEL');
    const batch = [changeOf(makeRecord('RS-BEL')), changeOf(makeRecord('RS-BEL')), changeOf(makeRecord('RS-BEL'))];

    const first = await push(app, writer, batch);
    expect(first.results).toEqual(acceptedResults(batch));
    const stateAfterFirst = { changes: await h.db.query('SELECT * FROM changes ORDER BY seq'), records: await serverRecords(h.db) };

    const second = await push(app, writer, batch);
    expect(second.results).toEqual(acceptedResults(batch));
    expect(await h.db.query('SELECT * FROM changes ORDER BY seq')).toEqual(stateAfterFirst.changes);
    expect(await serverRecords(h.db)).toEqual(stateAfterFirst.records);

    // A batch that repeats a change id within itself counts it once.
    const dup = changeOf(makeRecord('RS-BEL'));
    expect((await push(app, writer, [dup, dup])).results).toEqual([{ changeId: dup.changeId, outcome: 'accepted' }]);

    const pulled = await pullAll(app, reader);
    expect(pulled.changes.map((c) => c.changeId)).toEqual([...batch.map((c) => c.changeId), dup.changeId]);
    expect(pulled.changes[0]?.record).toEqual(batch[0]?.record);
    const audit = await h.db.query<{ detail: unknown }>("SELECT detail FROM audit_log WHERE action = 'sync.push' ORDER BY id");
    expect(audit.map((r) => r.detail)).toEqual([
      { received: 3, accepted: 3, inserted: 3, refused: 0 },
      { received: 3, accepted: 3, inserted: 0, refused: 0 },
      { received: 1, accepted: 1, inserted: 1, refused: 0 },
    ]);
  });

  it('gives a field the value with the later clock, whatever the arrival order', async () => {
    const app = await h.app();
    const a = await enrolDevice(app, 'RS-BEL');
    const base = makeRecord('RS-BEL');
    const later = summaryEdit(base, 'later edit', stamp('dev_b', Date.now(), 5));
    const earlier = summaryEdit(base, 'earlier edit', stamp('dev_a', Date.now() - 60_000));
    await push(app, a, [changeOf(later)]);
    await push(app, a, [changeOf(earlier)]);
    expect((await serverRecords(h.db)).get(base.id)?.summary).toBe('later edit');
    // Both versions stay in the feed, and the merge the pusher of the earlier one lacks joins it.
    expect(await countRows(h.db, 'changes')).toBe(3);
    // Within one batch too.
    const other = makeRecord('RS-BEL');
    await push(app, a, [changeOf(summaryEdit(other, 'v2', stamp('dev_a', Date.now(), 2))), changeOf(summaryEdit(other, 'v1', stamp('dev_a', Date.now() - 10)))]);
    expect((await serverRecords(h.db)).get(other.id)?.summary).toBe('v2');
  });

  it('compares stamps byte by byte, as the clients do, whatever the database collation', async () => {
    const app = await h.app();
    const a = await enrolDevice(app, 'RS-BEL');
    const base = makeRecord('RS-BEL');
    const wall = Date.now();
    // Same wall time and counter: the node id decides; in byte order 'Z' < 'a'.
    await push(app, a, [changeOf(summaryEdit(base, 'node a', stamp('a', wall)))]);
    await push(app, a, [changeOf(summaryEdit(base, 'node Z', stamp('Z', wall)))]);
    expect((await serverRecords(h.db)).get(base.id)?.summary).toBe('node a');
  });

  it('pages the pull feed and resumes from any cursor', async () => {
    const app = await h.app();
    const writer = await enrolDevice(app, 'RS-BEL');
    const reader = await enrolDevice(app, 'RS-BEL');
    const changes = Array.from({ length: 25 }, () => changeOf(makeRecord('RS-BEL')));
    await push(app, writer, changes.slice(0, 13));
    await push(app, writer, changes.slice(13));

    const p1 = await pull(app, reader, null, 10);
    const p2 = await pull(app, reader, p1.cursor, 10);
    const p3 = await pull(app, reader, p2.cursor, 10);
    expect([p1.changes.length, p2.changes.length, p3.changes.length]).toEqual([10, 10, 5]);
    expect([p1.hasMore, p2.hasMore, p3.hasMore]).toEqual([true, true, false]);
    expect([...p1.changes, ...p2.changes, ...p3.changes].map((c) => c.changeId)).toEqual(changes.map((c) => c.changeId));

    // Nothing new: same cursor back, no more pages.
    const p4 = await pull(app, reader, p3.cursor, 10);
    expect(p4).toMatchObject({ changes: [], cursor: p3.cursor, hasMore: false });

    // Resuming from a cursor after a cut re-reads nothing before it and misses nothing after it.
    const resumed = await pullAll(app, reader, p1.cursor, 7);
    expect(resumed.changes.map((c) => c.changeId)).toEqual(changes.slice(10).map((c) => c.changeId));
    expect(resumed.cursor).toBe(p3.cursor);

    // New changes after the end show up from the last cursor.
    const late = changeOf(makeRecord('RS-BEL'));
    await push(app, writer, [late]);
    const p5 = await pull(app, reader, p3.cursor);
    expect(p5.changes.map((c) => c.changeId)).toEqual([late.changeId]);
  });

  it('answers an empty feed with a null cursor, and limits pages to MAX_PULL_PAGE by default', async () => {
    const app = await h.app();
    const reader = await enrolDevice(app, 'XK-PRI');
    expect(await pull(app, reader, null)).toMatchObject({ changes: [], cursor: null, hasMore: false });
    const res = await app.inject({ method: 'GET', url: `/api/v1/sync/pull?protocolVersion=2&limit=${MAX_PULL_PAGE + 1}`, headers: reader.headers });
    expectError(res, 400, 'invalid_request');
  });

  it('does not send a device its own changes', async () => {
    const app = await h.app();
    const a = await enrolDevice(app, 'RS-BEL');
    const b = await enrolDevice(app, 'RS-BEL');
    const fromA = changeOf(makeRecord('RS-BEL'));
    const fromB = changeOf(makeRecord('RS-BEL'));
    await push(app, a, [fromA]);
    await push(app, b, [fromB]);
    expect((await pullAll(app, a)).changes.map((c) => c.changeId)).toEqual([fromB.changeId]);
    expect((await pullAll(app, b)).changes.map((c) => c.changeId)).toEqual([fromA.changeId]);
  });

  it('scopes devices to their office; an HQ analyst sees every office and writes none', async () => {
    const app = await h.app();
    const bel = await enrolDevice(app, 'RS-BEL');
    const sko = await enrolDevice(app, 'MK-SKO');
    const hqMonitor = await enrolDevice(app, 'HQ-VIE');
    const analyst = await enrolDevice(app, 'HQ-VIE', 'analyst laptop', { userName: 'Hanna', role: 'hq_analyst' });
    const belChanges = [changeOf(makeRecord('RS-BEL')), changeOf(makeRecord('RS-BEL'))];
    const skoChanges = [changeOf(makeRecord('MK-SKO'))];
    await pushAccepted(app, bel, belChanges);
    await pushAccepted(app, sko, skoChanges);
    // An HQ device writes for its own office only, like any other: the rule book says who writes what.
    const hqChange = changeOf(makeRecord('RS-BEL', { summary: 'HQ correction' }));
    expect(resultOf(await push(app, hqMonitor, [hqChange]), hqChange.changeId)).toMatchObject({ outcome: 'refused', code: 'identity_mismatch' });

    const skoSees = (await pullAll(app, sko)).changes;
    expect(skoSees).toEqual([]);
    expect((await pullAll(app, bel)).changes).toEqual([]);
    expect((await pullAll(app, hqMonitor)).changes).toEqual([]);
    expect((await pullAll(app, analyst)).changes.map((c) => c.changeId)).toEqual([...belChanges, ...skoChanges].map((c) => c.changeId));
  });

  it('refuses, change by change, a record of another office, and says nothing of the other office', async () => {
    const app = await h.app();
    const bel = await enrolDevice(app, 'RS-BEL', 'bel laptop', { userName: 'Ana Petrović' });
    const sko = await enrolDevice(app, 'MK-SKO');
    const own = changeOf(makeRecord('MK-SKO'));
    const foreign = changeOf(makeRecord('RS-BEL'));
    const res = await push(app, sko, [own, foreign]);
    expect(res.results).toEqual([
      { changeId: own.changeId, outcome: 'accepted' },
      { changeId: foreign.changeId, outcome: 'refused', code: 'identity_mismatch', message: expect.stringContaining(`changes.1 (change ${foreign.changeId}`) as unknown },
    ]);
    expect(await countRows(h.db, 'changes')).toBe(1);

    // Nor may it take over a record of another office by reusing its id under its own office.
    const belRecord = makeRecord('RS-BEL', { author: 'Ana Petrović', summary: 'secret place' });
    await pushAccepted(app, bel, [changeOf(belRecord)]);
    const hijack = { ...belRecord, office: 'MK-SKO', mission: 'MK' as const, summary: 'hijacked', hlc: stamp('x', Date.now(), 9), fieldClocks: { summary: stamp('x', Date.now(), 9) } };
    const asMine = { ...hijack, author: 'Field officer' };
    for (const attempt of [hijack, asMine, { ...belRecord, summary: 'hijacked', hlc: hijack.hlc, fieldClocks: hijack.fieldClocks }]) {
      const response = await push(app, sko, [changeOf(attempt)]);
      const result = response.results[0];
      expect(result).toMatchObject({ outcome: 'refused', code: 'forbidden' });
      const message = result?.outcome === 'refused' ? result.message : '';
      expect(message).not.toMatch(/RS-BEL|Ana|secret/);
    }
    expect((await serverRecords(h.db)).get(belRecord.id)).toEqual(belRecord);
    expect(await countRows(h.db, 'changes')).toBe(2);
  });

  it('refuses a change with a clock too far ahead (clock_skew), and takes the rest of its batch', async () => {
    const nowMs = Date.parse('2026-05-01T12:00:00Z');
    const app = await h.app({ now: () => nowMs });
    const dev = await enrolDevice(app, 'RS-BEL');
    // Observed an hour before the server's (injected) clock, so only the stamps are in question.
    const observedStart = new Date(nowMs - 3_600_000).toISOString();
    const fine = changeOf(makeRecord('RS-BEL', { observedStart, hlc: stamp('dev_a', nowMs + MAX_CLOCK_DRIFT_MS - 1000) }));
    const skewed = changeOf(makeRecord('RS-BEL', { observedStart, hlc: stamp('dev_a', nowMs + MAX_CLOCK_DRIFT_MS + 60_000) }));
    const res = await push(app, dev, [fine, skewed]);
    expect(res.results).toEqual([
      { changeId: fine.changeId, outcome: 'accepted' },
      { changeId: skewed.changeId, outcome: 'refused', code: 'clock_skew', message: expect.stringMatching(/changes\.1 .*hlc is 11 min ahead/) as unknown },
    ]);
    expect(await countRows(h.db, 'changes')).toBe(1);
    expect(await countRows(h.db, 'records')).toBe(1);
  });

  it('negotiates the protocol: too old and too new each told which side to update, on push and pull', async () => {
    const app = await h.app();
    const dev = await enrolDevice(app, 'RS-BEL');
    const push1 = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: dev.headers, payload: { protocolVersion: 1, changes: [] } });
    expectError(push1, 400, 'app_too_old');
    expect(push1.json<{ error: { message: string } }>().error.message).toMatch(/update the app/);
    const push3 = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: dev.headers, payload: { protocolVersion: 3, changes: [{ some: 'future shape' }] } });
    expectError(push3, 400, 'app_too_new');
    expect(push3.json<{ error: { message: string } }>().error.message).toMatch(/server must be updated/);
    expectError(await app.inject({ method: 'GET', url: '/api/v1/sync/pull?protocolVersion=1', headers: dev.headers }), 400, 'app_too_old');
    expectError(await app.inject({ method: 'GET', url: '/api/v1/sync/pull?protocolVersion=3', headers: dev.headers }), 400, 'app_too_new');
    expect(await countRows(h.db, 'changes')).toBe(0);
  });

  it('returns pulled records exactly as pushed, JSON-safe', async () => {
    const app = await h.app();
    const a = await enrolDevice(app, 'RS-BEL');
    const b = await enrolDevice(app, 'RS-BEL');
    const record = makeRecord('RS-BEL', { location: { lat: 44.8125, lon: 20.4612 }, locationMethod: 'map_click', placeId: null });
    await push(app, a, [changeOf(record)]);
    const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull?protocolVersion=2', headers: b.headers });
    const page = pullResponseSchema.parse(res.json());
    expect(page.changes[0]?.record).toEqual(record);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('keeps commit order equal to seq order when pushes run concurrently', async () => {
    const app = await h.app();
    const writers = await Promise.all([1, 2, 3, 4].map((i) => enrolDevice(app, 'RS-BEL', `writer ${i}`)));
    const reader = await enrolDevice(app, 'RS-BEL');
    const batches = writers.map(() => Array.from({ length: 20 }, () => changeOf(makeRecord('RS-BEL'))));
    // A reader pulling while the pushes run must end up with every change exactly once.
    const seen: string[] = [];
    let cursor: string | null = null;
    const pushing = Promise.all(writers.map((w, i) => push(app, w, batches[i] ?? [])));
    const pushes = { settled: false };
    // Settled either way, so that a failed push ends the loop and fails the test below.
    void pushing.then(
      () => (pushes.settled = true),
      () => (pushes.settled = true),
    );
    for (let round = 0; !pushes.settled && round < 1000; round++) {
      const page = await pull(app, reader, cursor, 7);
      seen.push(...page.changes.map((c) => c.changeId));
      cursor = page.cursor;
    }
    await pushing;
    seen.push(...(await pullAll(app, reader, cursor)).changes.map((c) => c.changeId));
    expect(seen.sort()).toEqual(batches.flat().map((c) => c.changeId).sort());
  });
});
