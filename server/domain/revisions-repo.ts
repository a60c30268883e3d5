/**
 * Revisions on the server (migration 005): the history devices push with their changes,
 * named by the token's user, and the conflicts the server's own merges meet. Written in
 * the push's transaction; read by the pull with the feed rows they arrived with.
 */
import type { Queryable } from '../db/db';
import type { AuthoritySubject, User } from '../../shared/access/roles';
import { checkAuthority } from '../../shared/access/roles';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import { conflictId, conflictStamps } from '../../shared/sync/revisions';
import type { PulledRevision, PushedRevision, Revision } from '../../shared/sync/revisions';

/** One revision to store, with the feed row it arrived with and who sent it. */
export interface RevisionToStore {
  revision: Revision;
  office: string;
  deviceId: string;
  changeSeq: string;
}

/**
 * A pushed revision as the server keeps it: on the change's record, by the token's user
 * (a conflict by nobody). A conflict is kept only with the id its content gives, so no
 * device takes another conflict's id; otherwise it is left out (undefined). Its `at`
 * and `hlc` are worked out from its clocks, as every replica does, not taken from the body.
 */
export function fromPushed(pushed: PushedRevision, recordId: string, by: string): Revision | undefined {
  if (pushed.action === 'conflict') {
    const info = pushed.conflict;
    if (info === undefined) return undefined;
    const fields = pushed.changes.map((change) => change.field);
    if (conflictId({ recordId, fields, droppedClock: info.droppedClock, keptClock: info.keptClock }) !== pushed.id) return undefined;
    return { id: pushed.id, recordId, by: '', ...conflictStamps(info), action: 'conflict', changes: pushed.changes, conflict: info };
  }
  const revision: Revision = { id: pushed.id, recordId, by, at: pushed.at, hlc: pushed.hlc, action: pushed.action, changes: pushed.changes };
  if (pushed.resolves !== undefined) revision.resolves = pushed.resolves;
  return revision;
}

