/**
 * What the Conflicts view shows of one conflict (shared/sync/revisions.ts): per field of
 * the unit, the two versions that met and the value the record holds now, and who wrote
 * each version when. "Mine" is the version typed on this device (its clock's node is
 * this device's id); when neither was, the two are "A" (the value not kept) and "B"
 * (the value kept). Who and when come from the edit revisions at the two clocks, which
 * sync; a version whose revision has not reached this device says so.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { parseHlc } from '../../shared/sync/hlc';
import type { RevisionRow } from '../store/database';

export interface ConflictSide {
  /** Which version: not kept by the merge (`dropped`) or kept (`kept`). */
  side: 'dropped' | 'kept';
  /** `mine`: typed on this device; `theirs`: the other when one is mine; `a` / `b`: neither is mine. */
  label: 'mine' | 'theirs' | 'a' | 'b';
  /** Per field of the unit, the value this version had. */
  values: Record<string, unknown>;
  /** Who wrote it and when, from its revision; null while that revision has not reached this device. */
  by: string | null;
  at: string | null;
}

export interface ConflictView {
  id: string;
  recordId: string;
  kind: 'edit' | 'delete';
  fields: string[];
  /** The fields whose values the two versions disagree on (the rest of the unit came along). */
  differing: string[];
  /** In display order: mine first when one is mine, else A then B. */
  sides: [ConflictSide, ConflictSide];
  /** The record's values now (the merge, and whatever came after). */
  merged: Record<string, unknown>;
}

function nodeOf(clock: string): string | null {
  try {
    return parseHlc(clock).node;
  } catch {
    return null;
  }
}

/** The edit revision of this record stamped with `clock`: the one that wrote the version. */
function writerOf(history: readonly RevisionRow[], clock: string): RevisionRow | undefined {
  return history.find((revision) => revision.hlc === clock && revision.action !== 'conflict' && revision.action !== 'resolve');
}

export function conflictView(conflict: RevisionRow, record: Observation, history: readonly RevisionRow[], localDeviceId: string): ConflictView | null {
  const info = conflict.conflict;
  if (conflict.id === undefined || info === undefined) return null;
  const fields = conflict.changes.map((change) => change.field);
  const dropped: Record<string, unknown> = {};
  const kept: Record<string, unknown> = {};
  for (const change of conflict.changes) {
    dropped[change.field] = change.before;
    kept[change.field] = change.after;
  }
  const current = record as Readonly<Record<string, unknown>>;
  const merged = Object.fromEntries(fields.map((field) => [field, current[field] ?? null]));
  const droppedMine = nodeOf(info.droppedClock) === localDeviceId;
  const keptMine = nodeOf(info.keptClock) === localDeviceId;
  const side = (which: 'dropped' | 'kept', values: Record<string, unknown>, clock: string, mine: boolean, otherMine: boolean): ConflictSide => {
    const writer = writerOf(history, clock);
    const label: ConflictSide['label'] = mine ? 'mine' : otherMine ? 'theirs' : which === 'dropped' ? 'a' : 'b';
    return { side: which, label, values, by: writer?.by ?? null, at: writer?.at ?? null };
  };
  const droppedSide = side('dropped', dropped, info.droppedClock, droppedMine, keptMine);
  // For a delete, the kept side is the tombstone: the record as it is, marked deleted.
  const keptSide = side('kept', info.kind === 'delete' ? merged : kept, info.keptClock, keptMine && !droppedMine, droppedMine);
  const sides: [ConflictSide, ConflictSide] = keptSide.label === 'mine' ? [keptSide, droppedSide] : [droppedSide, keptSide];
  const differing = info.kind === 'delete' ? fields : fields.filter((field) => canonicalJson(dropped[field] ?? null) !== canonicalJson(kept[field] ?? null));
  return { id: conflict.id, recordId: record.id, kind: info.kind, fields, differing, sides, merged };
}
