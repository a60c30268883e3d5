import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { actionsOfChange, refusalOfChange } from './push-authorisation';
import type { PushingDevice } from './push-authorisation';

const monitor: PushingDevice = { role: 'field_monitor', office: 'RS-BEL' };
const supervisor: PushingDevice = { role: 'supervisor', office: 'RS-BEL' };
const otherSupervisor: PushingDevice = { role: 'supervisor', office: 'MK-SKO' };
const analyst: PushingDevice = { role: 'hq_analyst', office: 'HQ-VIE' };
const admin: PushingDevice = { role: 'administrator', office: 'HQ-VIE' };

function record(patch: Partial<Observation> = {}): Observation {
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
    summary: 'Group of 42',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: '001741600000000-000000-laptop1',
    ...patch,
  };
}

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
});

describe('stale copies and field clocks', () => {
  const t1 = '001741600000001-000000-laptop1';
  const t2 = '001741600000002-000000-laptop2';
  const t3 = '001741600000003-000000-laptop1';

  it('does not count a value older than the held one as a change: the merge sets it aside', () => {
    // Held: verified at t2. Pushed: the author's edit of the summary at t3, made on a copy still returned at t1.
    const held = record({ reviewStatus: 'verified', source: graded, review: review('sonja'), fieldClocks: { reviewStatus: t2, review: t2, source: t2 } });
    const stale = record({
      reviewStatus: 'returned',
      review: review('petar', 'count again'),
      summary: 'recounted',
      fieldClocks: { reviewStatus: t1, review: t1, summary: t3 },
    });
    expect(actionsOfChange(held, stale)).toEqual([{ action: 'record.edit', actor: 'author' }]);
    expect(refusalOfChange(monitor, held, stale)).toBeUndefined();
  });

  it('counts a decision stamped as new as the held one, or newer, or not stamped where the held one is not either', () => {
    const held = record({ fieldClocks: { reviewStatus: t2, review: t2 } });
    const forged = (clock: string | undefined) =>
      record({ reviewStatus: 'verified', source: graded, review: review('marko'), fieldClocks: clock === undefined ? {} : { reviewStatus: clock, review: clock } });
    expect(refusalOfChange(monitor, held, forged(t2))).toMatch(/may not verify/);
    expect(refusalOfChange(monitor, held, forged(t3))).toMatch(/may not verify/);
    expect(refusalOfChange(monitor, record(), forged(undefined))).toMatch(/may not verify/);
    // Older than what the server holds: a stale copy, whatever it says.
    expect(actionsOfChange(held, forged(t1)).map((a) => a.action)).toEqual(['record.edit']);
  });
});

describe('who may push a change', () => {
  it('lets field monitors create, edit, submit and delete, and nothing more', () => {
    expect(refusalOfChange(monitor, undefined, record())).toBeUndefined();
    expect(refusalOfChange(monitor, record(), { ...record(), summary: 'x' })).toBeUndefined();
    expect(refusalOfChange(monitor, record({ reviewStatus: 'returned' }), record())).toBeUndefined();
    expect(refusalOfChange(monitor, record(), record({ deleted: true }))).toBeUndefined();
    expect(refusalOfChange(monitor, record(), verified('marko'))).toMatch(/enrolled as a field monitor, who may not verify this record/);
    expect(refusalOfChange(monitor, undefined, verified('marko'))).toMatch(/may not verify/);
    expect(refusalOfChange(monitor, record(), record({ reviewStatus: 'returned', review: review('marko', 'no') }))).toMatch(/may not return/);
    expect(refusalOfChange(monitor, record(), record({ reviewStatus: 'rejected', review: review('marko', 'no') }))).toMatch(/may not reject/);
  });

  it('lets supervisors decide on their office\'s records written by someone else', () => {
    expect(refusalOfChange(supervisor, record(), verified('sonja'))).toBeUndefined();
    expect(refusalOfChange(supervisor, record(), record({ reviewStatus: 'returned', review: review('sonja', 'count again') }))).toBeUndefined();
    expect(refusalOfChange(otherSupervisor, record(), verified('elena'))).toMatch(/belongs to office RS-BEL/);
  });

  it('judges authorship on the held version: rewriting the author in the same change does not help', () => {
    const own = record({ author: 'sonja' });
    expect(refusalOfChange(supervisor, own, verified('sonja'))).toMatch(/sonja wrote this record/);
    expect(refusalOfChange(supervisor, own, { ...verified('sonja'), author: 'someone else' })).toMatch(/sonja wrote this record/);
  });

  it('does not judge the state: a decision that crossed a colleague\'s in the post is the merge\'s to settle', () => {
    expect(refusalOfChange(supervisor, verified('petar'), record({ reviewStatus: 'returned', review: review('sonja', 'count again') }))).toBeUndefined();
  });

  it('needs a review decision to name its reviewer', () => {
    expect(refusalOfChange(supervisor, record(), record({ reviewStatus: 'rejected' }))).toMatch(/must name its reviewer/);
  });

  it('lets HQ analysts and administrators write nothing', () => {
    for (const device of [analyst, admin]) {
      expect(refusalOfChange(device, undefined, record({ office: 'HQ-VIE', mission: 'HQ' }))).toMatch(/may not create records/);
      expect(refusalOfChange(device, record(), { ...record(), summary: 'x' })).toMatch(/may not edit/);
    }
    expect(refusalOfChange(analyst, record(), verified('hanna'))).toMatch(/an HQ analyst, who may not/);
  });

  it('lets a retried change that changes nothing through, whoever pushes it', () => {
    expect(refusalOfChange(analyst, verified(), verified())).toBeUndefined();
  });
});
