/**
 * Revision history as it syncs: who changed which fields of a record, when, from what
 * to what; and the conflicts a merge met (merge-conflicts.ts), kept as revisions so
 * that a dropped value is never lost and every replica can show it.
 *
 * - A device makes a revision with every edit (`edit`, `delete`, `review`) and every
 *   answer to a conflict (`resolve`), with a random UUID (v7), and pushes it with the
 *   record's next change. The server names who made it (`by`) from the token, never
 *   from the body, and hands it to pullers with the feed row it arrived with.
 * - A `conflict` revision is made by whichever replica sees the two versions meet, the
 *   server and each device alike. Its id is derived from what the conflict is (record,
 *   fields, dropped and kept clocks), so every replica's copy of one conflict is one row
 *   everywhere; its `at` and `hlc` come from the clocks too. A device pushes those it met
 *   itself (a pulled version beating an edit of its own not yet sent is met there only);
 *   the server keeps one only with the id its content gives, so no device can take the
 *   id of another conflict, and any other pushed revision's id may not be a version 8.
 * - A record is "edited in two places" while it has a `conflict` revision that no
 *   `resolve` revision names (`openConflicts`): derived from history on every replica,
 *   never a field of the record.
 *
 * Pure: no DOM, no Node.
 */
import { z } from '../schema/zod';
import { checkAuthority } from '../access/roles';
import type { AuthoritySubject, User } from '../access/roles';
import type { FieldChange } from './changed-fields';
import { compareHlc, parseHlc } from './hlc';
import type { MergeConflict } from './merge-conflicts';

