import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import type { SyncChange } from '../../shared/sync/protocol';
import type { Observation } from '../../shared/observations/observation-schema';
import { mergeRecords, sameRecord } from '../../shared/sync/merge-record';
import { ApiError } from '../http/api-error';
import { writeAudit } from './audit';
import { isHqOffice } from './offices';

/**
 * Arbitrary constant shared by every server instance: the key of the push lock.
 * Pushes take it in turn, so that `changes.seq` values commit in increasing order.
 * Without it, a push holding seq 7 could commit after one holding seq 8, and a device
 * that pulled 8 in between would move its cursor past 7 and never see it.
 */
const PUSH_LOCK_KEY = 7_245_002;

/** The pusher, as authentication found it. */
export interface Pusher {
  id: string;
  office: string;
}

export interface PushOutcome {
  /** Every change id of the batch: new ones and those held before. */
  accepted: string[];
  /** How many of them were new. */
  inserted: number;
}

/** Keep the first change of each id: a batch may repeat one, and a retry must not count twice. */
function distinctChanges(changes: readonly SyncChange[]): SyncChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => (seen.has(c.changeId) ? false : (seen.add(c.changeId), true)));
}

/**
 * The `device_id` of the changes the server writes itself: merged versions. Device ids
 * are word characters only, so no device has it, and every device pulls these.
 */
export const SERVER_MERGE_ORIGIN = 'server:merge';

/** Per record, the merge of the versions a batch carries (shared/sync/merge-record.ts). */
function mergedPerRecord(records: readonly Observation[]): Map<string, Observation> {
  const merged = new Map<string, Observation>();
  for (const record of records) {
    const held = merged.get(record.id);
    merged.set(record.id, held === undefined ? record : mergeRecords(held, record));
  }
  return merged;
}

interface HeldRecordRow {
  [column: string]: unknown;
  data: Observation;
}

/**
 * Merge the fresh versions of a batch into the records held, field by field, and store
 * each record that changed. Where the merge holds more than the pusher sent (another
 * device's concurrent edit of other fields), the merged version joins the feed as a
 * change of the server's own, so that every device pulls it, the pusher included:
 * the pusher is never sent its own changes, and would otherwise not learn the merge
 * until someone edited the record again. Returns how many such merges there were.
 * Runs under the push lock: nothing else writes records meanwhile.
 */
async function mergeIntoRecords(tx: Queryable, pushed: readonly Observation[]): Promise<number> {
  const incoming = mergedPerRecord(pushed);
  if (incoming.size === 0) return 0;
  const rows = await tx.query<HeldRecordRow>('SELECT data FROM records WHERE id = ANY($1::text[])', [[...incoming.keys()]]);
  const held = new Map(rows.map((row) => [row.data.id, row.data]));
  const changed: Observation[] = [];
  const merges: Observation[] = [];
  for (const [id, version] of incoming) {
    const before = held.get(id);
    const merged = before === undefined ? version : mergeRecords(before, version);
    if (before === undefined || !sameRecord(merged, before)) changed.push(merged);
    if (!sameRecord(merged, version)) merges.push(merged);
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
  if (merges.length > 0) {
    await tx.query(
      `INSERT INTO changes (change_id, record_id, office, device_id, hlc, data)
       SELECT change_id, record_id, office, $6, hlc, data::json
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
            WITH ORDINALITY AS input (change_id, record_id, office, hlc, data, ord)
       ORDER BY ord`,
      [
        merges.map(() => randomUUID()),
        merges.map((r) => r.id),
        merges.map((r) => r.office),
        merges.map((r) => r.hlc),
        merges.map((r) => JSON.stringify(r)),
        SERVER_MERGE_ORIGIN,
      ],
    );
  }
  return merges.length;
}

/**
 * Store a validated batch in one transaction: new changes join the feed, known change
 * ids are skipped (a retried batch changes nothing), and each record becomes the merge
 * of the version held and the versions pushed. A non-HQ device may not write over a
 * record of another office: the whole batch is refused with 403.
 */
export async function pushChanges(db: Db, pusher: Pusher, changes: readonly SyncChange[]): Promise<PushOutcome> {
  const batch = distinctChanges(changes);
  const accepted = batch.map((c) => c.changeId);
  if (batch.length === 0) return { accepted, inserted: 0 };

  const inserted = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK_KEY]);

    if (!isHqOffice(pusher.office)) {
      const foreign = await tx.query<{ id: string; office: string }>(
        'SELECT id, office FROM records WHERE id = ANY($1::text[]) AND office <> $2 LIMIT 1',
        [[...new Set(batch.map((c) => c.record.id))], pusher.office],
      );
      const first = foreign[0];
      if (first) {
        throw new ApiError(
          403,
          'invalid_request',
          `record ${first.id} belongs to office ${first.office}; this device may only write records of ${pusher.office}`,
        );
      }
    }

    const newRows = await tx.query<{ change_id: string }>(
      `INSERT INTO changes (change_id, record_id, office, device_id, hlc, data)
       SELECT change_id, record_id, office, $6, hlc, data::json
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
            WITH ORDINALITY AS input (change_id, record_id, office, hlc, data, ord)
       ORDER BY ord
       ON CONFLICT (change_id) DO NOTHING
       RETURNING change_id::text AS change_id`,
      [
        batch.map((c) => c.changeId),
        batch.map((c) => c.record.id),
        batch.map((c) => c.record.office),
        batch.map((c) => c.record.hlc),
        batch.map((c) => JSON.stringify(c.record)),
        pusher.id,
      ],
    );
    const fresh = new Set(newRows.map((r) => r.change_id));
    const merged = await mergeIntoRecords(tx, batch.filter((c) => fresh.has(c.changeId)).map((c) => c.record));
    await writeAudit(tx, `device:${pusher.id}`, 'sync.push', { received: batch.length, inserted: fresh.size, ...(merged > 0 ? { merged } : {}) });
    return fresh.size;
  });
  return { accepted, inserted };
}

export interface PullPage {
  changes: SyncChange[];
  cursor: string | null;
  hasMore: boolean;
}

interface ChangeRow {
  [column: string]: unknown;
  seq_text: string;
  change_id: string;
  data: Observation;
}

/**
 * One page of the feed after `after`: the changes of the puller's office (every office
 * for HQ), except those the puller pushed itself, in commit order.
 */
export async function pullChanges(
  db: Db,
  puller: Pusher,
  after: string | null,
  limit: number,
): Promise<PullPage> {
  const hq = isHqOffice(puller.office);
  // One more row than asked tells whether another page follows. The text form of seq
  // gets its own name: ORDER BY seq would otherwise sort by the text, "10" before "9".
  const rows = await db.query<ChangeRow>(
    hq
      ? `SELECT seq::text AS seq_text, change_id::text AS change_id, data FROM changes
         WHERE seq > $1::bigint AND device_id <> $2
         ORDER BY changes.seq LIMIT $3`
      : `SELECT seq::text AS seq_text, change_id::text AS change_id, data FROM changes
         WHERE office = $4 AND seq > $1::bigint AND device_id <> $2
         ORDER BY changes.seq LIMIT $3`,
    hq ? [after ?? '0', puller.id, limit + 1] : [after ?? '0', puller.id, limit + 1, puller.office],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    changes: page.map((r) => ({ changeId: r.change_id, record: r.data })),
    cursor: last ? last.seq_text : after,
    hasMore: rows.length > limit,
  };
}
