/**
 * Edits made in two places: which values a merge drops that their writer's counterpart
 * never saw, so that they can be kept (as revisions) and shown, never lost silently.
 *
 * The merge (merge-record.ts) is last-writer-wins per unit, and a later clock alone
 * cannot tell two stories apart:
 * - sequential: B pulled A's edit of the summary, then corrected it. A's value is old
 *   news; dropping it is what B meant.
 * - concurrent: A and B both changed the summary offline. B's is later, but B never saw
 *   A's: dropping it silently loses what A typed.
 * So every edit also records its base (`fieldBases`): the clock its unit had on the
 * writer's copy when the edit was made. An edit whose base is at or after the other
 * side's clock was made over it (sequential); one whose base is older was made without
 * it (concurrent), and the losing value is a conflict. Every replica sees the same two
 * versions meet and so reports the same conflict, on the device and on the server.
 *
 * Deletion is sticky (the tombstone always wins and edits still merge into it), so a
 * delete drops no value; a delete that did not see an edit made elsewhere is still a
 * conflict of its own kind, reported with the edit's values, which the tombstone keeps.
 * A delete's base is the record's `hlc` on the deleter's copy: deleting concerns every
 * field, not one unit.
 */
import type { Observation } from '../observations/observation-schema';
import { canonicalJson } from './canonical-json';
import { compareHlc, parseHlc } from './hlc';
import { unitClock, unitOf } from './merge-record';

/** One unit of a record on which two versions disagree, and which the winner's writer had not seen. */
export interface MergeConflict {
  recordId: string;
  /** `edit`: two edits of one unit, the loser's values dropped. `delete`: deleted on one side, edited on the other. */
  kind: 'edit' | 'delete';
  /** The unit's fields (MERGE_UNITS, or one field). For `delete`: the fields the unseen edit changed. */
  fields: readonly string[];
  /** The values the merge keeps for these fields, and their clock. */
  kept: Readonly<Record<string, unknown>>;
  keptClock: string;
  /** The values of the side that loses (for `delete`: the unseen edit, which the tombstone keeps). */
  dropped: Readonly<Record<string, unknown>>;
  droppedClock: string;
}

/** Fields that are the merge's bookkeeping, never a unit of their own. */
const BOOKKEEPING = new Set(['id', 'hlc', 'fieldClocks', 'fieldBases']);

/** The device that made a stamp ('' for no stamp or a broken one). */
function nodeOf(stamp: string): string {
  try {
    return parseHlc(stamp).node;
  } catch {
    return '';
  }
}

function later(a: string, b: string): string {
  return compareHlc(a, b) >= 0 ? a : b;
}

function valuesOf(record: Observation, fields: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const all = record as Readonly<Record<string, unknown>>;
  for (const field of fields) if (all[field] !== undefined) values[field] = all[field];
  return values;
}

/**
 * The base of the edit that set a unit's clock: the latest base among the members
 * stamped with that clock. A clock without a recorded base (a writer from before
 * bases) has the empty base: not proven to have seen anything, so a value it beats is
 * reported rather than lost.
 */
function baseOf(record: Observation, unit: readonly string[], clock: string): string {
  let base = '';
  for (const field of unit) {
    if (record.fieldClocks?.[field] === clock) base = later(base, record.fieldBases?.[field] ?? '');
  }
  return base;
}

/**
 * The units either side has a value or a clock for, in the order of their first field's
 * name: not in the order the two records happen to hold their keys, or the conflicts of
 * (a, b) and (b, a) would come in different orders (found by the property test).
 */
function unitsOf(a: Observation, b: Observation): (readonly string[])[] {
  const fields = new Set([...Object.keys(a), ...Object.keys(b), ...Object.keys(a.fieldClocks ?? {}), ...Object.keys(b.fieldClocks ?? {})]);
  const units = new Set<readonly string[]>();
  for (const field of fields) if (!BOOKKEEPING.has(field) && field !== 'deleted') units.add(unitOf(field));
  const first = (unit: readonly string[]): string => unit[0] ?? '';
  return [...units].sort((x, y) => (first(x) < first(y) ? -1 : first(x) > first(y) ? 1 : 0));
}

/** Which of two versions of a unit the merge keeps: the later clock, then the canonical text (as merge-record.ts). */
function winnerOf(a: Observation, b: Observation, unit: readonly string[]): [Observation, Observation] {
  const ca = unitClock(a, unit);
  const cb = unitClock(b, unit);
  const order = compareHlc(ca, cb) || compareHlc(canonicalJson(valuesOf(a, unit)), canonicalJson(valuesOf(b, unit)));
  return order >= 0 ? [a, b] : [b, a];
}

