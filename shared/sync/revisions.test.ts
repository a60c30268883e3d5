import { describe, expect, it } from 'vitest';
import { conflictId, conflictRevision, openConflicts, pushedRevisionSchema } from './revisions';
import type { MergeConflict } from './merge-conflicts';

const conflict: MergeConflict = {
  recordId: '01900000-0000-7000-8000-000000000001',
  kind: 'edit',
  fields: ['summary', 'summaryLanguage'],
  kept: { summary: 'kept' },
  keptClock: '001773144002000-000000-dev_b',
  dropped: { summary: 'dropped', summaryLanguage: 'en' },
  droppedClock: '001773144001000-000000-dev_a',
};

describe('conflict revisions', () => {
  it('have one id for one conflict, whatever the order of its fields, and another for any other', () => {
    const id = conflictId(conflict);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(conflictId({ ...conflict, fields: ['summaryLanguage', 'summary'] })).toBe(id);
    expect(conflictId({ ...conflict, droppedClock: '001773144001000-000001-dev_a' })).not.toBe(id);
    expect(conflictId({ ...conflict, keptClock: conflict.droppedClock, droppedClock: conflict.keptClock })).not.toBe(id);
    expect(conflictId({ ...conflict, recordId: '01900000-0000-7000-8000-000000000002' })).not.toBe(id);
  });

  it('keep the dropped value as before and the kept as after, with the later clock as their time, the same on every replica', () => {
    const revision = conflictRevision(conflict);
    expect(revision).toEqual(conflictRevision({ ...conflict, fields: ['summaryLanguage', 'summary'] }));
    expect(revision).toMatchObject({
      action: 'conflict',
      by: '',
      hlc: conflict.keptClock,
      at: new Date(1_773_144_002_000).toISOString(),
      conflict: { kind: 'edit', droppedClock: conflict.droppedClock, keptClock: conflict.keptClock },
    });
    expect(revision.changes).toEqual([
      { field: 'summary', before: 'dropped', after: 'kept' },
      { field: 'summaryLanguage', before: 'en', after: null },
    ]);
  });

  it('are open until a resolve revision names them', () => {
    const a = { ...conflictRevision(conflict) };
    const b = { ...conflictRevision({ ...conflict, fields: ['kind'] }) };
    const edit = { id: 'e', action: 'edit' as const, hlc: '1', resolves: undefined };
    expect(openConflicts([a, b, edit]).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(openConflicts([a, b, { id: 'r', action: 'resolve' as const, hlc: '2', resolves: [a.id] }]).map((r) => r.id)).toEqual([b.id]);
  });

  it('are pushed only as conflicts with their clocks; a conflict id on any other revision is refused', () => {
    const base = { at: new Date().toISOString(), hlc: '001773144001000-000000-dev_a', changes: [] };
    expect(pushedRevisionSchema.safeParse({ ...base, id: '01900000-0000-7000-8000-000000000009', action: 'edit' }).success).toBe(true);
    expect(pushedRevisionSchema.safeParse({ ...base, id: conflictId(conflict), action: 'edit' }).success).toBe(false);
    expect(pushedRevisionSchema.safeParse({ ...base, id: '01900000-0000-7000-8000-000000000009', action: 'conflict' }).success).toBe(false);
    const revision = conflictRevision(conflict);
    expect(pushedRevisionSchema.safeParse({ id: revision.id, at: revision.at, hlc: revision.hlc, action: 'conflict', changes: revision.changes, conflict: revision.conflict }).success).toBe(true);
  });
});
