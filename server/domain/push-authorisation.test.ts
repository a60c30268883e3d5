import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { actionsOfChange, judgeChange } from './push-authorisation';
import type { ChangeVerdict } from './push-authorisation';
import type { PushingDevice } from './push-authorisation';
import { heldRecord } from '../../test-support/server/test-records';

const monitor: PushingDevice = { role: 'field_monitor', office: 'RS-BEL', userName: 'ana' };
const supervisor: PushingDevice = { role: 'supervisor', office: 'RS-BEL', userName: 'sonja' };
const otherSupervisor: PushingDevice = { role: 'supervisor', office: 'MK-SKO', userName: 'elena' };
const analyst: PushingDevice = { role: 'hq_analyst', office: 'HQ-VIE', userName: 'hanna' };
const admin: PushingDevice = { role: 'administrator', office: 'HQ-VIE', userName: 'adam' };

/** Server time: just after every stamp below. */
const NOW = Date.parse('2026-03-11T00:00:00Z');

/** The refusal's code and message, or 'accepted'. */
function verdictOf(device: PushingDevice, held: Observation | undefined, pushed: Observation): string {
  const verdict: ChangeVerdict = judgeChange(device, held, pushed, NOW, 'changes.0');
  return verdict.outcome === 'accepted' ? 'accepted' : `${verdict.code}: ${verdict.message}`;
}

const record = heldRecord;

const graded = { type: 'direct_observation' as const, name: null, reliability: 'B' as const, credibility: '2' as const };
const review = (reviewer: string, note: string | null = null) => ({ reviewer, reviewedAt: '2026-03-10T12:00:00.000Z', note });
const verified = (reviewer = 'sonja') => record({ reviewStatus: 'verified', source: graded, review: review(reviewer), hlc: '001741600000001-000000-laptop2' });

describe('the actions a change takes', () => {
  it('names a new record a creation, and a new decided record also the decision', () => {
    expect(actionsOfChange(undefined, record())).toEqual([{ action: 'record.create', actor: 'author' }]);
    expect(actionsOfChange(undefined, verified())).toEqual([
      { action: 'record.create', actor: 'author' },
      { action: 'record.verify', actor: 'reviewer' },
    ]);
  });

  it('tells edits, deletions, submissions and review decisions apart, bookkeeping aside', () => {
    const held = record();
    expect(actionsOfChange(held, { ...held, hlc: 'later', fieldClocks: { summary: 'later' } })).toEqual([]);
    expect(actionsOfChange(held, { ...held, summary: 'Group of 43' })).toEqual([{ action: 'record.edit', actor: 'author' }]);
    expect(actionsOfChange(held, { ...held, deleted: true })).toEqual([{ action: 'record.delete', actor: 'author' }]);
    expect(actionsOfChange(record({ reviewStatus: 'returned' }), held)).toEqual([{ action: 'record.submit', actor: 'author' }]);
    expect(actionsOfChange(held, { ...held, reviewStatus: 'returned', review: review('sonja', 'count again') })).toEqual([
      { action: 'record.return', actor: 'reviewer' },
    ]);
    expect(actionsOfChange(held, { ...held, reviewStatus: 'rejected', review: review('sonja', 'duplicate') })).toEqual([
      { action: 'record.reject', actor: 'reviewer' },
    ]);
    // Grading the source as part of a verification is an edit of the content too.
    expect(actionsOfChange(held, verified()).map((a) => a.action)).toEqual(['record.edit', 'record.verify']);
  });

  it('sees a new decision in an already decided state, and none when the decision is unchanged', () => {
    const returned = record({ reviewStatus: 'returned', review: review('sonja', 'count again') });
    expect(actionsOfChange(returned, { ...returned, review: review('petar', 'and the children') })).toEqual([{ action: 'record.return', actor: 'reviewer' }]);
    expect(actionsOfChange(returned, { ...returned, summary: 'recounted' })).toEqual([{ action: 'record.edit', actor: 'author' }]);
  });

  it('names a new review that is no decision an edit: only a decision writes one', () => {
    const held = record();
    expect(actionsOfChange(held, { ...held, review: review('sonja', 'looks right') })).toEqual([{ action: 'record.edit', actor: 'author' }]);
    const later = '001741600000005-000000-hq';
    expect(verdictOf(analyst, held, { ...held, review: review('sonja', 'looks right'), hlc: later, fieldClocks: { review: later } })).toMatch(/^forbidden: .*may not edit this record/);
  });
});

