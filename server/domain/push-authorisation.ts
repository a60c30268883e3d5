/**
 * Whether the server takes one pushed change: the judge of each change of a push, on
 * its own (a refused change never holds up the rest of its batch). The routes and the
 * repository ask here and decide nothing themselves.
 *
 * Who pushes: the device's token says everything about the person behind it. The
 * enrolment code named the office, the role and the user's name (AuthDevice); the body
 * only says what the person did. So:
 * - Identity comes from the token. A new record's author must be the device's user, its
 *   office the device's office and its mission that office's mission; an existing
 *   record's author, office and mission never change; a review decision names the
 *   device's user as reviewer. A body that says otherwise is refused
 *   (`identity_mismatch`), never rewritten: a device that disagrees with the server
 *   about who its user is must be told, not have its data silently changed. A device
 *   enrolled before names existed (userName '') is refused every change: it must be
 *   enrolled again.
 * - Stamps are checked before they are believed (shared/sync/stamp-check.ts): a stamp
 *   that is not one, far in the future, later than the record's `hlc`, or on a field
 *   the record does not have would win every later honest edit in the merge.
 * - Authority is judged on what the merge will actually produce, not on what the body
 *   says changed: `merged = mergeRecords(held, pushed)`, and the actions (create, edit,
 *   delete, submit, verify, return, reject) are read from held -> merged. A device
 *   that sends old stamps for the review fields beside a new one for a field merged
 *   with them (MERGE_UNITS) would otherwise pass as "not changing the review" and end
 *   with the record verified. A stale copy (the device had not pulled a newer change)
 *   changes nothing in the merge and so is nobody's action.
 * - Each action is put to the rule book (`checkAuthority`, shared/access/roles.ts) with
 *   the device's role, office and user name: a field monitor edits and deletes their
 *   own records, a supervisor those of their office and decides on those others wrote,
 *   HQ analysts and administrators write nothing. Review states and tombstones are not
 *   judged (the device decided against the state it held; concurrent changes are the
 *   merge's to settle, and refusing them would strand valid changes).
 * - A refusal names the change (index, change id, record id, field) and never another
 *   office's data: a record of an office the device may not see is "not a record this
 *   device may write", without its office or author.
 */
import { checkAuthority, grantFor } from '../../shared/access/roles';
import type { AccessDenial, Action, Role, User } from '../../shared/access/roles';
import type { ReviewStatus } from '../../shared/observations/codelists';
import type { Observation } from '../../shared/observations/observation-schema';
import { missionOfOffice } from '../../shared/observations/new-observation';
import { checkRules } from '../../shared/observations/observation-rules';
import { changedFields } from '../../shared/sync/changed-fields';
import { mergeRecords } from '../../shared/sync/merge-record';
import { MAX_RECORD_BYTES } from '../../shared/sync/protocol';
import type { ChangeRefusalCode } from '../../shared/sync/protocol';
import { recordJsonBytes } from '../../shared/sync/record-size';
import { checkStamps } from '../../shared/sync/stamp-check';

/** The pusher, as authentication found it. */
export interface PushingDevice {
  office: string;
  role: Role;
  /** The user the enrolment code was issued for; '' for devices enrolled before names. */
  userName: string;
}

/** Who takes an action: the record's author (edits) or the reviewer (review decisions). */
type Actor = 'author' | 'reviewer';

export interface ChangeAction {
  action: Action;
  actor: Actor;
}

/** The verdict on one change: taken (with the record it merges to), or refused with a code and a message. */
export type ChangeVerdict =
  | { outcome: 'accepted'; merged: Observation }
  | { outcome: 'refused'; code: ChangeRefusalCode; message: string };

/** The review decision that leads to each state a reviewer decides. */
const REVIEW_DECISIONS: Partial<Record<ReviewStatus, Action>> = {
  verified: 'record.verify',
  returned: 'record.return',
  rejected: 'record.reject',
};

/** Fields whose change is part of a review or deletion, or is bookkeeping: not an edit of the content. */
const NOT_CONTENT = new Set(['reviewStatus', 'review', 'deleted']);

/**
 * The actions that turn `before` (the version held, undefined for a record new to the
 * server) into `after` (what the merge produces). A review decision is a new
 * `reviewStatus` or `review` in a decided state (another reviewer's new decision in
 * the same state included). Moving a record back to draft is an edit of it, and so is
 * a new `review` that is no decision (the record is not in a decided state): only a
 * decision writes a review, so such a change is the merge taking the author's older
 * copy of the review unit, or words put in a reviewer's mouth, and either way it must
 * come from someone who may edit the record. Deleting is sticky in the merge, so a
 * tombstone always counts as a deletion.
 */
export function actionsOfChange(before: Observation | undefined, after: Observation): ChangeAction[] {
  // The one "which fields changed" of device and server (bookkeeping aside), computed once.
  const changed = new Set(before === undefined ? [] : changedFields(before, after).map((change) => change.field));
  const statusChanged = changed.has('reviewStatus');
  const decision = REVIEW_DECISIONS[after.reviewStatus];
  const contentChanged = [...changed].some((field) => !NOT_CONTENT.has(field));
  const actions: ChangeAction[] = [];
  if (before === undefined) actions.push({ action: 'record.create', actor: 'author' });
  else if (contentChanged || (statusChanged && after.reviewStatus === 'draft') || (changed.has('review') && decision === undefined)) {
    actions.push({ action: 'record.edit', actor: 'author' });
  }
  if (after.deleted && before?.deleted !== true) actions.push({ action: 'record.delete', actor: 'author' });
  if (statusChanged && after.reviewStatus === 'submitted') actions.push({ action: 'record.submit', actor: 'author' });
  const newDecision = before === undefined || statusChanged || changed.has('review');
  if (decision && newDecision) actions.push({ action: decision, actor: 'reviewer' });
  return actions;
}

