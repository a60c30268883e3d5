/**
 * The kept set of records waiting to be pushed: for each, the latest change id queued
 * and whether enrolment may adopt it (PendingRecordRow). Stored as groups (v10
 * `pendingGroups`): one row per write, holding the records that write queued, with a
 * multi-entry index on their ids, rather than one row per record (v5 `pendingRecords`).
 *
 * Why groups: an IndexedDB request costs tens of microseconds in Chromium whatever its
 * size, and a row per record doubled the requests of every bulk write: storing 10,000
 * new records took 1.4 times the raw puts of the records alone, 1.03 times without them
 * (bench store.insert.10k). An index entry costs next to nothing beside a request.
 *
 * Invariant: a record is in at most one group. Every change of the set goes through
 * `rewrite`, which takes the touched records out of the groups that hold them before it
 * adds their new rows as one new group. Every function runs inside a transaction of
 * the caller that covers `pendingGroups`.
 */
import type { PendingGroupRow, PendingRecordRow, RoutewatchDatabase } from './database';

/** Below this many ids, one index read per id is as quick as one read of their range. */
const RANGE_FROM = 16;

function rowAt(group: PendingGroupRow, i: number): PendingRecordRow {
  return { recordId: group.recordIds[i] ?? '', changeId: group.changeIds[i] ?? '', adoptable: group.adoptable[i] ?? false };
}

function groupOf(rows: readonly PendingRecordRow[]): PendingGroupRow {
  return { recordIds: rows.map((r) => r.recordId), changeIds: rows.map((r) => r.changeId), adoptable: rows.map((r) => r.adoptable) };
}

/**
 * The keys of the groups holding any of `ids` (and maybe a few others). Record ids are
 * time-ordered (UUIDv7) and a batch's records were mostly written together, so one
 * key-only read of their range on the index usually finds them; when that range holds
 * many other records, one read per id instead. The answer is the same either way.
 */
async function groupKeysHolding(db: RoutewatchDatabase, ids: readonly string[]): Promise<number[]> {
  const wanted = [...new Set(ids)].sort();
  const first = wanted[0];
  const last = wanted[wanted.length - 1];
  if (first === undefined || last === undefined) return [];
  if (wanted.length >= RANGE_FROM) {
    const limit = wanted.length * 4;
    const keys = await db.pendingGroups.where('recordIds').between(first, last, true, true).limit(limit).primaryKeys();
    if (keys.length < limit) return held(keys);
  }
  const each = await Promise.all(wanted.map((id) => db.pendingGroups.where('recordIds').equals(id).primaryKeys()));
  return held(each.flat());
}

/** The distinct keys (the table's type allows an absent one, which a stored row never has). */
function held(keys: readonly (number | undefined)[]): number[] {
  return [...new Set(keys)].filter((key): key is number => key !== undefined);
}

async function groupsHolding(db: RoutewatchDatabase, ids: readonly string[]): Promise<PendingGroupRow[]> {
  const keys = await groupKeysHolding(db, ids);
  if (keys.length === 0) return [];
  return (await db.pendingGroups.bulkGet(keys)).filter((group): group is PendingGroupRow => group !== undefined);
}

/** The waiting rows of these records (absent: not waiting). */
export async function pendingOf(db: RoutewatchDatabase, ids: readonly string[]): Promise<Map<string, PendingRecordRow>> {
  const want = new Set(ids);
  const found = new Map<string, PendingRecordRow>();
  for (const group of await groupsHolding(db, ids)) {
    group.recordIds.forEach((id, i) => {
      if (want.has(id)) found.set(id, rowAt(group, i));
    });
  }
  return found;
}

/** Every waiting record, ordered by record id. */
export async function allPending(db: RoutewatchDatabase): Promise<PendingRecordRow[]> {
  const rows: PendingRecordRow[] = [];
  await db.pendingGroups.each((group) => {
    group.recordIds.forEach((_, i) => rows.push(rowAt(group, i)));
  });
  return rows.sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
}