/** Store revisions; one already held (a retry, or a conflict another replica met first) adds nothing. */
export async function insertRevisions(tx: Queryable, rows: readonly RevisionToStore[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO revisions (id, record_id, office, by_name, device_id, at, hlc, action, changes, conflict, resolves, change_seq)
     SELECT id, record_id, office, by_name, device_id, at::timestamptz, hlc, action, changes::json, conflict::json,
            CASE WHEN resolves IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text(resolves::json))::uuid[] END,
            change_seq
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[])
          AS input (id, record_id, office, by_name, device_id, at, hlc, action, changes, conflict, resolves, change_seq)
     ON CONFLICT (id) DO NOTHING`,
    [
      rows.map((r) => r.revision.id),
      rows.map((r) => r.revision.recordId),
      rows.map((r) => r.office),
      rows.map((r) => r.revision.by),
      rows.map((r) => r.deviceId),
      rows.map((r) => r.revision.at),
      rows.map((r) => r.revision.hlc),
      rows.map((r) => r.revision.action),
      rows.map((r) => JSON.stringify(r.revision.changes)),
      rows.map((r) => (r.revision.conflict === undefined ? null : JSON.stringify(r.revision.conflict))),
      rows.map((r) => (r.revision.resolves === undefined ? null : JSON.stringify(r.revision.resolves))),
      rows.map((r) => r.changeSeq),
    ],
  );
}

interface RevisionRowDb {
  [column: string]: unknown;
  id: string;
  record_id: string;
  by_name: string;
  at_text: string;
  hlc: string;
  action: Revision['action'];
  changes: Revision['changes'];
  conflict: Revision['conflict'] | null;
  resolves: unknown;
  change_seq_text: string;
}

/** The top-level fields holding sensitive values (`source.name` lives in `source`). */
const SENSITIVE_TOP_FIELDS = new Set(SENSITIVE_FIELD_PATHS.map((path) => path.split('.')[0] ?? path));
const SENSITIVE_NESTED = SENSITIVE_FIELD_PATHS.filter((path) => path.includes('.')).map((path) => path.split('.'));

/**
 * A value of a field as a viewer without `record.view_sensitive` may see it: absent
 * (null) for a sensitive top-level field, and with the sensitive keys set to null for a
 * group holding one (`source.name`), as withhold-sensitive.ts does to the record.
 */
function withheldValue(field: string, value: unknown): unknown {
  const nested = SENSITIVE_NESTED.filter((path) => path[0] === field);
  if (nested.length === 0) return SENSITIVE_TOP_FIELDS.has(field) ? null : value;
  if (value === null || typeof value !== 'object') return value;
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of nested) {
    let parent: unknown = copy;
    for (const key of path.slice(1, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
    const key = path[path.length - 1];
    if (parent !== null && typeof parent === 'object' && key !== undefined && key in parent) (parent as Record<string, unknown>)[key] = null;
  }
  return copy;
}

/**
 * A revision as this viewer may see it: sensitive values withheld exactly as from the
 * record (withhold-sensitive.ts), judged on the record as the feed row holds it.
 */
export function revisionForViewer(viewer: User, record: AuthoritySubject, revision: PulledRevision): PulledRevision {
  if (checkAuthority(viewer, 'record.view_sensitive', record).allowed) return revision;
  const withheld = (value: unknown, field: string): unknown => withheldValue(field, value);
  return {
    ...revision,
    changes: revision.changes.map((change) => ({ field: change.field, before: withheld(change.before, change.field), after: withheld(change.after, change.field) })),
  };
}

/** The revisions that arrived with the feed rows in (from, to], by feed row. */
export async function revisionsOfRows(q: Queryable, seqs: readonly string[]): Promise<Map<string, PulledRevision[]>> {
  const bySeq = new Map<string, PulledRevision[]>();
  if (seqs.length === 0) return bySeq;
  const rows = await q.query<RevisionRowDb>(
    `SELECT id::text AS id, record_id, by_name, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at_text, hlc, action,
            changes, conflict, resolves::text[] AS resolves, change_seq::text AS change_seq_text
     FROM revisions WHERE change_seq = ANY($1::bigint[]) ORDER BY change_seq, hlc, id`,
    [seqs],
  );
  for (const row of rows) {
    const revision: PulledRevision = { id: row.id, recordId: row.record_id, by: row.by_name, at: row.at_text, hlc: row.hlc, action: row.action, changes: row.changes };
    if (row.conflict !== null) revision.conflict = row.conflict;
    const resolves = parseUuidArray(row.resolves);
    if (resolves !== undefined) revision.resolves = resolves;
    const list = bySeq.get(row.change_seq_text) ?? [];
    list.push(revision);
    bySeq.set(row.change_seq_text, list);
  }
  return bySeq;
}

/** PGlite and node-postgres both give text[] as an array; tolerate the '{a,b}' text form too. */
function parseUuidArray(value: unknown): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter((v) => v.length > 0);
  return undefined;
}

/** A record's whole history on the server, oldest first (tests and the admin's eyes). */
export async function revisionsOfRecord(q: Queryable, recordId: string): Promise<(PulledRevision & { deviceId: string; changeSeq: string })[]> {
  const rows = await q.query<RevisionRowDb & { device_id: string }>(
    `SELECT id::text AS id, record_id, by_name, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at_text, hlc, action,
            changes, conflict, resolves::text[] AS resolves, change_seq::text AS change_seq_text, device_id
     FROM revisions WHERE record_id = $1 ORDER BY hlc, id`,
    [recordId],
  );
  return rows.map((row) => {
    const revision: PulledRevision & { deviceId: string; changeSeq: string } = {
      id: row.id,
      recordId: row.record_id,
      by: row.by_name,
      at: row.at_text,
      hlc: row.hlc,
      action: row.action,
      changes: row.changes,
      deviceId: row.device_id,
      changeSeq: row.change_seq_text,
    };
    if (row.conflict !== null) revision.conflict = row.conflict;
    const resolves = parseUuidArray(row.resolves);
    if (resolves !== undefined) revision.resolves = resolves;
    return revision;
  });
}
