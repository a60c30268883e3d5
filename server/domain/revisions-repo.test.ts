import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import type { PulledRevision } from '../../shared/sync/revisions';
import { conflictRevision } from '../../shared/sync/revisions';
import { fromPushed, revisionForViewer } from './revisions-repo';

const record = { id: 'r1', office: 'RS-BEL', author: 'Ana', classification: 'internal' } as unknown as Observation;
const revision: PulledRevision = {
  id: '01900000-0000-7000-8000-000000000001',
  recordId: 'r1',
  by: 'Ana',
  at: '2026-03-10T12:00:00.000Z',
  hlc: '001773144000000-000000-dev_a',
  action: 'edit',
  changes: [
    { field: 'notes', before: 'at the old mill', after: 'at the depot' },
    { field: 'source', before: null, after: { type: 'key_informant', name: 'Driver M.', reliability: 'C', credibility: '3' } },
    { field: 'summary', before: 'a', after: 'b' },
  ],
};

describe('revisions as a puller may see them', () => {
  it('withhold sensitive values from a role that may not see them, the rest of the change as it was', () => {
    const colleague = revisionForViewer({ name: 'Bo', role: 'field_monitor', office: 'RS-BEL' }, record, revision);
    expect(colleague.changes).toEqual([
      { field: 'notes', before: null, after: null },
      { field: 'source', before: null, after: { type: 'key_informant', name: null, reliability: 'C', credibility: '3' } },
      { field: 'summary', before: 'a', after: 'b' },
    ]);
    expect(JSON.stringify(colleague)).not.toMatch(/mill|depot|Driver/);
  });

  it('keep them for the author and the office supervisor', () => {
    expect(revisionForViewer({ name: 'Ana', role: 'field_monitor', office: 'RS-BEL' }, record, revision)).toEqual(revision);
    expect(revisionForViewer({ name: 'Sam', role: 'supervisor', office: 'RS-BEL' }, record, revision)).toEqual(revision);
  });
});

describe('pushed revisions as the server keeps them', () => {
  it('name the token\'s user, and give a conflict the stamps of its clocks, not the body\'s', () => {
    const edit = { id: revision.id, at: revision.at, hlc: revision.hlc, action: 'edit' as const, changes: revision.changes };
    expect(fromPushed(edit, 'r1', 'Ana')).toMatchObject({ by: 'Ana', at: revision.at, hlc: revision.hlc });
    const genuine = conflictRevision({ recordId: 'r1', kind: 'edit', fields: ['summary'], kept: { summary: 'k' }, keptClock: '001773144000000-000000-dev_a', dropped: { summary: 'd' }, droppedClock: '001773144000001-000000-dev_b' });
    const { conflict } = genuine;
    if (conflict === undefined) throw new Error('a conflict revision carries its clocks');
    const pushed = { id: genuine.id, at: '2099-01-01T00:00:00.000Z', hlc: '999999999999999-000000-dev_x', action: 'conflict' as const, changes: genuine.changes, conflict };
    expect(fromPushed(pushed, 'r1', 'Ana')).toEqual(genuine);
  });
});
