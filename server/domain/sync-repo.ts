import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import type { ChangeResult, SyncChange } from '../../shared/sync/protocol';
import type { Observation } from '../../shared/observations/observation-schema';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { mergeRecords, sameRecord } from '../../shared/sync/merge-record';
import { conflictsOf } from '../../shared/sync/merge-conflicts';
import { MAX_REVISIONS_BYTES, conflictRevision } from '../../shared/sync/revisions';
import type { Revision } from '../../shared/sync/revisions';
import { fromPushed, insertRevisions } from './revisions-repo';
import type { RevisionToStore } from './revisions-repo';
import { writeAudit, writeAuditRows } from './audit';
import { judgeChange } from './push-authorisation';
import { bindLocalIds, bindingsOf, judgeBinding } from './record-devices';
import { mayResolveConflict } from '../../shared/sync/revisions';
import type { PushingDevice } from './push-authorisation';
import type { User } from '../../shared/access/roles';

/**
 * Arbitrary constant shared by every server instance: the key of the push lock.
 * Pushes take it in turn, so that `changes.seq` values commit in increasing order.
 * Without it, a push holding seq 7 could commit after one holding seq 8, and a device
 * that pulled 8 in between would move its cursor past 7 and never see it. Changes are
 * also judged under it, against records nothing else writes meanwhile.
 */
const PUSH_LOCK_KEY = 7_245_002;

/** The pusher, as authentication found it. */
export interface Pusher extends PushingDevice {
  id: string;
}

export interface PushOutcome {
  /** One result per distinct change id of the batch, in the order the ids first appear. */
  results: ChangeResult[];
  /** How many accepted changes were new (not retries). */
  inserted: number;
}

/**
 * The `device_id` of the changes the server writes itself: merged versions. Device ids
 * are word characters only, so no device has it, and every device pulls these.
 */
export const SERVER_MERGE_ORIGIN = 'server:merge';

interface HeldRecordRow {
  [column: string]: unknown;
  data: Observation;
}

/** One distinct change id of a batch: its first index and record, or a conflict between its copies. */
interface Distinct {
  index: number;
  change: SyncChange;
  conflict: boolean;
}

/**
 * The batch's change ids, each once. A change id names one change of one record, so a
 * batch that sends one id with two different records has no honest reading: both are
 * refused (`change_id_conflict`) rather than one silently dropped. The same change
 * twice (the same record, byte for byte) counts once.
 */
function distinctChanges(changes: readonly SyncChange[]): Distinct[] {
  const byId = new Map<string, Distinct & { text: string }>();
  changes.forEach((change, index) => {
    const text = canonicalJson(change.record);
    const first = byId.get(change.changeId);
    if (first === undefined) byId.set(change.changeId, { index, change, conflict: false, text });
    else if (first.text !== text) first.conflict = true;
  });
  return [...byId.values()];
}

function labelOf(index: number, change: SyncChange): string {
  return `changes.${index} (change ${change.changeId}, record ${change.record.id})`;
}

/**
 * Append changes to the feed as `deviceId`'s, in the order given; a change id the feed
 * already holds is left as it is. Returns the feed row of each change appended.
 */
async function appendToFeed(tx: Queryable, deviceId: string, changes: readonly SyncChange[]): Promise<{ change_id: string; record_id: string; seq_text: string }[]> {
  if (changes.length === 0) return [];
  return tx.query<{ change_id: string; record_id: string; seq_text: string }>(
    `INSERT INTO changes (change_id, record_id, office, device_id, hlc, data)
     SELECT change_id, record_id, office, $6, hlc, data::json
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
          WITH ORDINALITY AS input (change_id, record_id, office, hlc, data, ord)
     ORDER BY ord
     ON CONFLICT (change_id) DO NOTHING
     RETURNING change_id::text AS change_id, record_id, seq::text AS seq_text`,
    [
      changes.map((c) => c.changeId),
      changes.map((c) => c.record.id),
      changes.map((c) => c.record.office),
      changes.map((c) => c.record.hlc),
      changes.map((c) => JSON.stringify(c.record)),
      deviceId,
    ],
  );
}

function conflictCount(rows: readonly RevisionToStore[]): number {
  return rows.filter((row) => row.revision.action === 'conflict').length;
}

/** The JSON size of a change's revisions, as the bound MAX_REVISIONS_BYTES counts it. */
function revisionsBytes(change: SyncChange): number {
  return change.revisions === undefined ? 0 : new TextEncoder().encode(JSON.stringify(change.revisions)).length;
}

/**
 * Store the records the accepted changes merged to, and add to the feed, as a change of
 * the server's own, each merge that holds more than the pusher sent (another device's
 * concurrent edit of other fields): the pusher is never sent its own changes, and would
 * otherwise not learn the merge until someone edited the record again. A record whose
 * merge met a conflict (`conflicted`) gets such a row too, even when the pusher's
 * version won whole: the conflict revisions go with it, so that every device, the
 * pusher included, pulls them (the pusher may have edited on since, and would then not
 * meet the conflict itself). Returns the feed row of each merge, by record id.
 */
