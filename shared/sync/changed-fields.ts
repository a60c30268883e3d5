/**
 * Which fields of a record one version changes from another: the one definition the
 * device store (revisions, field stamps), the server (push authorisation) and the test
 * stores share, so that they cannot disagree on what an edit touched.
 */
import type { Observation } from '../observations/observation-schema';
import { canonicalJson } from './canonical-json';

/** One field's change: its value before and after (null where the field was absent). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping the merge computes: never a change of the record's content. */
const BOOKKEEPING = new Set(['hlc', 'fieldClocks', 'fieldBases']);

/**
 * Top-level fields whose values differ between two versions of a record, compared as
 * canonical JSON (key order aside). An absent field and a null one differ: the merge
 * tells them apart, so a writer must stamp such a change like any other.
 */
export function changedFields(before: Observation, after: Observation): FieldChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  const a: Readonly<Record<string, unknown>> = before;
  const b: Readonly<Record<string, unknown>> = after;
  for (const field of keys) {
    if (BOOKKEEPING.has(field)) continue;
    if (canonicalJson(a[field]) !== canonicalJson(b[field])) changes.push({ field, before: a[field] ?? null, after: b[field] ?? null });
  }
  return changes;
}
