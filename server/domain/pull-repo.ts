import type { Queryable } from '../db/db';
import type { AuthoritySubject, User } from '../../shared/access/roles';
import { grantFor } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import type { DeviceName, PulledChange } from '../../shared/sync/protocol';
import { deviceNamesOf } from './record-devices';
import { recordForViewer } from './withhold-sensitive';
import { revisionForViewer, revisionsOfRows } from './revisions-repo';
import { rowsWithinBytes } from './page-by-bytes';

/** The puller, as authentication found it. */
export interface Puller extends User {
  id: string;
}

export interface PullPage {
  changes: PulledChange[];
  cursor: string | null;
  hasMore: boolean;
  /** Changes in scope after this page, when counted (`count`). */
  remaining?: number;
  /** The devices the page's records were recorded on (record-devices.ts). */
  devices?: DeviceName[];
}

interface SizeRow {
  [column: string]: unknown;
  seq_text: string;
  bytes: unknown;
}

interface ChangeRow {
  [column: string]: unknown;
  seq_text: string;
  change_id: string;
  data: Observation;
}

/**
 * Which changes a puller sees: every office's when the rule book lets its role see
 * every office's records (`record.view` with offices `all`), else its own office's;
 * never its own changes (the server's merges are nobody's, so everyone gets them).
 * Returns the SQL condition and its parameters after `$1` (the cursor).
 */
function scopeOf(puller: Puller): { where: string; params: unknown[] } {
  const grant = grantFor(puller.role, 'record.view');
  const everyOffice = grant.kind === 'record' && grant.offices === 'all';
  return everyOffice
    ? { where: 'seq > $1::bigint AND device_id <> $2', params: [puller.id] }
    : { where: 'seq > $1::bigint AND device_id <> $2 AND office = $3', params: [puller.id, puller.office] };
}

/**
 * One page of the feed after `after`, in commit order: at most `limit` changes, and no
 * more once their records and the revisions that came with them pass `maxBytes` of JSON (at least one change, so that a page
 * always moves the cursor). The sizes are read first and the records after, so that a
 * page of huge records (stored before records were bounded) is never read whole into
 * memory. Sensitive fields the puller may not see are withheld (withhold-sensitive.ts).
 * `count`: also count the changes in scope after the page (a walk of all of them, so a
 * device asks once per pull, not per page). The caller has already refused a puller
 * that may see no records at all.
 */
export async function pullChanges(q: Queryable, puller: Puller, after: string | null, limit: number, maxBytes: number, count = false): Promise<PullPage> {
  const scope = scopeOf(puller);
  const from = after ?? '0';
  // One more row than asked tells whether another page follows. The text form of seq
  // gets its own name: ORDER BY seq would otherwise sort by the text, "10" before "9".
  const sizes = await q.query<SizeRow>(
    `SELECT seq::text AS seq_text,
            octet_length(data::text)
              + coalesce((SELECT sum(octet_length(r.changes::text)) FROM revisions r WHERE r.change_seq = changes.seq), 0) AS bytes
     FROM changes
     WHERE ${scope.where} ORDER BY changes.seq LIMIT $${String(scope.params.length + 2)}`,
    [from, ...scope.params, limit + 1],
  );
  const taken = rowsWithinBytes(sizes, limit, maxBytes);
  const last = sizes[taken - 1]?.seq_text;
  if (last === undefined) return { changes: [], cursor: after, hasMore: false, ...(count ? { remaining: 0 } : {}) };

  const rows = await q.query<ChangeRow>(
    `SELECT seq::text AS seq_text, change_id::text AS change_id, data FROM changes
     WHERE ${scope.where} AND seq <= $${String(scope.params.length + 2)}::bigint ORDER BY changes.seq`,
    [from, ...scope.params, last],
  );
  const hasMore = sizes.length > taken;
  let remaining: number | undefined;
  if (count && !hasMore) remaining = 0;
  if (count && hasMore) {
    const counted = await q.query<{ n: unknown }>(`SELECT count(*)::int AS n FROM changes WHERE ${scope.where}`, [last, ...scope.params]);
    remaining = Number(counted[0]?.n ?? 0);
  }
  // The revisions that arrived with these rows: a device's history of a record fills in
  // as it pulls (its own revisions are on it already).
  const revisions = await revisionsOfRows(
    q,
    rows.map((row) => row.seq_text),
  );
  // Sensitive fields are judged on the record's classification as the server holds it
  // now, not as the feed row (an older version, or a pusher's stale copy) says. Read only
  // for a role whose grant depends on it, and as the whole record: SQL's ->> on json
  // fails on a record holding \u0000, which the server stores as sent.
  const sensitive = grantFor(puller.role, 'record.view_sensitive');
  const byClassification = sensitive.kind === 'record' && (sensitive.exceptClassifications?.length ?? 0) > 0;
  const current = byClassification
    ? await q.query<{ data: Observation }>('SELECT data FROM records WHERE id = ANY($1::text[])', [[...new Set(rows.map((row) => row.data.id))]])
    : [];
  const classificationOf = new Map(current.map((row) => [row.data.id, row.data.classification ?? null]));
  const devices = await deviceNamesOf(
    q,
    rows.map((row) => row.data.device),
  );
  return {
    changes: rows.map((row) => {
      const held = classificationOf.get(row.data.id);
      const classification = held === undefined ? row.data.classification : (held ?? undefined);
      const judgedOn: AuthoritySubject = { office: row.data.office, author: row.data.author, classification };
      const { record, withheld } = recordForViewer(puller, row.data, judgedOn);
      const change: PulledChange = withheld === undefined ? { changeId: row.change_id, record } : { changeId: row.change_id, record, withheld };
      const arrived = revisions.get(row.seq_text);
      if (arrived !== undefined) change.revisions = arrived.map((revision) => revisionForViewer(puller, judgedOn, revision));
      return change;
    }),
    cursor: last,
    hasMore,
    ...(remaining === undefined ? {} : { remaining }),
    ...(devices.length === 0 ? {} : { devices }),
  };
}