async function storeMerged(
  tx: Queryable,
  held: ReadonlyMap<string, Observation>,
  merged: ReadonlyMap<string, Observation>,
  accepted: readonly SyncChange[],
  conflicted: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const pushedMerged = new Map<string, Observation>();
  for (const { record } of accepted) {
    const before = pushedMerged.get(record.id);
    pushedMerged.set(record.id, before === undefined ? record : mergeRecords(before, record));
  }
  const changed: Observation[] = [];
  const merges: Observation[] = [];
  for (const [id, record] of merged) {
    const before = held.get(id);
    if (before === undefined || !sameRecord(record, before)) changed.push(record);
    const pushed = pushedMerged.get(id);
    if (pushed !== undefined && (!sameRecord(record, pushed) || conflicted.has(id))) merges.push(record);
  }
  if (changed.length > 0) {
    await tx.query(
      `INSERT INTO records (id, office, hlc, data, updated_at)
       SELECT id, office, hlc, data::json, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS input (id, office, hlc, data)
       ON CONFLICT (id) DO UPDATE
         SET office = excluded.office, hlc = excluded.hlc, data = excluded.data, updated_at = excluded.updated_at`,
      [changed.map((r) => r.id), changed.map((r) => r.office), changed.map((r) => r.hlc), changed.map((r) => JSON.stringify(r))],
    );
  }
  const rows = await appendToFeed(tx, SERVER_MERGE_ORIGIN, merges.map((record) => ({ changeId: randomUUID(), record })));
  return new Map(rows.map((row) => [row.record_id, row.seq_text]));
}

/**
 * Judge and store a batch in one transaction, change by change. Each distinct change
 * id gets a result:
 * - `change_id_conflict` when the batch sends it with two different records, or the
 *   server holds it for another record;
 * - `accepted` without a second look when the server already holds it for the same
 *   record (a retry after a lost answer: nothing is written twice; the device may
 *   have merged a pull into the record since, so its text may differ, but the change
 *   itself was judged and stored when it first came);
 * - otherwise the verdict of `judgeChange` (push-authorisation.ts) against the record
 *   as held, with the batch's earlier accepted changes of it folded in, in order.
 * Accepted changes join the feed and their records become the merge; refused ones
 * write nothing but an audit row (who, which change and record, why: not the record).
 */
