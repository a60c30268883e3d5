import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '../access/roles';
import type { User } from '../access/roles';
import { REVIEW_STATUSES } from '../observations/codelists';
import type { ReviewStatus } from '../observations/codelists';
import { checkRules } from '../observations/observation-rules';
import type { Observation } from '../observations/observation-schema';
import { observationSchema } from '../observations/observation-schema';
import {
  applyReview,
  availableReviewActions,
  refusalKey,
  REVIEW_ACTIONS,
  REVIEW_NOTE_MAX_LENGTH,
  REVIEW_REFUSAL_KEYS,
  REVIEW_REFUSALS,
  REVIEW_TRANSITIONS,
} from './review-transitions';

const ana: User = { name: 'ana', role: 'field_monitor', office: 'RS-BEL' };
const marko: User = { name: 'marko', role: 'field_monitor', office: 'RS-BEL' };
const sonja: User = { name: 'sonja', role: 'supervisor', office: 'RS-BEL' };
const elena: User = { name: 'elena', role: 'supervisor', office: 'MK-SKP' };
const hq: User = { name: 'hanna', role: 'hq_analyst', office: 'HQ-VIE' };
const admin: User = { name: 'adam', role: 'administrator', office: 'HQ-VIE' };

const nowIso = '2026-03-10T12:00:00.000Z';

function observation(patch: Partial<Observation> = {}): Observation {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'ana',
    device: 'laptop-1',
    observedStart: '2026-03-10T09:00:00.000Z',
    reportedAt: '2026-03-10T09:30:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 42,
    summary: 'Group of 42 arriving on foot',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: '0001741600000000:0000:laptop-1',
    source: { type: 'direct_observation', name: null, reliability: 'B', credibility: '2' },
    ...patch,
  };
}

describe('the machine', () => {
  it('has exactly the transitions of PRODUCT.md and no way out of verified or rejected', () => {
    expect(REVIEW_ACTIONS).toEqual(['submit', 'verify', 'return', 'reject']);
    const leaving = new Set(REVIEW_ACTIONS.flatMap((a) => REVIEW_TRANSITIONS[a].from));
    expect(leaving).toEqual(new Set(['draft', 'returned', 'submitted']));
  });

  it('agrees with the access rule book: no role may act in a state the machine does not allow', () => {
    for (const action of REVIEW_ACTIONS) {
      const { from, access } = REVIEW_TRANSITIONS[action];
      for (const role of ROLES) {
        const grant = PERMISSIONS[role][access];
        if (grant.kind === 'record') {
          expect(grant.states, `${role} ${access}`).not.toBe('any');
          if (grant.states !== 'any') for (const s of grant.states) expect(from, `${role} ${access}`).toContain(s);
        }
      }
    }
  });

  it('refusal codes each have an i18n key', () => {
    expect(REVIEW_REFUSAL_KEYS).toEqual(REVIEW_REFUSALS.map((c) => `review.refusal.${c}`));
    expect(refusalKey('own_record')).toBe('review.refusal.own_record');
  });
});

describe('submit', () => {
  it.each(['draft', 'returned'] as const)('takes the author\'s %s record to submitted', (reviewStatus) => {
    const review = { reviewer: 'sonja', reviewedAt: '2026-03-09T08:00:00.000Z', note: 'Count the children separately' };
    const before = observation({ reviewStatus, review });
    const result = applyReview(before, 'submit', { user: ana, nowIso });
    expect(result).toEqual({ ok: true, record: { ...before, reviewStatus: 'submitted' }, changedFields: ['reviewStatus'] });
  });

  it.each(['submitted', 'verified', 'rejected'] as const)('refuses a %s record', (reviewStatus) => {
    expect(applyReview(observation({ reviewStatus }), 'submit', { user: ana, nowIso })).toEqual({ ok: false, reason: 'wrong_state' });
  });

  it('is the author\'s alone', () => {
    const draft = observation({ reviewStatus: 'draft' });
    for (const user of [marko, sonja, hq, admin]) {
      expect(applyReview(draft, 'submit', { user, nowIso }), user.name).toEqual({ ok: false, reason: 'not_allowed' });
    }
  });

  it('lets a supervisor submit their own record', () => {
    const result = applyReview(observation({ author: 'sonja', reviewStatus: 'draft' }), 'submit', { user: sonja, nowIso });
    expect(result.ok && result.record.reviewStatus).toBe('submitted');
  });

  it('refuses a tombstone', () => {
    expect(applyReview(observation({ reviewStatus: 'draft', deleted: true }), 'submit', { user: ana, nowIso })).toEqual({ ok: false, reason: 'deleted' });
  });
});

