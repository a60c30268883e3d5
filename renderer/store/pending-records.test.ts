import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PendingRecordRow, RoutewatchDatabase } from './database';
import { openDatabase } from './database';
import { allPending, countPending, markPending, pendingOf, releasePending, settleAdoption } from './pending-records';
import { freshDatabaseName } from '../../test-support/renderer/store-test-fixtures';

/** Ids that sort as UUIDv7 do: by the order they were made. */
const idOf = (n: number) => `0190${String(n).padStart(8, '0')}`;

type Step =
  | { op: 'mark'; ids: number[]; adoptable: boolean | 'keep'; fresh: boolean }
  | { op: 'release'; ids: number[]; answerLatest: boolean[]; accepted: boolean }
  | { op: 'settle'; ids: number[] };

/** Spans of ids: mostly runs written together (the range read), sometimes scattered (one read per id). */
const ids = fc.oneof(
  fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 60 })).map(([start, length]) => Array.from({ length }, (_, i) => start + i)),
  fc.uniqueArray(fc.nat(260), { minLength: 1, maxLength: 40 }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('mark' as const), ids, adoptable: fc.constantFrom(true, false, 'keep' as const), fresh: fc.boolean() }),
  fc.record({ op: fc.constant('release' as const), ids, answerLatest: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), accepted: fc.boolean() }),
  fc.record({ op: fc.constant('settle' as const), ids }),
);

/** In a transaction, as the store calls them (an async scope: Dexie keeps it across awaits). */
function rw(db: RoutewatchDatabase, work: () => Promise<void>): Promise<void> {
  return db.transaction('rw', db.pendingGroups, async () => {
    await work();
  });
}

describe('the set of waiting records', () => {
  it('answers as a map of record id to row would, whatever the sequence of writes, answers and adoptions', async () => {
    let change = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const db = openDatabase(freshDatabaseName('pending'));
        const model = new Map<string, PendingRecordRow>();
        for (const s of steps) {
          const recordIds = [...new Set(s.ids.map(idOf))];
          if (s.op === 'mark') {
            // `fresh` promises the records are new to the device: only kept when true.
            const fresh = s.fresh && recordIds.every((id) => !model.has(id));
            const entries = recordIds.map((recordId) => ({ recordId, changeId: `c${String((change += 1))}` }));
            await rw(db, () => markPending(db, entries, s.adoptable, fresh));
            for (const { recordId, changeId } of entries) {
              model.set(recordId, { recordId, changeId, adoptable: s.adoptable === 'keep' ? (model.get(recordId)?.adoptable ?? false) : s.adoptable });
            }
          } else if (s.op === 'release') {
            // Some answers name the record's latest change, some an earlier one.
            const answered = new Map(recordIds.map((id, i) => [id, s.answerLatest[i % 60] === true ? (model.get(id)?.changeId ?? 'gone') : 'earlier']));
            await rw(db, () => releasePending(db, answered, s.accepted));
            for (const [id, changeId] of answered) {
              const row = model.get(id);
              if (row === undefined) continue;
              if (row.changeId === changeId) model.delete(id);
              else if (s.accepted && row.adoptable) model.set(id, { ...row, adoptable: false });
            }
          } else {
            await rw(db, () => settleAdoption(db, recordIds));
            for (const id of recordIds) {
              const row = model.get(id);
              if (row !== undefined) model.set(id, { ...row, adoptable: false });
            }
          }
        }
        const expected = [...model.values()].sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
        expect(await allPending(db)).toEqual(expected);
        expect(await countPending(db)).toBe(model.size);
        const asked = Array.from({ length: 270 }, (_, i) => idOf(i));
        expect(await pendingOf(db, asked)).toEqual(new Map(expected.map((row) => [row.recordId, row])));
        // Each record in one group only.
        const groups = await db.pendingGroups.toArray();
        const listed = groups.flatMap((g) => g.recordIds);
        expect(new Set(listed).size).toBe(listed.length);
        expect(groups.every((g) => g.recordIds.length > 0)).toBe(true);
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('adds one row for a write of many new records, and reads no group for it', async () => {
    const db = openDatabase(freshDatabaseName('pending'));
    const entries = Array.from({ length: 500 }, (_, i) => ({ recordId: idOf(i), changeId: `c${String(i)}` }));
    await rw(db, () => markPending(db, entries, true, true));
    expect(await db.pendingGroups.count()).toBe(1);
    expect(await countPending(db)).toBe(500);
    // Answering the first 200 trims that one row rather than writing rows per record.
    await rw(db, () => releasePending(db, new Map(entries.slice(0, 200).map((e) => [e.recordId, e.changeId])), true));
    expect(await db.pendingGroups.count()).toBe(1);
    expect(await countPending(db)).toBe(300);
    expect((await pendingOf(db, [idOf(0), idOf(200)])).get(idOf(200))).toEqual({ recordId: idOf(200), changeId: 'c200', adoptable: true });
  });
});
