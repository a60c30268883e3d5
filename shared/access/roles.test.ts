import { describe, expect, it } from 'vitest';
import { REVIEW_STATUSES } from '../observations/codelists';
import type { ReviewStatus } from '../observations/codelists';
import { ACTIONS, can, check, checkAuthority, PERMISSIONS, permissionTable, RECORD_ACTIONS, roleMayEver, ROLES, tombstoneAllowed } from './roles';
import type { AccessSubject, Action, User } from './roles';

const ana: User = { name: 'ana', role: 'field_monitor', office: 'RS-BEL' };
const marko: User = { name: 'marko', role: 'field_monitor', office: 'RS-BEL' };
const sonja: User = { name: 'sonja', role: 'supervisor', office: 'RS-BEL' };
const petar: User = { name: 'petar', role: 'supervisor', office: 'RS-BEL' };
const elena: User = { name: 'elena', role: 'supervisor', office: 'MK-SKP' };
const hq: User = { name: 'hanna', role: 'hq_analyst', office: 'HQ-VIE' };
const admin: User = { name: 'adam', role: 'administrator', office: 'HQ-VIE' };

const rec = (patch: Partial<AccessSubject> = {}): AccessSubject => ({
  office: 'RS-BEL',
  author: 'ana',
  reviewStatus: 'submitted',
  deleted: false,
  ...patch,
});
const inStates = (states: readonly ReviewStatus[], patch: Partial<AccessSubject> = {}) =>
  states.map((reviewStatus) => rec({ ...patch, reviewStatus }));
const AUTHOR_STATES: ReviewStatus[] = ['draft', 'returned'];
const NOT_AUTHOR_STATES = REVIEW_STATUSES.filter((s) => !AUTHOR_STATES.includes(s));
/** Until a reviewer decides, the author may still fix or withdraw the record. */
const AUTHOR_EDIT_STATES: ReviewStatus[] = ['draft', 'submitted', 'returned'];
const DECIDED_STATES = REVIEW_STATUSES.filter((s) => !AUTHOR_EDIT_STATES.includes(s));
const NOT_SUBMITTED = REVIEW_STATUSES.filter((s) => s !== 'submitted');

describe('the rule book', () => {
  it('decides every role x action, with a why', () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        expect(PERMISSIONS[role][action].why.length, `${role} ${action}`).toBeGreaterThan(10);
      }
    }
    expect(permissionTable()).toHaveLength(ROLES.length * ACTIONS.length);
  });

  it('answers record actions only about a record', () => {
    expect(check(ana, 'record.edit')).toEqual({ allowed: false, denial: 'record_required' });
    expect(can(sonja, 'record.verify')).toBe(false);
    expect(roleMayEver('supervisor', 'record.verify')).toBe(true);
    expect(roleMayEver('field_monitor', 'record.verify')).toBe(false);
  });

  it('describes itself as rows for docs and UI', () => {
    const rows = permissionTable();
    expect(rows.find((r) => r.role === 'supervisor' && r.action === 'record.verify')).toMatchObject({
      allowed: true,
      offices: 'own',
      author: 'other',
      states: ['submitted'],
      onTombstone: false,
    });
    expect(rows.find((r) => r.role === 'hq_analyst' && r.action === 'record.view')).toMatchObject({ allowed: true, offices: 'all', onTombstone: true });
    expect(rows.find((r) => r.role === 'administrator' && r.action === 'device.revoke')).toMatchObject({ allowed: true, offices: null, onTombstone: null });
    expect(rows.find((r) => r.role === 'hq_analyst' && r.action === 'record.edit')).toMatchObject({ allowed: false, onTombstone: null });
  });
});

