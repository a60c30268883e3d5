/**
 * Who may push what: each pushed change is compared with the version of its record the
 * server holds, named as the actions it takes (create, edit, delete, submit, verify,
 * return, reject), and each action is put to the rule book (shared/access/roles.ts)
 * with the role the device was enrolled with. The routes ask here and decide nothing
 * themselves.
 *
 * What the server can and cannot know:
 * - The role and office are the device's, granted with its enrolment code.
 * - A review names its reviewer (`review.reviewer`), so "not the author" is checked
 *   against the author of the version the server holds (a device cannot slip past it
 *   by rewriting `author` in the same change).
 * - One device may be used by several people of its office, so for the author's own
 *   actions (edit, delete, submit) the server takes the pusher to be the author: it
 *   checks role and office, and the device checks the rest.
 * - Review states and tombstones are not judged here (`checkAuthority`): the device
 *   judged them against the state it held, and concurrent changes are the merge's to
 *   settle. Refusing them would leave a valid change stuck in an outbox.
 * - A field whose pushed stamp (`fieldClocks`) is older than the held one's is a stale
 *   copy the merge sets aside, not something the pusher did: a monitor's edit made
 *   before its device pulled a supervisor's decision carries the old review state, and
 *   is no review decision of the monitor's.
 */
import { checkAuthority, grantFor } from '../../shared/access/roles';
import type { AccessDenial, Action, Role, User } from '../../shared/access/roles';
import type { ReviewStatus } from '../../shared/observations/codelists';
import type { Observation } from '../../shared/observations/observation-schema';
import { compareHlc } from '../../shared/sync/hlc';
import { canonicalJson } from '../../shared/sync/canonical-json';
import type { SyncChange } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';
import { ApiError } from '../http/api-error';

/** The pusher, as authentication found it. */
export interface PushingDevice {
  office: string;
  role: Role;
}

/** Who takes an action: the record's author (edits) or the reviewer the record names (review decisions). */
type Actor = 'author' | 'reviewer';

export interface ChangeAction {
  action: Action;
  actor: Actor;
}

/** The review decision that leads to each state a reviewer decides. */
const REVIEW_DECISIONS: Partial<Record<ReviewStatus, Action>> = {
  verified: 'record.verify',
  returned: 'record.return',
  rejected: 'record.reject',
};

/** Fields whose change is part of a review or deletion, or is bookkeeping: not an edit of the content. */
const NOT_CONTENT = new Set(['reviewStatus', 'review', 'deleted', 'hlc', 'fieldClocks']);

/** Canonical JSON in which an absent value and null read the same. */
function canonical(value: unknown): string {
  return canonicalJson(value ?? null);
}

/** The HLC stamp of a field's last change; a field without one is unchanged since creation, older than any stamp. */
function clockOf(record: Observation, field: string): string {
  return record.fieldClocks?.[field] ?? '';
}

/**
 * Whether the pushed version changes this field of the held one: its value differs and
 * the merge may take it. A value whose stamp is older than the held one's is a stale
 * copy (the device had not yet pulled the newer change) that the merge leaves aside,
 * so it is nobody's action. Equal stamps count as a change: the merge settles those by
 * value, so a writer cannot slip a value past this check by not stamping it.
 */
function changes(before: Observation, after: Observation, field: string): boolean {
  const held = (before as Record<string, unknown>)[field];
  const pushed = (after as Record<string, unknown>)[field];
  return canonical(held) !== canonical(pushed) && compareHlc(clockOf(after, field), clockOf(before, field)) >= 0;
}

function contentChanged(before: Observation, after: Observation): boolean {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].some((field) => !NOT_CONTENT.has(field) && changes(before, after, field));
}

/**
 * The actions a change takes: what it changes in the held version (`before`, undefined
 * for a record new to the server). A review decision is a new `reviewStatus` or `review`
 * in a decided state (another reviewer's new decision in the same state included).
 * Deleting is sticky in the merge, so a tombstone always counts as a deletion.
 */
