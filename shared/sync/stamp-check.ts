/**
 * Whether a record's clocks can be believed, before it is merged anywhere.
 *
 * The merge (merge-record.ts) trusts the stamps it is given: a field whose stamp is
 * later wins. So a stamp that is not a stamp, one far in the future, or a clock for a
 * field the record does not have would let one bad copy win every later honest edit,
 * or grow the record without bound. The server runs this on every pushed record and
 * the device on every pulled one, against its own clock; the rules are the same:
 *
 * - `hlc` is an HLC stamp (hlc.ts) no further ahead of the checking clock than
 *   MAX_CLOCK_DRIFT_MS (the limit `receiveHlc` applies);
 * - `fieldClocks` names only top-level fields of the record schema that can change
 *   (not `id`, nor the clocks themselves), so there are never more entries than fields;
 * - each entry is an HLC stamp not later than the record's `hlc`: `hlc` is the stamp of
 *   the record's last change of any field, so no field changed after it.
 *
 * Pure: no DOM, no Node.
 */
import type { Observation } from '../observations/observation-schema';
import { observationSchema } from '../observations/observation-schema';
import { compareHlc, MAX_CLOCK_DRIFT_MS, parseHlc } from './hlc';

/** The fields that may carry a clock: every top-level field of the record but its identity and its clocks. */
export const CLOCKED_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(observationSchema.shape).filter((field) => field !== 'id' && field !== 'hlc' && field !== 'fieldClocks'),
);

/** What is wrong with a record's clocks: the first problem found. */
export interface StampProblem {
  /** `invalid_stamp`: not a stamp, or a clock where none may be; `clock_skew`: too far ahead of the checking clock. */
  code: 'invalid_stamp' | 'clock_skew';
  /** `hlc`, or `fieldClocks.<field>` (the field name as sent, cut to 40 characters). */
  field: string;
  /** What is wrong, in words, without the value itself. */
  reason: string;
  /** For `clock_skew`: how far ahead of the checking clock the stamp is. */
  aheadMs?: number;
}

function wallOf(stamp: string): number | undefined {
  try {
    return parseHlc(stamp).wallMs;
  } catch {
    return undefined;
  }
}

function skew(field: string, aheadMs: number): StampProblem {
  return {
    code: 'clock_skew',
    field,
    aheadMs,
    reason: `is ${Math.ceil(aheadMs / 60_000)} min ahead of the clock it was checked against (at most ${MAX_CLOCK_DRIFT_MS / 60_000} min allowed)`,
  };
}

const NOT_A_STAMP = 'is not an HLC stamp (<15-digit ms>-<6-digit counter>-<node>)';

/** The first problem with the record's clocks, judged against `nowMs`; undefined when they can be believed. */
export function checkStamps(record: Pick<Observation, 'hlc' | 'fieldClocks'>, nowMs: number): StampProblem | undefined {
  const hlcWall = wallOf(record.hlc);
  if (hlcWall === undefined) return { code: 'invalid_stamp', field: 'hlc', reason: NOT_A_STAMP };
  if (hlcWall - nowMs > MAX_CLOCK_DRIFT_MS) return skew('hlc', hlcWall - nowMs);
  for (const [key, stamp] of Object.entries(record.fieldClocks ?? {})) {
    const field = `fieldClocks.${key.slice(0, 40)}`;
    if (!CLOCKED_FIELDS.has(key)) return { code: 'invalid_stamp', field, reason: 'names no field of the record that can change' };
    const wall = wallOf(stamp);
    if (wall === undefined) return { code: 'invalid_stamp', field, reason: NOT_A_STAMP };
    if (wall - nowMs > MAX_CLOCK_DRIFT_MS) return skew(field, wall - nowMs);
    if (compareHlc(stamp, record.hlc) > 0) return { code: 'invalid_stamp', field, reason: "is later than the record's hlc, the stamp of its last change" };
  }
  return undefined;
}