describe('field monitors', () => {
  it('create records', () => {
    expect(can(ana, 'record.create')).toBe(true);
  });

  it('submit their own records while draft or returned, not after', () => {
    for (const r of inStates(AUTHOR_STATES)) expect(can(ana, 'record.submit', r), r.reviewStatus).toBe(true);
    for (const r of inStates(NOT_AUTHOR_STATES)) expect(check(ana, 'record.submit', r), r.reviewStatus).toEqual({ allowed: false, denial: 'state' });
  });

  it.each(['record.edit', 'record.delete'] as const)('%s their own records until a reviewer decides (a typo in the queue can be fixed), not after', (action) => {
    for (const r of inStates(AUTHOR_EDIT_STATES)) expect(can(ana, action, r), r.reviewStatus).toBe(true);
    for (const r of inStates(DECIDED_STATES)) expect(check(ana, action, r), r.reviewStatus).toEqual({ allowed: false, denial: 'state' });
  });

  it.each(['record.edit', 'record.delete', 'record.submit'] as const)('may not %s a colleague\'s record', (action) => {
    expect(check(marko, action, rec({ reviewStatus: 'draft' }))).toEqual({ allowed: false, denial: 'not_author' });
  });

  it('cannot verify, return or reject at all, not even a colleague\'s submitted record', () => {
    for (const action of ['record.verify', 'record.return', 'record.reject'] as const) {
      expect(check(marko, action, rec())).toEqual({ allowed: false, denial: 'role' });
      expect(can(ana, action, rec())).toBe(false);
    }
  });

  it('view their own office\'s records, in any state, not another office\'s', () => {
    for (const r of inStates(REVIEW_STATUSES)) expect(can(marko, 'record.view', r)).toBe(true);
    expect(check(ana, 'record.view', rec({ office: 'MK-SKP', author: 'someone' }))).toEqual({ allowed: false, denial: 'office' });
  });

  it('cannot act on their own record once it is filed under another office', () => {
    expect(check(ana, 'record.edit', rec({ office: 'RS-PRE', reviewStatus: 'draft' }))).toEqual({ allowed: false, denial: 'office' });
  });

  it('do not export reports or manage devices', () => {
    expect(can(ana, 'report.export')).toBe(false);
    expect(can(ana, 'device.enrol')).toBe(false);
    expect(can(ana, 'device.revoke')).toBe(false);
  });
});

describe('supervisors', () => {
  it.each(['record.verify', 'record.return', 'record.reject'] as const)('%s submitted records of their own office', (action) => {
    expect(can(sonja, action, rec())).toBe(true);
  });

  it.each(['record.verify', 'record.return', 'record.reject'] as const)('%s only submitted records', (action) => {
    for (const r of inStates(NOT_SUBMITTED)) expect(check(sonja, action, r), r.reviewStatus).toEqual({ allowed: false, denial: 'state' });
  });

  it.each(['record.verify', 'record.return', 'record.reject'] as const)('may not %s another office\'s record', (action) => {
    expect(check(elena, action, rec())).toEqual({ allowed: false, denial: 'office' });
  });

  it('cannot verify their own record, even one they authored in their own office', () => {
    const own = rec({ author: 'sonja' });
    expect(check(sonja, 'record.verify', own)).toEqual({ allowed: false, denial: 'own_record' });
    expect(can(sonja, 'record.return', own)).toBe(false);
    expect(can(sonja, 'record.reject', own)).toBe(false);
    // another supervisor of the office can
    expect(can(petar, 'record.verify', own)).toBe(true);
  });

  it('edit any record of their office, in any state, but not another office\'s', () => {
    for (const r of inStates(REVIEW_STATUSES)) expect(can(sonja, 'record.edit', r), r.reviewStatus).toBe(true);
    expect(check(elena, 'record.edit', rec())).toEqual({ allowed: false, denial: 'office' });
  });

  it('create, submit and delete their own records like any author, not a monitor\'s', () => {
    expect(can(sonja, 'record.create')).toBe(true);
    expect(can(sonja, 'record.submit', rec({ author: 'sonja', reviewStatus: 'draft' }))).toBe(true);
    expect(can(sonja, 'record.delete', rec({ author: 'sonja', reviewStatus: 'returned' }))).toBe(true);
    expect(check(sonja, 'record.submit', rec({ reviewStatus: 'draft' }))).toEqual({ allowed: false, denial: 'not_author' });
    expect(check(sonja, 'record.delete', rec({ reviewStatus: 'draft' }))).toEqual({ allowed: false, denial: 'not_author' });
  });

  it('view their own office only', () => {
    expect(can(sonja, 'record.view', rec())).toBe(true);
    expect(check(elena, 'record.view', rec())).toEqual({ allowed: false, denial: 'office' });
  });

  it('do not export reports or manage devices', () => {
    expect(can(sonja, 'report.export')).toBe(false);
    expect(can(sonja, 'device.enrol')).toBe(false);
    expect(can(sonja, 'device.revoke')).toBe(false);
  });
});