describe('stale copies and forged stamps: judged on what the merge produces', () => {
  const t1 = '001741600000001-000000-laptop1';
  const t2 = '001741600000002-000000-laptop2';
  const t3 = '001741600000003-000000-laptop1';

  it('does not count a value older than the held one as a change: the merge sets it aside', () => {
    // Held: verified at t2. Pushed: the author's edit of the summary at t3, made on a copy still returned at t1.
    const held = record({ reviewStatus: 'verified', source: graded, review: review('sonja'), hlc: t2, fieldClocks: { reviewStatus: t2, review: t2, source: t2 } });
    const stale = record({
      reviewStatus: 'returned',
      review: review('petar', 'count again'),
      summary: 'recounted',
      hlc: t3,
      fieldClocks: { reviewStatus: t1, review: t1, summary: t3 },
    });
    expect(verdictOf(monitor, held, stale)).toBe('accepted');
    const verdict = judgeChange(monitor, held, stale, NOW, 'changes.0');
    expect(verdict.outcome === 'accepted' && [verdict.merged.reviewStatus, verdict.merged.summary]).toEqual(['verified', 'recounted']);
  });

  it('sees a decision that old review stamps carry in beside a new stamp of a field merged with them', () => {
    const held = record({ reviewStatus: 'returned', review: review('sonja', 'count again'), hlc: t2, fieldClocks: { reviewStatus: t2, review: t2 } });
    const forged = record({ reviewStatus: 'verified', source: graded, review: review('marko'), hlc: t3, fieldClocks: { reviewStatus: t1, review: t1, source: t3 } });
    expect(verdictOf(monitor, held, forged)).toMatch(/^forbidden: .*may not verify/);
    // Truly stale (every member of the unit older): nothing changes, nothing to refuse.
    const stale = { ...forged, review: review('marko'), fieldClocks: { reviewStatus: t1, review: t1, source: t1 } };
    expect(verdictOf(monitor, held, stale)).toBe('accepted');
  });

  it('refuses stamps it cannot believe before merging anything', () => {
    expect(verdictOf(monitor, record(), { ...record(), summary: 'x', fieldClocks: { summary: 'zzzz' } })).toMatch(/^invalid_stamp: changes\.0: fieldClocks\.summary is not an HLC stamp/);
    expect(verdictOf(monitor, record(), { ...record(), summary: 'x', fieldClocks: { summary: '009999999999999-000000-x' } })).toMatch(/^clock_skew: /);
    expect(verdictOf(monitor, record(), { ...record(), fieldClocks: { nothing: t1 } })).toMatch(/^invalid_stamp: .*names no field/);
  });
});

/** A later version of `held`, stamped as the app's store stamps an edit: hlc and each changed field. */
function edit(held: Observation, patch: Partial<Observation>, stamp = '001741600000050-000000-laptop9'): Observation {
  const fieldClocks = { ...held.fieldClocks };
  for (const field of Object.keys(patch)) fieldClocks[field] = stamp;
  return { ...held, ...patch, hlc: stamp, fieldClocks };
}
const decided = (status: 'verified' | 'returned' | 'rejected', reviewer: string): Partial<Observation> =>
  status === 'verified' ? { reviewStatus: status, source: graded, review: review(reviewer) } : { reviewStatus: status, review: review(reviewer, 'no') };