export async function pushChanges(db: Db, pusher: Pusher, changes: readonly SyncChange[], nowMs: number): Promise<PushOutcome> {
  const batch = distinctChanges(changes);
  if (batch.length === 0) return { results: [], inserted: 0 };
  const actor = `device:${pusher.id}` as const;

  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK_KEY]);
    const known = await tx.query<{ change_id: string; record_id: string; seq_text: string; device_id: string }>(
      'SELECT change_id::text AS change_id, record_id, seq::text AS seq_text, device_id FROM changes WHERE change_id = ANY($1::uuid[])',
      [batch.map((d) => d.change.changeId)],
    );
    const heldFor = new Map(known.map((r) => [r.change_id, r.record_id]));
    // Only this device's own changes take revisions on a retry: a change id is no secret
    // (every puller receives it), so another device's id must not carry revisions onto
    // a feed row it did not write.
    const ownSeq = new Map(known.filter((r) => r.device_id === pusher.id).map((r) => [r.change_id, r.seq_text]));
    const user: User = { name: pusher.userName, role: pusher.role, office: pusher.office };
    /**
     * The revisions of a change the server keeps, named by the token's user: a conflict
     * the device met, or an answer to one, only from a user who may edit the record.
     */
    const keptRevisions = (change: SyncChange, record: Observation): Revision[] => {
      const editor = mayResolveConflict(user, record);
      return (change.revisions ?? []).flatMap((r) => ((r.action === 'conflict' || r.action === 'resolve') && !editor ? [] : (fromPushed(r, record.id, pusher.userName) ?? [])));
    };
    // Revisions to store with each change's feed row: the pushed ones (named by the
    // token's user) and the conflicts the merge meets (see merge-conflicts.ts).
    const revisionsOf = new Map<string, { revisions: Revision[]; office: string; deviceId: string }>();
    const rows = await tx.query<HeldRecordRow>('SELECT data FROM records WHERE id = ANY($1::text[])', [[...new Set(batch.map((d) => d.change.record.id))]]);
    const held = new Map(rows.map((row) => [row.data.id, row.data]));
    const merged = new Map<string, Observation>();
    // Which device each new record was recorded on is the server's to say (record-devices.ts).
    const bindings = await bindingsOf(
      tx,
      batch.filter((d) => !held.has(d.change.record.id)).map((d) => d.change.record.device),
    );
    const toBind: string[] = [];
    const moved: { localId: string; from: string }[] = [];

    const results: ChangeResult[] = [];
    const fresh: SyncChange[] = [];
    const retried: { seq: string; office: string; revisions: Revision[] }[] = [];
    const conflictsMet: { revision: Revision; office: string }[] = [];
    const refusals: { changeId: string; recordId: string; code: string }[] = [];
    let retries = 0;
    for (const { index, change, conflict } of batch) {
      const { changeId, record } = change;
      const label = labelOf(index, change);
      const heldRecordId = heldFor.get(changeId);
      let result: ChangeResult;
      if (conflict) {
        result = { changeId, outcome: 'refused', code: 'change_id_conflict', message: `${label}: the batch sends this change id with two different records; a change id names one change of one record` };
      } else if (heldRecordId !== undefined && heldRecordId !== record.id) {
        result = { changeId, outcome: 'refused', code: 'change_id_conflict', message: `${label}: the server already holds this change id for another record; a change id names one change of one record` };
      } else if (revisionsBytes(change) > MAX_REVISIONS_BYTES) {
        result = { changeId, outcome: 'refused', code: 'record_too_large', message: `${label}: its revisions are ${revisionsBytes(change)} bytes of JSON, more than the ${MAX_REVISIONS_BYTES} one change may carry` };
      } else if (heldRecordId !== undefined) {
        // A retry: its revisions are stored with the row the change got the first time;
        // those that already arrived add nothing. The record is the one the server holds
        // (the retried text may have moved on, and names no office the server believes).
        retries += 1;
        result = { changeId, outcome: 'accepted' };
        const heldRecord = held.get(record.id);
        const seq = ownSeq.get(changeId);
        if (heldRecord !== undefined && seq !== undefined) {
          const pushed = keptRevisions(change, heldRecord);
          if (pushed.length > 0) retried.push({ seq, office: heldRecord.office, revisions: pushed });
        }
      } else {
        const before = merged.get(record.id) ?? held.get(record.id);
        const resolving = (change.revisions ?? []).some((r) => r.action === 'resolve');
        const judged = judgeChange(pusher, before, record, nowMs, label);
        const binding = judged.outcome === 'accepted' && before === undefined ? judgeBinding(pusher, record.device, bindings.get(record.device)) : undefined;
        const verdict = binding?.outcome === 'refused' ? ({ outcome: 'refused', code: 'identity_mismatch', message: `${label}: ${binding.message}` } as const) : judged;
        if (verdict.outcome === 'accepted' && resolving && !mayResolveConflict(user, before ?? record)) {
          result = { changeId, outcome: 'refused', code: 'forbidden', message: `${label}: answering a record's conflict picks a value, an edit this device's user may not make to this record` };
        } else if (verdict.outcome === 'accepted') {
          merged.set(record.id, verdict.merged);
          fresh.push(change);
          if (binding?.outcome === 'bind') {
            bindings.set(record.device, { deviceId: pusher.id, revoked: false, office: pusher.office });
            toBind.push(record.device);
            if (binding.moved !== null) moved.push({ localId: record.device, from: binding.moved });
          }
          result = { changeId, outcome: 'accepted' };
          const conflicts = before === undefined ? [] : conflictsOf(before, record).map(conflictRevision);
          if (conflicts.length > 0) conflictsMet.push(...conflicts.map((revision) => ({ revision, office: record.office })));
          revisionsOf.set(changeId, { revisions: keptRevisions(change, before ?? record), office: record.office, deviceId: pusher.id });
        } else {
          result = { changeId, outcome: 'refused', code: verdict.code, message: verdict.message };
        }
      }
      if (result.outcome === 'refused') refusals.push({ changeId, recordId: record.id, code: result.code });
      results.push(result);
    }

    const inserted = new Map((await appendToFeed(tx, pusher.id, fresh)).map((row) => [row.change_id, row.seq_text]));
    const mergeRows = await storeMerged(tx, held, merged, fresh, new Set(conflictsMet.map((c) => c.revision.recordId)));
    const merges = mergeRows.size;
    const toStore: RevisionToStore[] = [];
    for (const [changeId, { revisions, office, deviceId }] of revisionsOf) {
      const changeSeq = inserted.get(changeId);
      if (changeSeq === undefined) continue;
      for (const revision of revisions) toStore.push({ revision, office, deviceId, changeSeq });
    }
    // A conflict is nobody's: it goes with the server's merge row, which every device pulls.
    for (const { revision, office } of conflictsMet) {
      const changeSeq = mergeRows.get(revision.recordId);
      if (changeSeq !== undefined) toStore.push({ revision, office, deviceId: SERVER_MERGE_ORIGIN, changeSeq });
    }
    for (const { seq, office, revisions } of retried) {
      for (const revision of revisions) toStore.push({ revision, office, deviceId: pusher.id, changeSeq: seq });
    }
    await insertRevisions(tx, toStore);
    await bindLocalIds(tx, pusher.id, toBind);
    await writeAuditRows(tx, actor, 'device.local_id_moved', moved);
    await writeAuditRows(tx, actor, 'sync.change_refused', refusals);
    await writeAudit(tx, actor, 'sync.push', {
      received: batch.length,
      accepted: fresh.length + retries,
      inserted: inserted.size,
      ...(conflictCount(toStore) > 0 ? { conflicts: conflictCount(toStore) } : {}),
      refused: refusals.length,
      ...(merges > 0 ? { merged: merges } : {}),
    });
    return { results, inserted: inserted.size };
  });
}