describe('HQ analysts', () => {
  it('view records of every office, in any state', () => {
    for (const office of ['RS-BEL', 'MK-SKP', 'BA-SAR']) {
      for (const r of inStates(REVIEW_STATUSES, { office })) expect(can(hq, 'record.view', r)).toBe(true);
    }
  });

  it('can view a record of any office but not edit it', () => {
    const r = rec({ office: 'MK-SKP', reviewStatus: 'verified' });
    expect(can(hq, 'record.view', r)).toBe(true);
    expect(check(hq, 'record.edit', r)).toEqual({ allowed: false, denial: 'role' });
    expect(can(hq, 'record.edit', rec({ office: 'HQ-VIE', author: 'hanna', reviewStatus: 'draft' }))).toBe(false);
  });

  it('export reports', () => {
    expect(can(hq, 'report.export')).toBe(true);
  });

  it('do not create, delete, submit or review records, nor manage devices', () => {
    expect(can(hq, 'record.create')).toBe(false);
    for (const action of ['record.delete', 'record.submit', 'record.verify', 'record.return', 'record.reject'] as const) {
      expect(can(hq, action, rec()), action).toBe(false);
    }
    expect(can(hq, 'device.enrol')).toBe(false);
    expect(can(hq, 'device.revoke')).toBe(false);
  });
});

describe('administrators', () => {
  it('enrol and revoke devices', () => {
    expect(can(admin, 'device.enrol')).toBe(true);
    expect(can(admin, 'device.revoke')).toBe(true);
  });

  it('do not review, edit, view records or export reports', () => {
    for (const action of RECORD_ACTIONS) expect(check(admin, action, rec({ office: 'HQ-VIE' })), action).toEqual({ allowed: false, denial: 'role' });
    expect(can(admin, 'record.create')).toBe(false);
    expect(can(admin, 'report.export')).toBe(false);
  });
});

describe('tombstones', () => {
  const tomb = (patch: Partial<AccessSubject> = {}) => rec({ deleted: true, ...patch });

  it('cannot be edited, deleted again or submitted, even by their author', () => {
    for (const action of ['record.edit', 'record.delete', 'record.submit'] as const) {
      expect(check(ana, action, tomb({ reviewStatus: 'draft' })), action).toEqual({ allowed: false, denial: 'deleted' });
      expect(can(ana, action, rec({ reviewStatus: 'draft' })), action).toBe(true);
    }
    expect(check(sonja, 'record.edit', tomb())).toEqual({ allowed: false, denial: 'deleted' });
  });

  it('cannot be reviewed', () => {
    for (const action of ['record.verify', 'record.return', 'record.reject'] as const) {
      expect(check(sonja, action, tomb()), action).toEqual({ allowed: false, denial: 'deleted' });
    }
  });

  it('can still be viewed by those who see the office', () => {
    expect(can(marko, 'record.view', tomb())).toBe(true);
    expect(can(hq, 'record.view', tomb({ office: 'XK-PRI' }))).toBe(true);
    expect(can(elena, 'record.view', tomb())).toBe(false);
  });

  it('rule is stated per record action', () => {
    expect(RECORD_ACTIONS.filter((a) => tombstoneAllowed(a))).toEqual(['record.view', 'record.view_sensitive']);
  });
});

