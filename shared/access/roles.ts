/**
 * Who may do what: the one place that says it. The `PERMISSIONS` table below is the
 * rule book (every role x every action, each cell with a one-line why); `check()` and
 * `can()` only read it. UI, docs, the store and the server ask here and nowhere else.
 *
 * Pure TypeScript: no DOM, no Node.
 */
import type { Classification, ReviewStatus } from '../observations/codelists';
import type { Observation } from '../observations/observation-schema';

export const ROLES = ['field_monitor', 'supervisor', 'hq_analyst', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person. `name` is what records carry as `author` and `review.reviewer`; `office` looks like RS-BEL or HQ-VIE. */
export interface User {
  name: string;
  role: Role;
  office: string;
}

/** Actions that act on one existing record: they need the record to decide. */
export const RECORD_ACTIONS = [
  'record.edit',
  'record.delete',
  'record.submit',
  'record.verify',
  'record.return',
  'record.reject',
  'record.view',
  'record.view_sensitive',
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** Actions that do not act on an existing record. */
export const PLAIN_ACTIONS = ['record.create', 'report.export', 'device.enrol', 'device.revoke'] as const;
export type PlainAction = (typeof PLAIN_ACTIONS)[number];

export const ACTIONS = [...PLAIN_ACTIONS, ...RECORD_ACTIONS] as const;
export type Action = PlainAction | RecordAction;

/**
 * What of a record the access rules look at. `classification` matters only to grants
 * limited by it (`record.view_sensitive`); a record without one is `internal`, as
 * new records are (shared/observations/new-observation.ts).
 */
export type AccessSubject = Pick<Observation, 'office' | 'author' | 'reviewStatus' | 'deleted' | 'classification'>;

/** The role may never do this. */
export interface NeverGrant {
  readonly kind: 'never';
  readonly why: string;
}
/** The role may do this (an action without a record). */
export interface AlwaysGrant {
  readonly kind: 'always';
  readonly why: string;
}
/** The role may do this to a record that meets every condition. */
export interface RecordGrant {
  readonly kind: 'record';
  /** `own`: only records of the user's office; `all`: any office. */
  readonly offices: 'own' | 'all';
  /** `self`: only records the user wrote; `other`: never records the user wrote; `any`: either. */
  readonly author: 'self' | 'other' | 'any';
  /** Review states the record must be in, or `any`. */
  readonly states: readonly ReviewStatus[] | 'any';
  /**
   * Classifications the grant never reaches, when it is limited by them. Absent: any.
   * Whose eyes a record is for is the record's own property, not a moment of its
   * life, so it is authority (checkAuthority), not state.
   */
  readonly exceptClassifications?: readonly Classification[];
  readonly why: string;
}
export type Grant = NeverGrant | AlwaysGrant | RecordGrant;

export type RolePermissions = { readonly [A in PlainAction]: NeverGrant | AlwaysGrant } & {
  readonly [A in RecordAction]: NeverGrant | RecordGrant;
};

const never = (why: string): NeverGrant => ({ kind: 'never', why });
const always = (why: string): AlwaysGrant => ({ kind: 'always', why });
const onRecords = (
  offices: RecordGrant['offices'],
  author: RecordGrant['author'],
  states: RecordGrant['states'],
  why: string,
  exceptClassifications?: readonly Classification[],
): RecordGrant => (exceptClassifications === undefined ? { kind: 'record', offices, author, states, why } : { kind: 'record', offices, author, states, exceptClassifications, why });

/** States from which the author may (re)submit a record for review. */
const AUTHOR_STATES: readonly ReviewStatus[] = ['draft', 'returned'];
/**
 * States in which the author still owns the text: until a reviewer has decided. A
 * submitted record waiting in the queue can still have its typo fixed (PRODUCT.md: a
 * field monitor "fixes a typo later"); the reviewer then sees the fixed text and its
 * revision history.
 */
const AUTHOR_EDIT_STATES: readonly ReviewStatus[] = ['draft', 'submitted', 'returned'];
/** The only state a reviewer acts on. */
const REVIEWABLE_STATES: readonly ReviewStatus[] = ['submitted'];

/**
 * The rule book. The mapped type makes every role x action cell compulsory, so a new
 * role or action does not compile until someone has decided it here.
 */
export const PERMISSIONS: { readonly [R in Role]: RolePermissions } = {
  field_monitor: {
    'record.create': always('Field monitors record what they observe.'),
    'record.edit': onRecords('own', 'self', AUTHOR_EDIT_STATES, 'They fix their own records until a reviewer has decided on them; after that the text is the reviewer\'s to judge.'),
    'record.delete': onRecords('own', 'self', AUTHOR_EDIT_STATES, 'They may withdraw their own record until a reviewer has decided on it (a tombstone, never a hard delete).'),
    'record.submit': onRecords('own', 'self', AUTHOR_STATES, 'Only the author decides a record is ready for review.'),
    'record.verify': never('Verification is the supervisor\'s judgement, not the field monitor\'s.'),
    'record.return': never('Returning is a review decision, taken by supervisors.'),
    'record.reject': never('Rejecting is a review decision, taken by supervisors.'),
    'record.view': onRecords('own', 'any', 'any', 'Field roles see their own office\'s records only.'),
    'record.view_sensitive': onRecords('own', 'self', 'any', 'A field monitor sees the source names, notes and trafficking indicators they wrote themselves, not a colleague\'s: they need their own to follow up, and a lost laptop then holds only what its user already knew.'),
    'report.export': never('Situation reports are issued by HQ.'),
    'device.enrol': never('Enrolling devices is an administrator\'s job.'),
    'device.revoke': never('Revoking devices is an administrator\'s job.'),
  },
  supervisor: {
    'record.create': always('Supervisors are field staff too and may record observations (reviewed by another supervisor).'),
    'record.edit': onRecords('own', 'any', 'any', 'Supervisors correct and grade (Admiralty) their office\'s records.'),
    'record.delete': onRecords('own', 'self', AUTHOR_EDIT_STATES, 'Like any author, a supervisor may withdraw their own record until it is decided on.'),
    'record.submit': onRecords('own', 'self', AUTHOR_STATES, 'Only the author decides a record is ready for review.'),
    'record.verify': onRecords('own', 'other', REVIEWABLE_STATES, 'Supervisors verify their office\'s submissions; a reviewer cannot verify their own record.'),
    'record.return': onRecords('own', 'other', REVIEWABLE_STATES, 'Supervisors return their office\'s submissions with a note; never their own.'),
    'record.reject': onRecords('own', 'other', REVIEWABLE_STATES, 'Supervisors reject their office\'s submissions with a note; never their own.'),
    'record.view': onRecords('own', 'any', 'any', 'Field roles see their own office\'s records only.'),
    'record.view_sensitive': onRecords('own', 'any', 'any', 'Supervisors judge and grade their office\'s sources, so they see every sensitive field of their office\'s records.'),
    'report.export': never('Situation reports are issued by HQ.'),
    'device.enrol': never('Enrolling devices is an administrator\'s job.'),
    'device.revoke': never('Revoking devices is an administrator\'s job.'),
  },
  hq_analyst: {
    'record.create': never('HQ analyses field records; it does not make them.'),
    'record.edit': never('HQ analysts do not edit field records: the office owns what it observed.'),
    'record.delete': never('HQ analysts do not delete field records.'),
    'record.submit': never('Submitting is the author\'s decision.'),
    'record.verify': never('Verification belongs to the office supervisor who knows the source.'),
    'record.return': never('Returning is the office supervisor\'s decision.'),
    'record.reject': never('Rejecting is the office supervisor\'s decision.'),
    'record.view': onRecords('all', 'any', 'any', 'HQ analysts see every office\'s records to compare flows across the route.'),
    'record.view_sensitive': onRecords('all', 'any', 'any', 'HQ analysts need sources and indicators to assess trafficking across the route, except on records the office classified restricted: those stay with the office.', ['restricted']),
    'report.export': always('HQ analysts issue the situation reports and their annexes.'),
    'device.enrol': never('Enrolling devices is an administrator\'s job.'),
    'device.revoke': never('Revoking devices is an administrator\'s job.'),
  },
  administrator: {
    'record.create': never('Administrators run the system, not the monitoring.'),
    'record.edit': never('Administrators do not change observation content.'),
    'record.delete': never('Administrators do not delete observations.'),
    'record.submit': never('Submitting is the author\'s decision.'),
    'record.verify': never('Administrators do not review.'),
    'record.return': never('Administrators do not review.'),
    'record.reject': never('Administrators do not review.'),
    'record.view': never('Administering devices needs no access to observations (least privilege: a stolen admin laptop reveals none).'),
    'record.view_sensitive': never('Administrators read no observations, let alone their sensitive fields.'),
    'report.export': never('Situation reports are issued by HQ analysts.'),
    'device.enrol': always('Administrators enrol offices\' devices with a one-time code.'),
    'device.revoke': always('Administrators revoke a lost or stolen laptop.'),
  },
};

/**
 * Whether an action may touch a tombstone. Deleted records cannot be edited, deleted
 * again, submitted or reviewed; they can still be seen (the tombstone syncs and shows
 * in history).
 */
export function tombstoneAllowed(action: RecordAction): boolean {
  switch (action) {
    case 'record.view':
    case 'record.view_sensitive':
      return true;
    case 'record.edit':
    case 'record.delete':
    case 'record.submit':
    case 'record.verify':
    case 'record.return':
    case 'record.reject':
      return false;
    default:
      return assertNever(action);
  }
}

/** Why an action was refused, in the order the checks run. */
export const ACCESS_DENIALS = [
  /** The role may never do this. */
  'role',
  /** A record action was asked about without a record. */
  'record_required',
  /** The record belongs to another office. */
  'office',
  /** The record is a tombstone. */
  'deleted',
  /** Only the author may do this, and the user is not the author. */
  'not_author',
  /** The user is the author, and this may not be done to one's own record. */
  'own_record',
  /** The record is not in a state this action applies to. */
  'state',
] as const;
export type AccessDenial = (typeof ACCESS_DENIALS)[number];

export type AccessCheck = { allowed: true } | { allowed: false; denial: AccessDenial };

const ALLOWED: AccessCheck = { allowed: true };
const deny = (denial: AccessDenial): AccessCheck => ({ allowed: false, denial });

export function isRecordAction(action: Action): action is RecordAction {
  return (RECORD_ACTIONS as readonly string[]).includes(action);
}

/** The cell of the rule book for this role and action. */
export function grantFor(role: Role, action: Action): Grant {
  return PERMISSIONS[role][action];
}

/**
 * Whether `user` may do `action` (to `record`, for record actions), and if not, why. Total: every input gets an answer.
 * Authority first (role, office, authorship: `checkAuthority`), then what depends on the
 * moment: whether the record is deleted and its review state.
 */
export function check(user: User, action: Action, record?: AccessSubject): AccessCheck {
  const authority = checkAuthority(user, action, record);
  if (!authority.allowed) return authority;
  const grant = grantFor(user.role, action);
  if (grant.kind !== 'record' || record === undefined || !isRecordAction(action)) return authority;
  if (record.deleted && !tombstoneAllowed(action)) return deny('deleted');
  if (grant.states !== 'any' && !grant.states.includes(record.reviewStatus)) return deny('state');
  return ALLOWED;
}

/** The office and authorship conditions of a record grant: the denial, or undefined when they hold. */
function checkOfficeAndAuthor(grant: RecordGrant, user: User, record: AuthoritySubject): AccessCheck | undefined {
  if (grant.offices === 'own' && record.office !== user.office) return deny('office');
  const isAuthor = record.author === user.name;
  if (grant.author === 'self' && !isAuthor) return deny('not_author');
  if (grant.author === 'other' && isAuthor) return deny('own_record');
  // A record the grant may not reach because of its classification is, for this
  // role, one it may never act on: the role's denial, not a passing state.
  if (grant.exceptClassifications?.includes(record.classification ?? 'internal') === true) return deny('role');
  return undefined;
}

/** What of a record authority depends on: whose it is and whose eyes it is for, not what state it is in. */
export type AuthoritySubject = Pick<AccessSubject, 'office' | 'author' | 'classification'>;

/**
 * The conditions of `check` that do not depend on the moment: role, office and
 * authorship, but neither the record's review state nor whether it is deleted.
 *
 * For a judge who receives changes out of order, as the sync server does: a device
 * decided offline against the state it held, and by the time its change arrives a
 * colleague's concurrent change may have moved the record on. Which of two concurrent
 * changes wins is the merge's question; refusing the later one would leave it stuck
 * in the device's outbox for ever. Whether the person could ever take this action on
 * this record is the question of authority, and this answers it.
 */
export function checkAuthority(user: User, action: Action, record?: AuthoritySubject): AccessCheck {
  const grant = grantFor(user.role, action);
  switch (grant.kind) {
    case 'never':
      return deny('role');
    case 'always':
      return ALLOWED;
    case 'record': {
      if (!isRecordAction(action) || record === undefined) return deny('record_required');
      return checkOfficeAndAuthor(grant, user, record) ?? ALLOWED;
    }
    default:
      return assertNever(grant);
  }
}

/**
 * Whether `user` may do `action`. Record actions need the record: without one the
 * answer is `false` (ask `roleMayEver` to know whether to show a control at all).
 */
export function can(user: User, action: Action, record?: AccessSubject): boolean {
  return check(user, action, record).allowed;
}

/** Whether the role may do the action to at least some record: for showing or hiding controls. */
export function roleMayEver(role: Role, action: Action): boolean {
  return grantFor(role, action).kind !== 'never';
}

/** One row of the rule book, flattened for documentation and an admin screen. */
export interface PermissionRow {
  role: Role;
  action: Action;
  allowed: boolean;
  /** Conditions on the record, empty when the grant has none. */
  offices: RecordGrant['offices'] | null;
  author: RecordGrant['author'] | null;
  states: readonly ReviewStatus[] | 'any' | null;
  /** Classifications the grant never reaches (empty when it is not limited by them; null for actions without a record). */
  exceptClassifications: readonly Classification[] | null;
  /** Whether the action may touch a deleted record (null for actions without a record). */
  onTombstone: boolean | null;
  why: string;
}

/** The whole rule book as rows, role by role, in the order of ROLES and ACTIONS. */
export function permissionTable(): PermissionRow[] {
  return ROLES.flatMap((role) =>
    ACTIONS.map((action): PermissionRow => {
      const grant = grantFor(role, action);
      const record = grant.kind === 'record' ? grant : null;
      return {
        role,
        action,
        allowed: grant.kind !== 'never',
        offices: record?.offices ?? null,
        author: record?.author ?? null,
        states: record?.states ?? null,
        exceptClassifications: record === null ? null : (record.exceptClassifications ?? []),
        onTombstone: isRecordAction(action) && grant.kind !== 'never' ? tombstoneAllowed(action) : null,
        why: grant.why,
      };
    }),
  );
}

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
