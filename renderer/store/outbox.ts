/**
 * The outbox and its kept set of waiting records (pending-records.ts), written together.
 * Every function here runs inside a transaction of the caller that covers `outbox` and
 * `pendingGroups` (and `observations` where records are read), so that the two never
 * disagree: the count of waiting records is the size of the set, and a record leaves
 * it exactly when its last queued change leaves the outbox.
 */
import type { SyncChange } from '../../shared/sync/protocol';
import { MAX_REVISIONS_BYTES, MAX_REVISIONS_PER_CHANGE } from '../../shared/sync/revisions';
import type { PushedRevision } from '../../shared/sync/revisions';
import type { OutboxEntry, OutboxRow, RevisionRow, RoutewatchDatabase } from './database';
import { getMany } from './keyed-rows';
import { allPending, markPending, pendingOf, releasePending } from './pending-records';
import type { RecordCipher } from '../crypto/record-cipher';
import { openRecord, openRevisions, protectedFieldsUnreadable } from './sealed-rows';
import type { StoredObservation, StoredRevision } from './sealed-rows';

/** A waiting change as stored: read inside a transaction, decrypted after it (`openChanges`). */
export interface StoredChange {
  changeId: string;
  record: StoredObservation;
  /** The record's unsent revisions, oldest first. */
  revisions: StoredRevision[];
}

/**
 * Queue the changes of one local write: one outbox row, and each record's latest change
 * id in the waiting set. `adoptable` (see PendingRecordRow): true or false for records
 * the write creates or adopts; 'keep' for edits, which keep what the row said. `fresh`:
 * the records are new to this device (pending-records.ts reads nothing for them).
 */
export async function queueWrite(db: RoutewatchDatabase, entries: readonly OutboxEntry[], adoptable: boolean | 'keep', fresh = false): Promise<void> {
  if (entries.length === 0) return;
  await Promise.all([db.outbox.add({ entries: [...entries] }), markPending(db, entries, adoptable, fresh)]);
}

/**
 * Oldest writes first, at most `limit` records; a record changed several times is sent
 * once, in its current state, with its latest change id (`pendingRecords`): the state
 * sent holds every change queued for it, so the answer releases all its outbox entries.
 * (The latest listing within the rows read is not enough: a record listed again in a
 * row after the batch closed, an adoption at enrolment say, would go a second time under
 * that row's change id.) Records in `exclude` (a batch in flight) are left for a later
 * batch.
 */
export async function oldestChanges(db: RoutewatchDatabase, cipher: RecordCipher, limit: number, exclude?: ReadonlySet<string>): Promise<SyncChange[]> {
  const changeOf = new Map<string, string>();
  await db.outbox
    .orderBy('seq')
    .until(() => changeOf.size >= limit)
    .each((row) => {
      for (const entry of row.entries) {
        if (exclude?.has(entry.recordId) === true) continue;
        if (changeOf.size >= limit && !changeOf.has(entry.recordId)) continue;
        changeOf.set(entry.recordId, entry.changeId);
      }
    });
  const latest = await pendingOf(db, [...changeOf.keys()]);
  for (const [recordId, row] of latest) changeOf.set(recordId, row.changeId);
  return openChanges(await withRecords(db, changeOf), cipher);
}

/** Every waiting record with its latest change id, by record id, as stored (`openChanges` decrypts). */
export async function allWaiting(db: RoutewatchDatabase): Promise<StoredChange[]> {
  const rows = await allPending(db);
  return withRecords(db, new Map(rows.map((row) => [row.recordId, row.changeId])));
}

async function withRecords(db: RoutewatchDatabase, changeOf: ReadonlyMap<string, string>): Promise<StoredChange[]> {
  const ids = [...changeOf.keys()];
  // The batch's own records' history, not every unsent row on the device: after an
  // enrolment adopts thousands of records, each batch would otherwise read all of theirs.
  const [records, unsent] = await Promise.all([getMany(db.observations, ids), ids.length === 0 ? [] : db.revisions.where('recordId').anyOf(ids).filter((row) => row.unsent === 1).sortBy('seq')]);
  const byRecord = new Map<string, StoredRevision[]>();
  for (const row of unsent) byRecord.set(row.recordId, [...(byRecord.get(row.recordId) ?? []), row]);
  const changes: StoredChange[] = [];
  records.forEach((record, i) => {
    const changeId = changeOf.get(ids[i] ?? '');
    if (!record || !changeId) return;
    changes.push({ changeId, record, revisions: byRecord.get(record.id) ?? [] });
  });
  return changes;
}

/**
 * The changes decrypted, as a push carries them. A record whose protected fields could
 * not be read (sealed-rows.ts) is left out: pushed without them it would clear them on
 * the server. It stays queued, and "Needs attention"'s export still lists it as stored.
 */
export async function openChanges(stored: readonly StoredChange[], cipher: RecordCipher): Promise<SyncChange[]> {
  const opened = await Promise.all(
    stored.map(async ({ changeId, record, revisions }) => ({ changeId, record: await openRecord(record, cipher), revisions: await openRevisions(revisions, cipher) })),
  );
  const changes: SyncChange[] = [];
  for (const { changeId, record, revisions } of opened) {
    if (protectedFieldsUnreadable(record)) continue;
    const pushed = limitRevisions(revisions.filter((row) => !protectedFieldsUnreadable(row)));
    changes.push(pushed.length === 0 ? { changeId, record } : { changeId, record, revisions: pushed });
  }
  return changes;
}

/** A revision row as a push carries it: no author (the server names the token's user), no record id (the change's). */
function toPushed(row: RevisionRow & { id: string }): PushedRevision {
  const pushed: PushedRevision = { id: row.id, at: row.at, hlc: row.hlc, action: row.action, changes: row.changes };
  if (row.conflict !== undefined) pushed.conflict = row.conflict;
  if (row.resolves !== undefined && row.resolves.length > 0) pushed.resolves = row.resolves;
  return pushed;
}

/**
 * The revisions waiting to go with one record's next push, oldest first, as many as one
 * change may carry (MAX_REVISIONS_PER_CHANGE, MAX_REVISIONS_BYTES): the rest go with the
 * record's next change. A revision too large to go at all stays on the device (it is
 * history, not the record: the record itself carries its values).
 */
function limitRevisions(rows: readonly RevisionRow[]): PushedRevision[] {
  const list: PushedRevision[] = [];
  let used = 2;
  const encoder = new TextEncoder();
  for (const row of rows) {
    if (row.id === undefined) continue;
    if (list.length >= MAX_REVISIONS_PER_CHANGE) break;
    const pushed = toPushed({ ...row, id: row.id });
    const size = encoder.encode(JSON.stringify(pushed)).length + 1;
    if (used + size > MAX_REVISIONS_BYTES) continue;
    used += size;
    list.push(pushed);
  }
  return list;
}

/** The server holds these revisions now (their change was answered): they are no longer waiting. Inside a transaction covering `revisions`. */
export async function markRevisionsSent(db: RoutewatchDatabase, answered: readonly SyncChange[]): Promise<void> {
  const ids = answered.flatMap((change) => (change.revisions ?? []).map((revision) => revision.id));
  if (ids.length === 0) return;
  await db.revisions
    .where('id')
    .anyOf(ids)
    .modify((row) => {
      delete row.unsent;
    });
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
  await Promise.all([db.outbox.bulkDelete(emptied), db.outbox.bulkPut(trimmed), releasePending(db, answeredChange, accepted)]);
}