describe('authority (role, office, authorship; not state)', () => {
  it('answers as check does once state and tombstones are set aside', () => {
    const users = [ana, marko, sonja, petar, elena, hq, admin];
    const records = [...inStates(REVIEW_STATUSES), ...inStates(REVIEW_STATUSES, { author: 'sonja' }), rec({ office: 'MK-SKP' }), rec({ deleted: true })];
    for (const user of users) {
      for (const action of ACTIONS as readonly Action[]) {
        for (const r of records) {
          const full = check(user, action, r);
          const authority = checkAuthority(user, action, r);
          if (full.allowed) expect(authority, `${user.name} ${action} ${r.reviewStatus}`).toEqual({ allowed: true });
          else if (full.denial !== 'state' && full.denial !== 'deleted') expect(authority, `${user.name} ${action} ${r.reviewStatus}`).toEqual(full);
        }
      }
    }
  });

  it('lets a supervisor review a colleague\'s record whatever state it has reached meanwhile, never their own', () => {
    expect(check(sonja, 'record.return', rec({ reviewStatus: 'verified' }))).toEqual({ allowed: false, denial: 'state' });
    expect(checkAuthority(sonja, 'record.return', rec({ reviewStatus: 'verified' }))).toEqual({ allowed: true });
    expect(checkAuthority(sonja, 'record.verify', { office: 'RS-BEL', author: 'sonja' })).toEqual({ allowed: false, denial: 'own_record' });
    expect(checkAuthority(elena, 'record.verify', { office: 'RS-BEL', author: 'ana' })).toEqual({ allowed: false, denial: 'office' });
  });

  it('never grants what the role may never do', () => {
    for (const action of ['record.verify', 'record.return', 'record.reject'] as const) {
      expect(checkAuthority(ana, action, { office: 'RS-BEL', author: 'marko' })).toEqual({ allowed: false, denial: 'role' });
    }
    for (const action of ['record.create', 'record.edit', 'record.delete', 'record.submit'] as const) {
      expect(checkAuthority(hq, action, { office: 'HQ-VIE', author: 'hanna' }).allowed, action).toBe(false);
    }
    expect(checkAuthority(ana, 'record.edit')).toEqual({ allowed: false, denial: 'record_required' });
  });
});

describe('sensitive fields (record.view_sensitive)', () => {
  it('reach a field monitor on their own records of their office only', () => {
    expect(can(ana, 'record.view_sensitive', rec())).toBe(true);
    expect(check(marko, 'record.view_sensitive', rec())).toEqual({ allowed: false, denial: 'not_author' });
    expect(check(ana, 'record.view_sensitive', rec({ office: 'MK-SKP' }))).toEqual({ allowed: false, denial: 'office' });
    expect(can(ana, 'record.view_sensitive', rec({ classification: 'restricted' }))).toBe(true);
  });

  it('reach a supervisor on every record of their office, whoever wrote it', () => {
    expect(can(sonja, 'record.view_sensitive', rec())).toBe(true);
    expect(can(sonja, 'record.view_sensitive', rec({ classification: 'restricted', author: 'marko' }))).toBe(true);
    expect(check(elena, 'record.view_sensitive', rec())).toEqual({ allowed: false, denial: 'office' });
  });

  it('reach an HQ analyst on any office except records classified restricted', () => {
    for (const classification of ['internal', 'shareable_with_partners', 'public', undefined] as const) {
      const r = classification === undefined ? rec({ office: 'XK-PRI' }) : rec({ office: 'XK-PRI', classification });
      expect(can(hq, 'record.view_sensitive', r), classification).toBe(true);
    }
    expect(check(hq, 'record.view_sensitive', rec({ classification: 'restricted' }))).toEqual({ allowed: false, denial: 'role' });
    expect(permissionTable().find((row) => row.role === 'hq_analyst' && row.action === 'record.view_sensitive')).toMatchObject({
      allowed: true,
      offices: 'all',
      exceptClassifications: ['restricted'],
    });
  });

  it('never reach an administrator', () => {
    expect(check(admin, 'record.view_sensitive', rec({ office: 'HQ-VIE', author: 'adam' }))).toEqual({ allowed: false, denial: 'role' });
  });
});

describe('can and check agree', () => {
  it('for every user, action and a spread of records', () => {
    const users = [ana, marko, sonja, petar, elena, hq, admin];
    const records = [undefined, ...inStates(REVIEW_STATUSES), ...inStates(REVIEW_STATUSES, { author: 'sonja' }), rec({ office: 'MK-SKP' }), rec({ deleted: true })];
    for (const user of users) {
      for (const action of ACTIONS as readonly Action[]) {
        for (const r of records) expect(can(user, action, r)).toBe(check(user, action, r).allowed);
      }
    }
  });
});
