/**
 * The history of one record, newest first, as the detail view lists it: its revisions
 * (who changed which fields, from what to what; made here or synced from other devices,
 * shared/sync/revisions.ts), the conflicts merges met (value not kept → value kept) and
 * their answers, the creation, and the record's last review decision when no revision
 * of it has reached this device (revisions made before they synced stayed on their
 * device; the decision is then read from the record itself).
 */
import type { ReviewStatus } from '../../../shared/observations/codelists';
import type { Observation } from '../../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../../shared/observations/sensitive-fields';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import type { RevisionRow } from '../../store/database';
import { fieldLabel, fieldValueText } from './record-fields';
import type { FieldContext } from './record-fields';

export interface HistoryChange {
  field: string;
  label: string;
  before: string;
  after: string;
  /** The field is or holds a sensitive field. */
  sensitive: boolean;
  /** Both values were withheld from this device: the change is shown, its values are not. */
  withheld?: true;
}

export interface HistoryEntry {
  key: string;
  at: string;
  by: string;
  action: RevisionRow['action'] | 'create';
  changes: HistoryChange[];
  /** Read from the record (a decision taken on another device), not from this device's revisions. */
  fromRecord: boolean;
  /** For a conflict: an edit dropped (`edit`), or a delete that never saw an edit (`delete`). */
  conflictKind?: 'edit' | 'delete';
}

function holdsSensitive(field: string): boolean {
  return SENSITIVE_FIELD_PATHS.some((path) => path === field || path.startsWith(`${field}.`));
}

/** Canonical JSON in which an absent value and null read the same. */
function canonical(value: unknown): string {
  return canonicalJson(value ?? null);
}

/**
 * The state a review decision led to. A record back in `submitted` (or `draft`) with a
 * review was returned and submitted again: only a return leads back to the author.
 */
export function decidedStatus(status: ReviewStatus): ReviewStatus {
  return status === 'verified' || status === 'rejected' || status === 'returned' ? status : 'returned';
}

function change(field: string, before: unknown, after: unknown, ctx: FieldContext, withheld: readonly string[] = []): HistoryChange {
  const shown: HistoryChange = {
    field,
    label: fieldLabel(field),
    before: fieldValueText(field, before, ctx, withheld),
    after: fieldValueText(field, after, ctx, withheld),
    sensitive: holdsSensitive(field),
  };
  const hidden = withheld.includes(field) && (before ?? null) === null && (after ?? null) === null;
  return hidden ? { ...shown, withheld: true } : shown;
}

/**
 * `withheld`: the paths the server withholds from this device for the record (the
 * `withheld` table): revisions pulled here hold null for them, shown as withheld.
 */
export function historyOf(record: Observation, revisions: readonly RevisionRow[], ctx: FieldContext, withheld: readonly string[] = []): HistoryEntry[] {
  const entries: (HistoryEntry & { order: number })[] = revisions.map((revision, i) => ({
    key: `revision-${revision.seq ?? i}`,
    at: revision.at,
    by: revision.by,
    action: revision.action,
    // A conflict lists its whole unit; the fields both versions agreed on say nothing.
    changes: revision.changes
      .filter((c) => revision.conflict?.kind !== 'edit' || canonical(c.before) !== canonical(c.after))
      .map((c) => change(c.field, c.before, c.after, ctx, withheld)),
    fromRecord: false,
    ...(revision.conflict !== undefined ? { conflictKind: revision.conflict.kind } : {}),
    order: i + 1,
  }));

  const review = record.review;
  const reviewedHere = revisions.some((revision) => revision.changes.some((c) => c.field === 'review' && canonical(c.after) === canonical(review)));
  if (review?.reviewedAt && !reviewedHere) {
    entries.push({
      key: 'review-from-record',
      at: review.reviewedAt,
      by: review.reviewer ?? '',
      action: 'review',
      changes: [change('reviewStatus', 'submitted', decidedStatus(record.reviewStatus), ctx), change('review', null, review, ctx)],
      fromRecord: true,
      order: 0,
    });
  }

  entries.push({ key: 'created', at: record.reportedAt, by: record.author, action: 'create', changes: [], fromRecord: true, order: -1 });

  // Newest first; at equal times, the later write first and the creation last.
  return entries
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.order - a.order))
    .map(({ order: _order, ...entry }) => entry);
}
