/**
 * The outbox and its kept set of waiting records (`pendingRecords`), written together.
 * Every function here runs inside a transaction of the caller that covers `outbox` and
 * `pendingRecords` (and `observations` where records are read), so that the two never
 * disagree: the count of waiting records is the size of `pendingRecords`, and a record
 * leaves it exactly when its last queued change leaves the outbox.
 */
import type { SyncChange } from '../../shared/sync/protocol';
import type { OutboxEntry, OutboxRow, PendingRecordRow, RoutewatchDatabase } from './database';

/**
 * Queue the changes of one local write: one outbox row, and each record's latest change
 * id in `pendingRecords`. `adoptable` (see PendingRecordRow): true or false for records
 * the write creates or adopts; 'keep' for edits, which keep what the row said.
 */
export async function queueWrite(db: RoutewatchDatabase, entries: readonly OutboxEntry[], adoptable: boolean | 'keep'): Promise<void> {
  if (entries.length === 0) return;
  const previous = adoptable === 'keep' ? await db.pendingRecords.bulkGet(entries.map((e) => e.recordId)) : [];
  const rows: PendingRecordRow[] = entries.map((entry, i) => ({
    recordId: entry.recordId,
    changeId: entry.changeId,
    adoptable: adoptable === 'keep' ? (previous[i]?.adoptable ?? false) : adoptable,
  }));
  await Promise.all([db.outbox.add({ entries: [...entries] }), db.pendingRecords.bulkPut(rows)]);
}

/**
 * Oldest writes first, at most `limit` records; a record changed several times is sent
 * once, in its current state, with the change id of its latest listing seen.
 */
export async function oldestChanges(db: RoutewatchDatabase, limit: number): Promise<SyncChange[]> {
  const changeOf = new Map<string, string>();
  await db.outbox
    .orderBy('seq')
    .until(() => changeOf.size >= limit)
    .each((row) => {
      for (const entry of row.entries) {
        if (changeOf.size >= limit && !changeOf.has(entry.recordId)) continue;
        changeOf.set(entry.recordId, entry.changeId);
      }
    });
  return withRecords(db, changeOf);
}

/** Every waiting record with its latest change id, in the order of `pendingRecords`' key. */
export async function allWaiting(db: RoutewatchDatabase): Promise<SyncChange[]> {
  const rows = await db.pendingRecords.toArray();
  return withRecords(db, new Map(rows.map((row) => [row.recordId, row.changeId])));
}

async function withRecords(db: RoutewatchDatabase, changeOf: ReadonlyMap<string, string>): Promise<SyncChange[]> {
  const ids = [...changeOf.keys()];
  const records = await db.observations.bulkGet(ids);
  const changes: SyncChange[] = [];
  records.forEach((record, i) => {
    const changeId = changeOf.get(ids[i] ?? '');
    if (record && changeId) changes.push({ changeId, record });
  });
  return changes;
}

/**
 * Take changes the server answered for out of the outbox. The pushed state of a record
 * carries every change made up to the write that held the answered change id; changes
 * written after it stay queued (the record was edited while the push was in flight).
 * `accepted`: a server now holds the record, so enrolment may no longer adopt it.
 */
export async function releaseAnswered(db: RoutewatchDatabase, answered: readonly SyncChange[], accepted: boolean): Promise<void> {
  if (answered.length === 0) return;
  const answeredChange = new Map(answered.map((c) => [c.record.id, c.changeId]));
  const upTo = new Map<string, number>();
  const rows: OutboxRow[] = [];
  await db.outbox
    .orderBy('seq')
    .until(() => upTo.size >= answeredChange.size)
    .each((row) => {
      rows.push(row);
      for (const entry of row.entries) {
        if (answeredChange.get(entry.recordId) === entry.changeId) upTo.set(entry.recordId, row.seq ?? 0);
      }
    });
  const emptied: number[] = [];
  const trimmed: OutboxRow[] = [];
  for (const row of rows) {
    const seq = row.seq ?? 0;
    const kept = row.entries.filter((entry) => seq > (upTo.get(entry.recordId) ?? -1));
    if (kept.length === 0) emptied.push(seq);
    else if (kept.length < row.entries.length) trimmed.push({ seq, entries: kept });
  }
  // The waiting row names the latest change queued: when it is the answered one, nothing
  // of the record is left in the outbox.
  const ids = [...answeredChange.keys()];
  const waiting = await db.pendingRecords.bulkGet(ids);
  const done: string[] = [];
  const still: PendingRecordRow[] = [];
  waiting.forEach((row, i) => {
    const id = ids[i] ?? '';
    if (!row) return;
    if (row.changeId === answeredChange.get(id)) done.push(id);
    else if (accepted && row.adoptable) still.push({ ...row, adoptable: false });
  });
  await Promise.all([
    db.outbox.bulkDelete(emptied),
    db.outbox.bulkPut(trimmed),
    db.pendingRecords.bulkDelete(done),
    db.pendingRecords.bulkPut(still),
  ]);
}