describe('who may push a change', () => {
  it('lets field monitors create, edit, submit and delete their own records, and nothing more', () => {
    expect(verdictOf(monitor, undefined, record())).toBe('accepted');
    expect(verdictOf(monitor, record(), edit(record(), { summary: 'x' }))).toBe('accepted');
    expect(verdictOf(monitor, record({ reviewStatus: 'returned' }), edit(record({ reviewStatus: 'returned' }), { reviewStatus: 'submitted' }))).toBe('accepted');
    expect(verdictOf(monitor, record(), edit(record(), { deleted: true }))).toBe('accepted');
    expect(verdictOf(monitor, record(), edit(record(), decided('verified', 'marko')))).toMatch(/^forbidden: .*enrolled as a field monitor, who may not verify this record/);
    expect(verdictOf(monitor, undefined, verified('marko'))).toMatch(/^forbidden: .*may not verify/);
    expect(verdictOf(monitor, record(), edit(record(), decided('returned', 'marko')))).toMatch(/may not return/);
    expect(verdictOf(monitor, record(), edit(record(), decided('rejected', 'marko')))).toMatch(/may not reject/);
    const colleagues = record({ author: 'marko' });
    expect(verdictOf(monitor, colleagues, edit(colleagues, { summary: 'x' }))).toMatch(/^forbidden: .*only the record's author may edit this record/);
  });

  it('lets supervisors edit and decide on their office\'s records written by someone else, in their own name', () => {
    expect(verdictOf(supervisor, record(), edit(record(), decided('verified', 'sonja')))).toBe('accepted');
    expect(verdictOf(supervisor, record(), edit(record(), decided('returned', 'sonja')))).toBe('accepted');
    expect(verdictOf(supervisor, record(), edit(record(), decided('verified', 'petar')))).toMatch(/^identity_mismatch: .*review\.reviewer/);
    expect(verdictOf(supervisor, record(), edit(record(), { reviewStatus: 'rejected' }))).toMatch(/^identity_mismatch: .*review\.reviewer/);
  });

  it('says nothing of a record of an office the device may not see', () => {
    const message = verdictOf(otherSupervisor, record(), edit(record(), decided('verified', 'elena')));
    expect(message).toMatch(/^forbidden: /);
    expect(message).not.toMatch(/RS-BEL|ana/);
  });

  it('never lets an author change, nor a supervisor decide on their own record', () => {
    const own = record({ author: 'sonja' });
    expect(verdictOf(supervisor, own, edit(own, decided('verified', 'sonja')))).toMatch(/^forbidden: .*sonja wrote this record, so another supervisor must verify it/);
    expect(verdictOf(supervisor, own, edit(own, { ...decided('verified', 'sonja'), author: 'someone else' }))).toMatch(/^identity_mismatch: .*author never changes/);
  });

  it('does not judge the state: a decision that crossed a colleague\'s in the post is the merge\'s to settle', () => {
    const byPetar = edit(record(), decided('verified', 'petar'), '001741600000010-000000-laptop3');
    expect(verdictOf(supervisor, byPetar, edit(record(), decided('returned', 'sonja'), '001741600000011-000000-laptop2'))).toBe('accepted');
  });

  it('lets HQ analysts and administrators write nothing', () => {
    expect(verdictOf(analyst, undefined, record({ office: 'HQ-VIE', mission: 'HQ', author: 'hanna' }))).toMatch(/^forbidden: .*may not create records/);
    expect(verdictOf(analyst, record(), edit(record(), { summary: 'x' }))).toMatch(/^forbidden: .*may not edit/);
    expect(verdictOf(analyst, record(), edit(record(), decided('verified', 'hanna')))).toMatch(/an HQ analyst, who may not/);
    expect(verdictOf(admin, undefined, record({ office: 'HQ-VIE', mission: 'HQ', author: 'adam' }))).toMatch(/^forbidden: .*may not create records/);
    expect(verdictOf(admin, record(), edit(record(), { summary: 'x' }))).toMatch(/^forbidden: /);
  });

  it('lets a change that changes nothing through, whoever may see the record', () => {
    expect(verdictOf(analyst, verified(), verified())).toBe('accepted');
  });
});

describe('no stamps a field monitor can send end with a decision of theirs (property)', () => {
  const stampAt = (n: number) => `0017416000${String(n).padStart(5, '0')}-000000-laptop${n % 3}`;
  const states = ['draft', 'submitted', 'verified', 'returned', 'rejected'] as const;

  it('holds for any held review state and clocks, and any pushed values and clocks', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.record({ reviewStatus: fc.integer({ min: 1, max: 50 }), review: fc.integer({ min: 1, max: 50 }), source: fc.integer({ min: 1, max: 50 }) }),
        fc.constantFrom(...states),
        fc.record({ reviewStatus: fc.integer({ min: 0, max: 60 }), review: fc.integer({ min: 0, max: 60 }), source: fc.integer({ min: 0, max: 60 }), summary: fc.integer({ min: 0, max: 60 }) }),
        fc.constantFrom('ana', 'marko', 'sonja'),
        (heldStatus, heldClocks, pushedStatus, pushedClocks, reviewer) => {
          const heldStamp = stampAt(Math.max(heldClocks.reviewStatus, heldClocks.review, heldClocks.source));
          const decidedHeld = heldStatus !== 'draft' && heldStatus !== 'submitted';
          const held = record({
            reviewStatus: heldStatus,
            ...(decidedHeld ? { review: review('sonja', heldStatus === 'verified' ? null : 'no'), source: graded } : {}),
            hlc: heldStamp,
            fieldClocks: { reviewStatus: stampAt(heldClocks.reviewStatus), review: stampAt(heldClocks.review), source: stampAt(heldClocks.source) },
          });
          const clocks = Object.fromEntries(Object.entries(pushedClocks).filter(([, n]) => n > 0).map(([field, n]) => [field, stampAt(n)]));
          const fieldClocks: Record<string, string> = { ...held.fieldClocks, ...clocks };
          const pushed: Observation = {
            ...held,
            reviewStatus: pushedStatus,
            review: review(reviewer, pushedStatus === 'verified' ? null : 'x'),
            source: { ...graded, reliability: 'A' },
            summary: 'changed',
            hlc: Object.values(fieldClocks).sort().at(-1) ?? heldStamp,
            fieldClocks,
          };
          const verdict = judgeChange(monitor, held, pushed, NOW, 'changes.0');
          if (verdict.outcome !== 'accepted') return;
          accepted += 1;
          const decided = verdict.merged.reviewStatus !== 'draft' && verdict.merged.reviewStatus !== 'submitted';
          if (decided) {
            // Any decision the merged record carries is the one the server held.
            expect(verdict.merged.reviewStatus).toBe(held.reviewStatus);
            expect(verdict.merged.review).toEqual(held.review);
          }
        },
      ),
      { numRuns: 2000 },
    );
    // Not vacuous: plenty of the generated changes get through (stale review fields, or none decided).
    expect(accepted).toBeGreaterThan(200);
  });
});
