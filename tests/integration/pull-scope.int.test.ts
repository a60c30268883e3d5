/**
 * What a pull delivers, and to whom: an administrator's device reads nothing; sensitive
 * fields reach only the roles the rule book lets see them (`record.view_sensitive`),
 * for every role against every kind of record; pages are bounded by size, so an office
 * whose records are large still pulls; `remaining` counts what is left.
 */
import { beforeEach, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { Classification, ObservationKind } from '../../shared/observations/codelists';
import type { Observation } from '../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import { MAX_PULL_PAGE_BYTES, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { PulledChange } from '../../shared/sync/protocol';
import { changeOf, enrolDevice, expectError, makeRecord, pull, pullAll, pushAccepted, stamp } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { describeEachDb } from './helpers/test-db';

/** A record of a kind with every sensitive field filled, written by Ana of RS-BEL. */
function fullRecord(kind: ObservationKind, classification: Classification): Observation {
  return makeRecord('RS-BEL', {
    author: 'Ana',
    kind,
    classification,
    ...(kind === 'incident' ? { incident: { type: 'pushback' as const, actor: null, dead: null, injured: 2, missing: null } } : {}),
    source: { type: 'direct_observation', name: 'Informant at the bus station', reliability: 'B', credibility: '2' },
    traffickingIndicators: ['iom_unpaid_work', 'iom_forced_work'],
    notes: 'Met the driver twice; phone number kept on paper.',
  });
}

/** The record as it must arrive without its sensitive fields. */
function withoutSensitive(record: Observation): Observation {
  const { notes: _notes, traffickingIndicators: _indicators, ...rest } = record;
  return { ...rest, ...(record.source ? { source: { ...record.source, name: null } } : {}) };
}

type Seen = 'whole' | 'withheld' | 'nothing';

describeEachDb('what a pull delivers', (h) => {
  beforeEach(() => h.reset());

  it('refuses an administrator\'s device (403 forbidden): administrators read no observations', async () => {
    const app = await h.app();
    const admin = await enrolDevice(app, 'HQ-VIE', 'admin laptop', { userName: 'Adam', role: 'administrator' });
    const res = await app.inject({ method: 'GET', url: `/api/v1/sync/pull?protocolVersion=${SYNC_PROTOCOL_VERSION}`, headers: admin.headers });
    expectError(res, 403, 'forbidden');
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/enrolled as an administrator, whose role reads no observations/);
  });

  it('withholds sensitive fields by role, office, author and classification: every role against every kind', async () => {
    const app = await h.app();
    const ana = await enrolDevice(app, 'RS-BEL', 'Ana laptop 1', { userName: 'Ana' });
    const readers: [string, TestDevice, (c: Classification) => Seen][] = [
      ['the author, on another laptop', await enrolDevice(app, 'RS-BEL', 'Ana laptop 2', { userName: 'Ana' }), () => 'whole'],
      ['another field monitor of the office', await enrolDevice(app, 'RS-BEL', 'Marko laptop', { userName: 'Marko' }), () => 'withheld'],
      ['a supervisor of the office', await enrolDevice(app, 'RS-BEL', 'Sonja laptop', { userName: 'Sonja', role: 'supervisor' }), () => 'whole'],
      ['a supervisor of another office', await enrolDevice(app, 'MK-SKO', 'Elena laptop', { userName: 'Elena', role: 'supervisor' }), () => 'nothing'],
      ['an HQ analyst', await enrolDevice(app, 'HQ-VIE', 'Hanna laptop', { userName: 'Hanna', role: 'hq_analyst' }), (c) => (c === 'restricted' ? 'withheld' : 'whole')],
    ];
    const records = OBSERVATION_KINDS.flatMap((kind) => (['internal', 'restricted', 'public'] as const).map((c) => fullRecord(kind, c)));
    await pushAccepted(app, ana, records.map(changeOf));

    for (const [who, device, expected] of readers) {
      const { changes } = await pullAll(app, device);
      const byId = new Map<string, PulledChange>(changes.map((c) => [c.record.id, c]));
      for (const record of records) {
        const got = byId.get(record.id);
        const label = `${who}: ${record.kind} ${record.classification ?? ''}`;
        switch (expected(record.classification ?? 'internal')) {
          case 'whole':
            expect(got?.record, label).toEqual(record);
            expect(got?.withheld, label).toBeUndefined();
            break;
          case 'withheld':
            expect(got?.record, label).toEqual(withoutSensitive(record));
            expect([...(got?.withheld ?? [])].sort(), label).toEqual([...SENSITIVE_FIELD_PATHS].sort());
            expect(JSON.stringify(got), label).not.toMatch(/Informant|phone number|iom_/);
            break;
          case 'nothing':
            expect(got, label).toBeUndefined();
            break;
        }
      }
    }
  });

  it('judges sensitive fields on the classification the record has now, not on what an old version or a stale copy says', async () => {
    const app = await h.app();
    const ana = await enrolDevice(app, 'RS-BEL', 'Ana laptop', { userName: 'Ana' });
    const sonja = await enrolDevice(app, 'RS-BEL', 'Sonja laptop', { userName: 'Sonja', role: 'supervisor' });
    const analyst = await enrolDevice(app, 'HQ-VIE', 'analyst laptop', { userName: 'Hanna', role: 'hq_analyst' });
    const t = Date.now() - 10_000;
    const record = { ...fullRecord('group_sighting', 'internal'), hlc: stamp('ana', t) };
    await pushAccepted(app, ana, [changeOf(record)]);
    const restrictedAt = stamp('sonja', t + 1000);
    await pushAccepted(app, sonja, [changeOf({ ...record, classification: 'restricted', hlc: restrictedAt, fieldClocks: { classification: restrictedAt } })]);
    // Ana edits her copy, which has not heard of the restriction yet.
    const editedAt = stamp('ana', t + 2000);
    await pushAccepted(app, ana, [changeOf({ ...record, summary: 'recounted', hlc: editedAt, fieldClocks: { summary: editedAt } })]);
    const pulled = await pullAll(app, analyst);
    expect(pulled.changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(pulled.changes)).not.toMatch(/Informant|phone number|iom_unpaid_work/);
  });

  it('lists the withheld fields the same whether they were filled or not, so the list itself reveals nothing', async () => {
    const app = await h.app();
    const ana = await enrolDevice(app, 'RS-BEL', 'Ana laptop', { userName: 'Ana' });
    const marko = await enrolDevice(app, 'RS-BEL', 'Marko laptop', { userName: 'Marko' });
    const bare = makeRecord('RS-BEL', { author: 'Ana', source: { type: 'authorities', name: null, reliability: null, credibility: null } });
    await pushAccepted(app, ana, [changeOf(bare), changeOf(fullRecord('group_sighting', 'internal'))]);
    const { changes } = await pullAll(app, marko);
    expect(changes.map((c) => [...(c.withheld ?? [])].sort())).toEqual([[...SENSITIVE_FIELD_PATHS].sort(), [...SENSITIVE_FIELD_PATHS].sort()]);
  });

  it('bounds a page by the size of its records, so that an office whose records are large still pulls', async () => {
    const app = await h.app();
    const writer = await enrolDevice(app, 'RS-BEL', 'writer');
    const reader = await enrolDevice(app, 'RS-BEL', 'reader');
    // Records stored before the server bounded records: tens of thousands of field clocks
    // each (a schema-valid shape), written straight into the feed as an older server did.
    const hlc = stamp('old', Date.now() - 86_400_000);
    const bloated = (entries: number): Observation => makeRecord('RS-BEL', { hlc, fieldClocks: Object.fromEntries(Array.from({ length: entries }, (_, i) => [`field_${i}`, hlc])) });
    const legacy = [bloated(110_000), ...Array.from({ length: 6 }, () => bloated(25_000))];
    for (const record of legacy) {
      await h.db.query('INSERT INTO changes (change_id, record_id, office, device_id, hlc, data) VALUES ($1, $2, $3, $4, $5, $6::json)', [
        randomUUID(),
        record.id,
        record.office,
        writer.deviceId,
        record.hlc,
        JSON.stringify(record),
      ]);
    }
    const recent = Array.from({ length: 3 }, () => changeOf(makeRecord('RS-BEL')));
    await pushAccepted(app, writer, recent);

    const pages: { changes: number; bytes: number; remaining: number | undefined; hasMore: boolean }[] = [];
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page = await pull(app, reader, cursor, undefined, undefined, true);
      const bytes = page.changes.reduce((sum, c) => sum + Buffer.byteLength(JSON.stringify(c.record)), 0);
      pages.push({ changes: page.changes.length, bytes, remaining: page.remaining, hasMore: page.hasMore });
      seen.push(...page.changes.map((c) => c.record.id));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual([...legacy.map((r) => r.id), ...recent.map((c) => c.record.id)]);
    // The first record alone is larger than a page: it comes alone.
    expect(pages[0]).toMatchObject({ changes: 1, hasMore: true, remaining: legacy.length + recent.length - 1 });
    expect(pages[0]?.bytes).toBeGreaterThan(MAX_PULL_PAGE_BYTES);
    for (const page of pages) expect(page.changes === 1 || page.bytes <= MAX_PULL_PAGE_BYTES, JSON.stringify(page)).toBe(true);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.at(-1)).toMatchObject({ hasMore: false, remaining: 0 });
  });

  it('counts the changes left after a page when asked, and only then (a count walks all that is left)', async () => {
    const app = await h.app();
    const writer = await enrolDevice(app, 'RS-BEL', 'writer');
    const reader = await enrolDevice(app, 'RS-BEL', 'reader');
    await pushAccepted(app, writer, Array.from({ length: 25 }, () => changeOf(makeRecord('RS-BEL'))));
    // Another office's changes are not the reader's to count.
    const other = await enrolDevice(app, 'MK-SKO', 'other');
    await pushAccepted(app, other, Array.from({ length: 4 }, () => changeOf(makeRecord('MK-SKO'))));
    const p1 = await pull(app, reader, null, 10, undefined, true);
    const p2 = await pull(app, reader, p1.cursor, 10);
    const p3 = await pull(app, reader, p2.cursor, 10, undefined, true);
    expect([p1.remaining, p2.remaining, p3.remaining]).toEqual([15, undefined, 0]);
    expect(p3.hasMore).toBe(false);
  });
});