export const REVISION_ACTIONS = ['edit', 'delete', 'review', 'conflict', 'resolve'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/** Actions a device may push (a `conflict` only as `conflictRevision` makes it: its id is its content's). */
export const PUSHED_REVISION_ACTIONS = ['edit', 'delete', 'review', 'resolve', 'conflict'] as const;

/** Most revisions one pushed change may carry (the rest wait for the record's next change). */
export const MAX_REVISIONS_PER_CHANGE = 20;
/** Most bytes of JSON the revisions of one change may take, as MAX_RECORD_BYTES for its record. */
export const MAX_REVISIONS_BYTES = 64 * 1024;
/** Most field changes one revision may list (more than the record has fields is not a revision). */
export const MAX_FIELD_CHANGES = 80;
/** Most conflicts one `resolve` revision may answer. */
export const MAX_RESOLVED = 50;

const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** A device-made revision id: a UUID of any version but 8, the version of conflict ids. */
const deviceRevisionIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-79a-f][0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a revision id made on a device is a UUID of any version but 8 (conflict ids)');
const stampSchema = z.string().regex(/^\d{15}-\d{6}-[A-Za-z0-9_]{1,40}$/);

const fieldChangeSchema = z.object({
  field: z.string().min(1).max(40),
  before: z.unknown(),
  after: z.unknown(),
});

/** What a conflict revision says beyond its changes: which kind, and the two clocks that met. */
export const conflictInfoSchema = z.object({
  kind: z.enum(['edit', 'delete']),
  droppedClock: z.string().max(80),
  keptClock: z.string().max(80),
});
export type ConflictInfo = z.infer<typeof conflictInfoSchema>;

/**
 * A revision as a device pushes it, beside its record's change. No `by`: the server names
 * the user. A device pushes the conflicts it met itself (a pulled version that beat an
 * edit of its own not yet sent: no other replica meets those two versions); such a
 * revision's id must be the one its content gives (`conflictId`), so that no device can
 * take the id of another conflict. Any other revision's id is a UUID of any version but 8.
 */
export const pushedRevisionSchema = z
  .object({
    id: uuidSchema,
    at: z.iso.datetime({ offset: true }),
    hlc: z.string().max(80),
    action: z.enum(PUSHED_REVISION_ACTIONS),
    changes: z.array(fieldChangeSchema).max(MAX_FIELD_CHANGES),
    /** For `conflict`: its kind and the two clocks that met. */
    conflict: conflictInfoSchema.optional(),
    /** For `resolve`: the conflict revisions this answers. */
    resolves: z.array(uuidSchema).min(1).max(MAX_RESOLVED).optional(),
  })
  .refine((r) => (r.action === 'conflict' ? r.conflict !== undefined : deviceRevisionIdSchema.safeParse(r.id).success && stampSchema.safeParse(r.hlc).success && r.conflict === undefined), {
    error: 'a revision made on a device has a UUID of any version but 8 and an HLC stamp; a conflict carries its clocks',
  });
export type PushedRevision = z.infer<typeof pushedRevisionSchema>;

/** A revision as a pull delivers it: any action, with the user who made it ('' for a conflict). */
export const pulledRevisionSchema = z.object({
  id: uuidSchema,
  recordId: z.string().min(1).max(64),
  by: z.string().max(120),
  at: z.iso.datetime({ offset: true }),
  hlc: z.string().max(80),
  action: z.enum(REVISION_ACTIONS),
  changes: z.array(fieldChangeSchema).max(MAX_FIELD_CHANGES),
  conflict: conflictInfoSchema.optional(),
  resolves: z.array(uuidSchema).max(MAX_RESOLVED).optional(),
});
export type PulledRevision = z.infer<typeof pulledRevisionSchema>;

/** A revision as every replica keeps it. */
export interface Revision {
  id: string;
  recordId: string;
  /** The user who made it; '' for a conflict (two people did, see the revisions at its clocks). */
  by: string;
  at: string;
  hlc: string;
  action: RevisionAction;
  changes: FieldChange[];
  conflict?: ConflictInfo;
  resolves?: string[];
}

/** 64-bit FNV-1a over UTF-16 code units, from a given offset: enough to tell conflicts apart, and the same everywhere. */
function fnv64(text: string, offset: bigint): bigint {
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  let hash = offset;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash;
}

/**
 * The id of a conflict: a UUID (version 8, "made by the application") derived from the
 * record, the fields and the two clocks, so the server and every device name it alike.
 */
export function conflictId(conflict: Pick<MergeConflict, 'recordId' | 'fields' | 'droppedClock' | 'keptClock'>): string {
  const text = [conflict.recordId, [...conflict.fields].sort().join(','), conflict.droppedClock, conflict.keptClock].join('\n');
  const hex = (fnv64(text, 0xcbf29ce484222325n).toString(16).padStart(16, '0') + fnv64(text, 0x84222325cbf29ce4n).toString(16).padStart(16, '0')).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function wallIso(stamp: string): string {
  try {
    return new Date(parseHlc(stamp).wallMs).toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}

/** A conflict's `at` and `hlc`: the later of its two clocks, so that every replica's copy is the same row. */
export function conflictStamps(info: Pick<ConflictInfo, 'droppedClock' | 'keptClock'>): { at: string; hlc: string } {
  const later = compareHlc(info.droppedClock, info.keptClock) >= 0 ? info.droppedClock : info.keptClock;
  return { at: wallIso(later), hlc: later };
}

/**
 * A conflict as the revision every replica keeps of it. `changes`: per field, `before`
 * the value dropped (for `delete`: the unseen edit's, which the tombstone keeps) and
 * `after` the value kept. `at` and `hlc` come from the clocks (conflictStamps).
 */
export function conflictRevision(conflict: MergeConflict): Revision {
  const fields = [...conflict.fields].sort();
  return {
    id: conflictId(conflict),
    recordId: conflict.recordId,
    by: '',
    ...conflictStamps(conflict),
    action: 'conflict',
    changes: fields.map((field) => ({
      field,
      before: conflict.dropped[field] ?? null,
      after: conflict.kind === 'delete' ? (conflict.dropped[field] ?? null) : (conflict.kept[field] ?? null),
    })),
    conflict: { kind: conflict.kind, droppedClock: conflict.droppedClock, keptClock: conflict.keptClock },
  };
}

/** The conflict revisions of a record's history that no `resolve` revision answers, oldest first. */
export function openConflicts<R extends { id?: string | undefined; action: RevisionAction; hlc: string; resolves?: string[] | undefined }>(history: readonly R[]): R[] {
  const answered = new Set(history.flatMap((revision) => (revision.action === 'resolve' ? (revision.resolves ?? []) : [])));
  return history.filter((revision) => revision.action === 'conflict' && revision.id !== undefined && !answered.has(revision.id)).sort((a, b) => compareHlc(a.hlc, b.hlc));
}

/**
 * Who may answer a record's conflict: answering picks a value, which is an edit, so whoever
 * the rule book lets edit the record (shared/access/roles.ts), by authority: as the
 * server judges a change that arrives late, whatever state the record has reached. A
 * tombstone's conflicts are answered the same way (the answer changes no value: the
 * delete stands, and the edit stays in its history).
 */
export function mayResolveConflict(user: User, record: AuthoritySubject): boolean {
  return checkAuthority(user, 'record.edit', record).allowed;
}