/** Each role as a sentence names it. */
export const A_ROLE: Record<Role, string> = {
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
  'record.view_sensitive': 'see the sensitive fields of this record',
  'report.export': 'export reports',
  'device.enrol': 'enrol devices',
  'device.revoke': 'revoke devices',
};

/** Why the rule book said no, in words that name nothing of the record but what the device sent. */
function explain(device: PushingDevice, action: Action, denial: AccessDenial): string {
  const role = A_ROLE[device.role];
  switch (denial) {
    case 'role':
    case 'record_required':
      return `this device is enrolled as ${role}, who may not ${VERBS[action]} (${grantFor(device.role, action).why})`;
    case 'office':
      return `the record is not of office ${device.office}, and ${role} may only ${VERBS[action]} if it is`;
    case 'own_record':
      return `${device.userName} wrote this record, so another supervisor must ${VERBS[action].replace(/ this record$/, ' it')}`;
    case 'not_author':
      return `only the record's author may ${VERBS[action]}, and ${device.userName} is not its author`;
    case 'deleted':
    case 'state':
      return `not allowed (${denial})`;
  }
}

const refuse = (code: ChangeRefusalCode, message: string): ChangeVerdict => ({ outcome: 'refused', code, message });

/**
 * Identity: a new record is the device's user's, of the device's office and its
 * mission; an existing one keeps its author, office and mission.
 */
function identityProblem(device: PushingDevice, held: Observation | undefined, pushed: Observation): string | undefined {
  if (held === undefined) {
    if (pushed.office !== device.office) return `office: a new record must be of this device's office (${device.office})`;
    if (pushed.mission !== missionOfOffice(device.office)) return `mission: a new record of ${device.office} must be of mission ${missionOfOffice(device.office)}`;
    if (pushed.author !== device.userName) return `author: a new record's author must be this device's user (${device.userName})`;
    return undefined;
  }
  // The values of the held record are not named: they may be another office's.
  if (pushed.author !== held.author) return "author: a record's author never changes after its creation";
  if (pushed.office !== held.office) return "office: a record's office never changes after its creation";
  if (pushed.mission !== held.mission) return "mission: a record's mission never changes after its creation";
  if (pushed.device !== held.device) return "device: the device a record was recorded on never changes after its creation";
  return undefined;
}

/**
 * The verdict on one change: `held` is the record as the server holds it (with the
 * changes of the same batch taken before this one), `label` names the change in the
 * message (`changes.3 (change …, record …)`), `nowMs` is the server's clock.
 */
export function judgeChange(device: PushingDevice, held: Observation | undefined, pushed: Observation, nowMs: number, label: string): ChangeVerdict {
  if (device.userName === '') {
    return refuse('identity_mismatch', `${label}: this device was enrolled before user names existed, so the server cannot tell whose changes these are: enrol it again with a new code`);
  }
  const stamps = checkStamps(pushed, nowMs);
  if (stamps !== undefined) {
    const hint = stamps.code === 'clock_skew' ? ": check the device's date, time and time zone" : '';
    return refuse(stamps.code, `${label}: ${stamps.field} ${stamps.reason}${hint}`);
  }
  const bytes = recordJsonBytes(pushed);
  if (bytes > MAX_RECORD_BYTES) return refuse('record_too_large', `${label}: the record is ${bytes} bytes of JSON, more than the ${MAX_RECORD_BYTES} a record may have`);

  const user: User = { name: device.userName, role: device.role, office: device.office };
  // A record this device may not even see is not one it may write; the refusal says no more.
  if (held !== undefined && !checkAuthority(user, 'record.view', held).allowed) {
    return refuse('forbidden', `${label}: this record id is not one of a record this device may write`);
  }
  const identity = identityProblem(device, held, pushed);
  if (identity !== undefined) return refuse('identity_mismatch', `${label}: ${identity}`);

  const merged = held === undefined ? pushed : mergeRecords(held, pushed);
  for (const { action, actor } of actionsOfChange(held, merged)) {
    const verdict = checkAuthority(user, action, held ?? merged);
    if (!verdict.allowed) return refuse('forbidden', `${label}: ${explain(device, action, verdict.denial)}`);
    if (actor === 'reviewer' && merged.review?.reviewer !== device.userName) {
      return refuse('identity_mismatch', `${label}: review.reviewer: a review decision must name this device's user (${device.userName}) as its reviewer`);
    }
  }
  // After authority, so that a change the device's user may not make at all is told so,
  // not that its record is malformed.
  const { issues } = checkRules(pushed, nowMs);
  if (issues.length > 0) return refuse('invalid_record', `${label}: the record breaks ${issues.map((i) => `${i.field} (${i.message})`).join(', ')}`);
  return { outcome: 'accepted', merged };
}