function editConflicts(a: Observation, b: Observation): MergeConflict[] {
  const conflicts: MergeConflict[] = [];
  for (const unit of unitsOf(a, b)) {
    const [winner, loser] = winnerOf(a, b, unit);
    const kept = valuesOf(winner, unit);
    const dropped = valuesOf(loser, unit);
    if (canonicalJson(kept) === canonicalJson(dropped)) continue;
    const droppedClock = unitClock(loser, unit);
    // The loser never edited this unit: its values are the creation's, which the winner's writer held.
    if (droppedClock === '') continue;
    const keptClock = unitClock(winner, unit);
    // One device wrote both: its later edit was made on a copy that held its earlier one.
    if (keptClock !== droppedClock && nodeOf(keptClock) !== '' && nodeOf(keptClock) === nodeOf(droppedClock)) continue;
    // Equal clocks with different values come from a faulty writer: neither saw the other.
    if (keptClock !== droppedClock && compareHlc(baseOf(winner, unit, keptClock), droppedClock) >= 0) continue;
    conflicts.push({ recordId: a.id, kind: 'edit', fields: unit, kept, keptClock, dropped, droppedClock });
  }
  return conflicts;
}

/** A tombstone meets a live version whose edits the deleter had not seen. */
function deleteConflict(deleted: Observation, live: Observation): MergeConflict | undefined {
  const deletedAt = deleted.fieldClocks?.deleted ?? '';
  const base = deleted.fieldBases?.deleted ?? '';
  const unseen = Object.entries(live.fieldClocks ?? {})
    .filter(([field, clock]) => field !== 'deleted' && compareHlc(clock, base) > 0 && clock !== (deleted.fieldClocks?.[field] ?? ''))
    .map(([field]) => field)
    .sort();
  if (unseen.length === 0) return undefined;
  const droppedClock = unseen.reduce((clock, field) => later(clock, live.fieldClocks?.[field] ?? ''), '');
  return {
    recordId: deleted.id,
    kind: 'delete',
    fields: unseen,
    kept: { deleted: true },
    keptClock: deletedAt,
    dropped: valuesOf(live, unseen),
    droppedClock,
  };
}

/**
 * The conflicts two versions of one record meet with: the same, whichever comes first
 * (tested). Empty when one version was made over the other, or they edited different
 * units, or they agree.
 */
export function conflictsOf(a: Observation, b: Observation): MergeConflict[] {
  if (a.id !== b.id) throw new Error(`cannot compare versions of different records (${a.id}, ${b.id})`);
  const conflicts = editConflicts(a, b);
  if (a.deleted !== b.deleted) {
    const found = a.deleted ? deleteConflict(a, b) : deleteConflict(b, a);
    if (found) conflicts.push(found);
  }
  return conflicts;
}

/**
 * The one way an edit stamps a record: each changed field gets the edit's stamp in
 * `fieldClocks` and, in `fieldBases`, the clock its unit had on this copy (for
 * `deleted`: the record's `hlc`); `hlc` becomes the stamp. Every writer (the device
 * store, test stores) goes through here, so that no edit travels without its base.
 *
 * When the unit's clock on this copy is this device's own earlier edit, the new edit
 * keeps that edit's base instead: a device's own clock says nothing of what it has seen
 * from others. Without it, an edit made here at 10, then another edited elsewhere at 5
 * (concurrently, on a slower clock), then a second edit here at 15 would carry base 10
 * and pass as made over 5, and 5 would be dropped without a trace (found by the sync
 * proof). The price: a value met by a merge here, then edited over again here, may be
 * reported a second time, as a conflict with the later edit (never lost, at worst
 * answered twice).
 */
export function stampEdit(current: Observation, next: Observation, changedFields: readonly string[], stamp: string): Observation {
  const fieldClocks: Record<string, string> = { ...current.fieldClocks };
  const fieldBases: Record<string, string> = { ...current.fieldBases };
  const self = nodeOf(stamp);
  for (const field of changedFields) {
    if (BOOKKEEPING.has(field)) continue;
    if (field === 'deleted') {
      fieldBases[field] = current.hlc;
      continue;
    }
    const unit = unitOf(field);
    const clock = unitClock(current, unit);
    fieldBases[field] = clock !== '' && self !== '' && nodeOf(clock) === self ? baseOf(current, unit, clock) : clock;
  }
  for (const field of changedFields) if (!BOOKKEEPING.has(field)) fieldClocks[field] = stamp;
  return { ...next, hlc: stamp, fieldClocks, fieldBases };
}