/** How many records wait: the entries of the index, one per record (never a read of the groups). */
export function countPending(db: RoutewatchDatabase): Promise<number> {
  return db.pendingGroups.orderBy('recordIds').count();
}

/**
 * Decide each of `ids`' waiting row anew. `next` gets the record's current row (or
 * undefined) and returns its new row, undefined to take it out of the set, or the
 * current row itself to leave it where it is. `fresh`: the records are new to this
 * device (just made or imported under ids it never held), so no group can hold them and
 * none is read.
 */
async function rewrite(
  db: RoutewatchDatabase,
  ids: readonly string[],
  next: (id: string, current: PendingRecordRow | undefined) => PendingRecordRow | undefined,
  fresh: boolean,
): Promise<void> {
  const touched = [...new Set(ids)];
  const groups = fresh ? [] : await groupsHolding(db, touched);
  const current = new Map<string, PendingRecordRow>();
  const want = new Set(touched);
  for (const group of groups) {
    group.recordIds.forEach((id, i) => {
      if (want.has(id)) current.set(id, rowAt(group, i));
    });
  }
  const decided = new Map<string, PendingRecordRow | undefined>();
  for (const id of touched) decided.set(id, next(id, current.get(id)));
  const moves = (id: string): boolean => want.has(id) && decided.get(id) !== current.get(id);

  const emptied: number[] = [];
  const trimmed: PendingGroupRow[] = [];
  for (const group of groups) {
    if (group.seq === undefined || !group.recordIds.some(moves)) continue;
    const kept = group.recordIds.flatMap((id, i) => (moves(id) ? [] : [rowAt(group, i)]));
    if (kept.length === 0) emptied.push(group.seq);
    else trimmed.push({ ...groupOf(kept), seq: group.seq });
  }
  const added = touched.flatMap((id) => {
    const row = decided.get(id);
    return row !== undefined && moves(id) ? [row] : [];
  });
  await Promise.all([
    emptied.length > 0 ? db.pendingGroups.bulkDelete(emptied) : undefined,
    trimmed.length > 0 ? db.pendingGroups.bulkPut(trimmed) : undefined,
    added.length > 0 ? db.pendingGroups.add(groupOf(added)) : undefined,
  ]);
}

/**
 * These records' latest changes are queued: each row names its change id. `adoptable`:
 * true or false for records the write creates or adopts; 'keep' for edits, which keep
 * what the record's row said (false when it had none).
 */
export async function markPending(
  db: RoutewatchDatabase,
  entries: readonly { recordId: string; changeId: string }[],
  adoptable: boolean | 'keep',
  fresh: boolean,
): Promise<void> {
  const changeOf = new Map(entries.map((e) => [e.recordId, e.changeId]));
  await rewrite(
    db,
    [...changeOf.keys()],
    (recordId, current) => ({ recordId, changeId: changeOf.get(recordId) ?? '', adoptable: adoptable === 'keep' ? (current?.adoptable ?? false) : adoptable }),
    fresh,
  );
}

/**
 * The server answered these changes (record id → the change id answered). A record
 * whose latest queued change is the answered one leaves the set; one changed since stays,
 * no longer adoptable when `accepted` (a server now holds it). Records not waiting are
 * left out.
 */
export async function releasePending(db: RoutewatchDatabase, answered: ReadonlyMap<string, string>, accepted: boolean): Promise<void> {
  await rewrite(
    db,
    [...answered.keys()],
    (recordId, current) => {
      if (current === undefined || current.changeId === answered.get(recordId)) return undefined;
      return accepted && current.adoptable ? { ...current, adoptable: false } : current;
    },
    false,
  );
}

/** These waiting records may no longer be adopted (already the enrolled user's). */
export async function settleAdoption(db: RoutewatchDatabase, ids: readonly string[]): Promise<void> {
  await rewrite(db, ids, (_, current) => (current === undefined || !current.adoptable ? current : { ...current, adoptable: false }), false);
}
