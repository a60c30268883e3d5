/**
 * The review state machine of an observation (PRODUCT.md, "review"):
 *
 *   draft ----submit----> submitted ----verify----> verified
 *   returned --submit--->     |  \----return----> returned (with a note)
 *                             \------reject----> rejected (with a note)
 *
 * verified and rejected are final: PRODUCT.md names no way back (no reopen).
 *
 * `applyReview` asks the access rules (`shared/access/roles.ts`) first, then the
 * machine, then the notes, then the cross-field `verifiedRule`. Pure: no clock, no I/O;
 * the caller passes the time, and the store stamps the HLC and field clocks of
 * `changedFields` when it saves the result.
 */
import { check } from '../access/roles';
import type { AccessDenial, RecordAction, User } from '../access/roles';
import type { ReviewStatus } from '../observations/codelists';
import { verifiedRule } from '../observations/observation-rules';
import type { Observation } from '../observations/observation-schema';

export const REVIEW_ACTIONS = ['submit', 'verify', 'return', 'reject'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface ReviewTransition {
  /** States the action applies to. */
  readonly from: readonly ReviewStatus[];
  readonly to: ReviewStatus;
  /** The access rule that decides who may take it. */
  readonly access: RecordAction;
  /** Whether the action records a reviewer decision (`review` is written). */
  readonly isReview: boolean;
  /** Whether the action needs a non-empty note. */
  readonly noteRequired: boolean;
}

export const REVIEW_TRANSITIONS: { readonly [A in ReviewAction]: ReviewTransition } = {
  submit: { from: ['draft', 'returned'], to: 'submitted', access: 'record.submit', isReview: false, noteRequired: false },
  verify: { from: ['submitted'], to: 'verified', access: 'record.verify', isReview: true, noteRequired: false },
  return: { from: ['submitted'], to: 'returned', access: 'record.return', isReview: true, noteRequired: true },
  reject: { from: ['submitted'], to: 'rejected', access: 'record.reject', isReview: true, noteRequired: true },
};

/** Why a review action was refused. Each code has a message under `review.refusal.<code>`. */
export const REVIEW_REFUSALS = [
  /** The user's role, office or authorship does not allow it. */
  'not_allowed',
  /** The record is not in a state this action applies to. */
  'wrong_state',
  /** Verifying needs both Admiralty grades: source reliability and information credibility. */
  'grades_missing',
  /** A reviewer cannot review (verify, return, reject) their own record. */
  'own_record',
  /** Returning and rejecting need a note saying why. */
  'note_required',
  /** The note is longer than a review note may be. */
  'note_too_long',
  /** The record is deleted (a tombstone). */
  'deleted',
] as const;
export type ReviewRefusal = (typeof REVIEW_REFUSALS)[number];
export type ReviewRefusalKey = `review.refusal.${ReviewRefusal}`;

/** The i18n key of a refusal's message. */
export function refusalKey(code: ReviewRefusal): ReviewRefusalKey {
  return `review.refusal.${code}`;
}

/** Every refusal's i18n key, for the catalogue completeness test. */
export const REVIEW_REFUSAL_KEYS: readonly ReviewRefusalKey[] = REVIEW_REFUSALS.map(refusalKey);

/** Longest review note: the schema's limit (`reviewSchema.note`). */
export const REVIEW_NOTE_MAX_LENGTH = 2000;

export interface ReviewContext {
  user: User;
  /** Why the record is returned or rejected; optional when verifying; ignored when submitting. */
  note?: string | null;
  /** The time of the decision, as `Date.prototype.toISOString` writes it. */
  nowIso: string;
}

export type ReviewResult =
  | { ok: true; record: Observation; changedFields: (keyof Observation)[] }
  | { ok: false; reason: ReviewRefusal };

/** How an access denial reads to the person reviewing. */
function refusalOfDenial(denial: AccessDenial): ReviewRefusal {
  switch (denial) {
    case 'deleted':
      return 'deleted';
    case 'own_record':
      return 'own_record';
    case 'state':
      return 'wrong_state';
    case 'role':
    case 'record_required':
    case 'office':
    case 'not_author':
      return 'not_allowed';
    default:
      return assertNever(denial);
  }
}

const refuse = (reason: ReviewRefusal): ReviewResult => ({ ok: false, reason });

/** Take a review action on a record, or say why not. Never mutates `record`. */
export function applyReview(record: Observation, action: ReviewAction, context: ReviewContext): ReviewResult {
  const transition = REVIEW_TRANSITIONS[action];
  const access = check(context.user, transition.access, record);
  if (!access.allowed) return refuse(refusalOfDenial(access.denial));
  // The access rules already hold the states each role may act in; the machine is checked too, in case they ever drift.
  if (record.deleted) return refuse('deleted');
  if (!transition.from.includes(record.reviewStatus)) return refuse('wrong_state');

  if (!transition.isReview) {
    // Submitting keeps the last review (a returned record's note stays visible to the next reviewer).
    return { ok: true, record: { ...record, reviewStatus: transition.to }, changedFields: ['reviewStatus'] };
  }

  const note = context.note?.trim() ?? '';
  if (transition.noteRequired && note === '') return refuse('note_required');
  if (note.length > REVIEW_NOTE_MAX_LENGTH) return refuse('note_too_long');

  const reviewed: Observation = {
    ...record,
    reviewStatus: transition.to,
    review: { reviewer: context.user.name, reviewedAt: context.nowIso, note: note === '' ? null : note },
  };

  // The cross-field rule of PRODUCT.md: verified needs both Admiralty grades and a reviewer other than the author.
  const issues = verifiedRule(reviewed, { nowMs: Date.parse(context.nowIso) });
  if (issues.some((issue) => issue.field.startsWith('source.'))) return refuse('grades_missing');
  if (issues.some((issue) => issue.message === 'validation.selfVerification')) return refuse('own_record');
  if (issues.length > 0) return refuse('not_allowed');

  return { ok: true, record: reviewed, changedFields: ['reviewStatus', 'review'] };
}

/** The review actions `user` could take on `record` now (notes and grades aside): for offering buttons. */
export function availableReviewActions(record: Observation, user: User): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => {
    const transition = REVIEW_TRANSITIONS[action];
    return !record.deleted && transition.from.includes(record.reviewStatus) && check(user, transition.access, record).allowed;
  });
}

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
