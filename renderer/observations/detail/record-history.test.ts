import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../shared/observations/observation-schema';
import type { RevisionRow } from '../../store/database';
import { storedRecord } from '../../../test-support/renderer/record-fixtures';
import { decidedStatus, historyOf } from './record-history';

const ctx = { placesById: new Map() };
const review = { reviewer: 'Sonja', reviewedAt: '2026-03-10T12:00:00.000Z', note: null };
const record: Observation = storedRecord({
  reviewStatus: 'verified',
  source: { type: null, name: null, reliability: 'B', credibility: '2' },
  review,
});
const edit: RevisionRow = {
  seq: 1,
  recordId: record.id,
  at: '2026-03-10T10:00:00.000Z',
  by: 'Ana',
  hlc: 'h1',
  action: 'edit',
  changes: [{ field: 'totalPersons', before: 19, after: 20 }],
};

describe('the history of a record', () => {
  it('lists the creation, this device\'s edits and a review taken elsewhere, newest first', () => {
    const history = historyOf(record, [edit], ctx);
    expect(history.map((e) => [e.action, e.by, e.fromRecord])).toEqual([
      ['review', 'Sonja', true],
      ['edit', 'Ana', false],
      ['create', 'Ana', true],
    ]);
    expect(history[0]?.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Review status', 'Submitted', 'Verified'],
      ['Review', '—', expect.stringMatching(/^Reviewer: Sonja; Reviewed at: /) as unknown],
    ]);
    expect(history[1]?.changes).toEqual([{ field: 'totalPersons', label: 'Total persons', before: '19', after: '20', sensitive: false }]);
  });

  it('does not repeat a review this device made and has as a revision', () => {
    const reviewedHere: RevisionRow = {
      seq: 2,
      recordId: record.id,
      at: '2026-03-10T12:00:01.000Z',
      by: 'Sonja',
      hlc: 'h2',
      action: 'review',
      changes: [
        { field: 'reviewStatus', before: 'submitted', after: 'verified' },
        { field: 'review', before: null, after: { note: null, reviewedAt: review.reviewedAt, reviewer: 'Sonja' } },
      ],
    };
    const history = historyOf(record, [edit, reviewedHere], ctx);
    expect(history.map((e) => e.action)).toEqual(['review', 'edit', 'create']);
    expect(history[0]?.fromRecord).toBe(false);
  });

  it('marks changes of sensitive fields', () => {
    const notes: RevisionRow = { ...edit, changes: [{ field: 'notes', before: null, after: 'named informant' }, { field: 'source', before: null, after: record.source }] };
    expect(historyOf({ ...record, review: undefined }, [notes], ctx)[0]?.changes.map((c) => c.sensitive)).toEqual([true, true]);
  });

  it('tells what a review decided from the state the record is in', () => {
    expect(decidedStatus('verified')).toBe('verified');
    expect(decidedStatus('rejected')).toBe('rejected');
    expect(decidedStatus('returned')).toBe('returned');
    // Back with the author after a review: it was returned, then submitted again.
    expect(decidedStatus('submitted')).toBe('returned');
  });
});