describe('verify', () => {
  it('takes a graded submitted record to verified, recording reviewer and time', () => {
    const before = observation();
    const result = applyReview(before, 'verify', { user: sonja, nowIso });
    expect(result).toEqual({
      ok: true,
      record: { ...before, reviewStatus: 'verified', review: { reviewer: 'sonja', reviewedAt: nowIso, note: null } },
      changedFields: ['reviewStatus', 'review'],
    });
    expect(before.reviewStatus).toBe('submitted');
    expect(before.review).toBeUndefined();
  });

  it('produces a record that passes the schema and the cross-field rules', () => {
    const result = applyReview(observation(), 'verify', { user: sonja, note: '  Confirmed by UNHCR  ', nowIso });
    if (!result.ok) throw new Error(result.reason);
    expect(result.record.review?.note).toBe('Confirmed by UNHCR');
    expect(observationSchema.safeParse(result.record).success).toBe(true);
    expect(checkRules(result.record, Date.parse(nowIso)).issues).toEqual([]);
  });

  it('does not touch the HLC or field clocks', () => {
    const before = observation({ fieldClocks: { summary: '0001741600000000:0000:laptop-1' } });
    const result = applyReview(before, 'verify', { user: sonja, nowIso });
    expect(result.ok && result.record.hlc).toBe(before.hlc);
    expect(result.ok && result.record.fieldClocks).toEqual(before.fieldClocks);
  });

  it('is refused without a credibility grade', () => {
    const ungraded = observation({ source: { type: 'ngo', name: null, reliability: 'B', credibility: null } });
    expect(applyReview(ungraded, 'verify', { user: sonja, nowIso })).toEqual({ ok: false, reason: 'grades_missing' });
  });

  it('is refused without a reliability grade, or without any source', () => {
    const ungraded = observation({ source: { type: 'ngo', name: null, reliability: null, credibility: '3' } });
    expect(applyReview(ungraded, 'verify', { user: sonja, nowIso })).toEqual({ ok: false, reason: 'grades_missing' });
    expect(applyReview(observation({ source: undefined }), 'verify', { user: sonja, nowIso })).toEqual({ ok: false, reason: 'grades_missing' });
  });

  it('is refused to a supervisor on their own record, even one they authored in their own office', () => {
    const own = observation({ author: 'sonja' });
    expect(applyReview(own, 'verify', { user: sonja, nowIso })).toEqual({ ok: false, reason: 'own_record' });
  });

  it('is refused to a field monitor, on any record', () => {
    expect(applyReview(observation({ author: 'marko' }), 'verify', { user: ana, nowIso })).toEqual({ ok: false, reason: 'not_allowed' });
    expect(applyReview(observation(), 'verify', { user: ana, nowIso })).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('is refused to a supervisor of another office, an HQ analyst and an administrator', () => {
    for (const user of [elena, hq, admin]) {
      expect(applyReview(observation(), 'verify', { user, nowIso }), user.name).toEqual({ ok: false, reason: 'not_allowed' });
    }
  });

  it.each(['draft', 'returned', 'verified', 'rejected'] as const)('is refused on a %s record', (reviewStatus) => {
    expect(applyReview(observation({ reviewStatus }), 'verify', { user: sonja, nowIso })).toEqual({ ok: false, reason: 'wrong_state' });
  });

  it('refuses a note longer than the schema allows', () => {
    const note = 'x'.repeat(REVIEW_NOTE_MAX_LENGTH + 1);
    expect(applyReview(observation(), 'verify', { user: sonja, note, nowIso })).toEqual({ ok: false, reason: 'note_too_long' });
    expect(applyReview(observation(), 'verify', { user: sonja, note: note.slice(1), nowIso }).ok).toBe(true);
  });
});

describe.each(['return', 'reject'] as const)('%s', (action) => {
  const to: ReviewStatus = action === 'return' ? 'returned' : 'rejected';

  it(`takes a submitted record to ${to}, with the note`, () => {
    const before = observation({ source: undefined });
    const result = applyReview(before, action, { user: sonja, note: '  Which crossing?  ', nowIso });
    expect(result).toEqual({
      ok: true,
      record: { ...before, reviewStatus: to, review: { reviewer: 'sonja', reviewedAt: nowIso, note: 'Which crossing?' } },
      changedFields: ['reviewStatus', 'review'],
    });
  });

  it('is refused without a note, or with only blanks', () => {
    for (const note of [undefined, null, '', '   \n ']) {
      expect(applyReview(observation(), action, { user: sonja, note, nowIso }), JSON.stringify(note)).toEqual({ ok: false, reason: 'note_required' });
    }
  });

  it('refuses a note longer than the schema allows', () => {
    expect(applyReview(observation(), action, { user: sonja, note: 'x'.repeat(REVIEW_NOTE_MAX_LENGTH + 1), nowIso })).toEqual({
      ok: false,
      reason: 'note_too_long',
    });
  });

  it('is refused on the reviewer\'s own record', () => {
    expect(applyReview(observation({ author: 'sonja' }), action, { user: sonja, note: 'n', nowIso })).toEqual({ ok: false, reason: 'own_record' });
  });

  it('is refused to anyone but a supervisor of the office', () => {
    for (const user of [ana, marko, elena, hq, admin]) {
      expect(applyReview(observation(), action, { user, note: 'n', nowIso }), user.name).toEqual({ ok: false, reason: 'not_allowed' });
    }
  });

  it.each(['draft', 'returned', 'verified', 'rejected'] as const)('is refused on a %s record', (reviewStatus) => {
    expect(applyReview(observation({ reviewStatus }), action, { user: sonja, note: 'n', nowIso })).toEqual({ ok: false, reason: 'wrong_state' });
  });
});

describe('tombstones', () => {
  it.each(['verify', 'return', 'reject'] as const)('cannot be reviewed (%s)', (action) => {
    const tomb = observation({ deleted: true });
    expect(applyReview(tomb, action, { user: sonja, note: 'n', nowIso })).toEqual({ ok: false, reason: 'deleted' });
  });

  it('still reads as not allowed to someone outside the office', () => {
    expect(applyReview(observation({ deleted: true }), 'verify', { user: elena, nowIso })).toEqual({ ok: false, reason: 'not_allowed' });
  });
});

describe('availableReviewActions', () => {
  it('offers each person what they could do now', () => {
    expect(availableReviewActions(observation(), sonja)).toEqual(['verify', 'return', 'reject']);
    expect(availableReviewActions(observation({ author: 'sonja' }), sonja)).toEqual([]);
    expect(availableReviewActions(observation(), ana)).toEqual([]);
    expect(availableReviewActions(observation({ reviewStatus: 'returned' }), ana)).toEqual(['submit']);
    expect(availableReviewActions(observation({ reviewStatus: 'returned', deleted: true }), ana)).toEqual([]);
    expect(availableReviewActions(observation(), hq)).toEqual([]);
  });

  it('never offers an action that applyReview would refuse for role, office or state', () => {
    const users = [ana, marko, sonja, elena, hq, admin];
    for (const reviewStatus of REVIEW_STATUSES) {
      for (const deleted of [false, true]) {
        const r = observation({ reviewStatus, deleted });
        for (const user of users) {
          for (const action of REVIEW_ACTIONS) {
            const result = applyReview(r, action, { user, note: 'n', nowIso });
            expect(availableReviewActions(r, user).includes(action), `${user.name} ${action} ${reviewStatus} ${String(deleted)}`).toBe(result.ok);
          }
        }
      }
    }
  });
});