export function actionsOfChange(before: Observation | undefined, after: Observation): ChangeAction[] {
  const actions: ChangeAction[] = [];
  if (before === undefined) actions.push({ action: 'record.create', actor: 'author' });
  else if (contentChanged(before, after)) actions.push({ action: 'record.edit', actor: 'author' });
  if (after.deleted && before?.deleted !== true) actions.push({ action: 'record.delete', actor: 'author' });
  const statusChanged = before !== undefined && changes(before, after, 'reviewStatus');
  if (statusChanged && after.reviewStatus === 'submitted') actions.push({ action: 'record.submit', actor: 'author' });
  const decision = REVIEW_DECISIONS[after.reviewStatus];
  const newDecision = before === undefined || statusChanged || changes(before, after, 'review');
  if (decision && newDecision) actions.push({ action: decision, actor: 'reviewer' });
  return actions;
}

/** Each role as a sentence names it. */
const A_ROLE: Record<Role, string> = {
  field_monitor: 'a field monitor',
  supervisor: 'a supervisor',
  hq_analyst: 'an HQ analyst',
  administrator: 'an administrator',
};

const VERBS: Record<Action, string> = {
  'record.create': 'create records',
  'record.edit': 'edit this record',
  'record.delete': 'delete this record',
  'record.submit': 'submit this record',
  'record.verify': 'verify this record',
  'record.return': 'return this record',
  'record.reject': 'reject this record',
  'record.view': 'see this record',
  'report.export': 'export reports',
  'device.enrol': 'enrol devices',
  'device.revoke': 'revoke devices',
};

function explain(device: PushingDevice, action: Action, denial: AccessDenial, held: Pick<Observation, 'office' | 'author'>): string {
  const role = A_ROLE[device.role];
  switch (denial) {
    case 'role':
      return `this device is enrolled as ${role}, who may not ${VERBS[action]} (${grantFor(device.role, action).why})`;
    case 'office':
      return `the record belongs to office ${held.office}, and ${role} of ${device.office} may not ${VERBS[action]}: it is not of their office`;
    case 'own_record':
      return `${held.author} wrote this record, so ${held.author} may not ${VERBS[action]}: another supervisor must`;
    case 'not_author':
      return `only the author (${held.author}) may ${VERBS[action]}`;
    case 'record_required':
    case 'deleted':
    case 'state':
      return `not allowed (${denial})`;
  }
}

/** Why the device may not push this change, or undefined when it may. */
export function refusalOfChange(device: PushingDevice, before: Observation | undefined, after: Observation): string | undefined {
  // Whose record it is comes from the held version: a change cannot make itself the owner.
  const held = before ?? after;
  for (const { action, actor } of actionsOfChange(before, after)) {
    let name = held.author;
    if (actor === 'reviewer') {
      const reviewer = after.review?.reviewer;
      if (!reviewer) return `a review decision must name its reviewer (review.reviewer)`;
      name = reviewer;
    }
    const user: User = { name, role: device.role, office: device.office };
    const verdict = checkAuthority(user, action, held);
    if (!verdict.allowed) return explain(device, action, verdict.denial, held);
  }
  return undefined;
}

interface HeldRow {
  [column: string]: unknown;
  data: Observation;
}

/**
 * Refuse the whole batch (403) when the device may not take one of its changes, before
 * anything is written. Changes the server already holds (a retried batch) were judged
 * when they first came and are not judged again: the record may have moved on since.
 *
 * Reads outside the push transaction, which is safe because what decides (a record's
 * office and author) never changes once the record exists: pushChanges checks the
 * office again under its lock, and no action changes the author.
 */
export async function authorisePush(q: Queryable, device: PushingDevice, changes: readonly SyncChange[]): Promise<void> {
  if (changes.length === 0) return;
  const known = await q.query<{ change_id: string }>('SELECT change_id::text AS change_id FROM changes WHERE change_id = ANY($1::uuid[])', [
    changes.map((c) => c.changeId),
  ]);
  const seen = new Set(known.map((r) => r.change_id));
  const fresh = changes.map((change, index) => ({ change, index })).filter(({ change }) => !seen.has(change.changeId));
  if (fresh.length === 0) return;
  const rows = await q.query<HeldRow>('SELECT data FROM records WHERE id = ANY($1::text[])', [[...new Set(fresh.map(({ change }) => change.record.id))]]);
  const held = new Map(rows.map((row) => [row.data.id, row.data]));
  for (const { change, index } of fresh) {
    const refusal = refusalOfChange(device, held.get(change.record.id), change.record);
    if (refusal !== undefined) throw new ApiError(403, 'invalid_request', `changes.${index} (record ${change.record.id}): ${refusal}`);
  }
}
