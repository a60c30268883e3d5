/**
 * "Edit and resend" for a change the server refused for its stamps (`invalid_stamp`,
 * `clock_skew`): the record is stamped again, or the resend would carry the very stamps
 * the server refused and be refused again, for ever.
 *
 * What the server refuses is shared/sync/stamp-check.ts; this file asks it, stamp by
 * stamp, and never restates its rules: each stamp is judged by `checkStamps` on a
 * record of that one stamp (an `hlc` alone; a `fieldClocks` entry as its own `hlc` and
 * clock, so that only its form, its field and its lead over the clock are judged).
 *
 * Pure: no Dexie, no DOM.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import { MAX_CLOCK_DRIFT_MS, parseHlc, receiveHlc } from '../../shared/sync/hlc';
import type { HlcState } from '../../shared/sync/hlc';
import type { ChangeRefusalCode } from '../../shared/sync/protocol';
import { CLOCKED_FIELDS, checkStamps } from '../../shared/sync/stamp-check';

/** Refusals a resend answers by stamping the record again. */
export const RESTAMPED_REFUSALS: ReadonlySet<ChangeRefusalCode> = new Set<ChangeRefusalCode>(['invalid_stamp', 'clock_skew']);

/** Whether stamp-check takes a record's `hlc` as a stamp, judged against `nowMs`. */
function hlcAccepted(stamp: string, nowMs: number): boolean {
  return checkStamps({ hlc: stamp }, nowMs) === undefined;
}

/** Whether stamp-check takes a `fieldClocks` entry (its field and its stamp), judged against `nowMs`. */
function clockAccepted(field: string, stamp: string, nowMs: number): boolean {
  return checkStamps({ hlc: stamp, fieldClocks: { [field]: stamp } }, nowMs) === undefined;
}

/** Whether stamp-check takes a `fieldBases` entry beside the field's clock. */
function baseAccepted(field: string, base: string, clock: string, nowMs: number): boolean {
  return checkStamps({ hlc: clock, fieldClocks: { [field]: clock }, fieldBases: { [field]: base } }, nowMs) === undefined;
}

/**
 * The device's HLC state, brought back to the wall clock when it is more than the skew
 * limit ahead of it (a clock that was far ahead and has been corrected); else as it is.
 *
 * An HLC never goes backwards, and here it does, on purpose: kept ahead, every stamp
 * this device makes is refused by the server until the wall clock catches up (30 hours
 * for a clock set a day ahead), so nothing it writes syncs. Going back reorders nothing
 * that was accepted: the server refuses any stamp more than the limit ahead of its own
 * clock, so a stamp it accepted was never more than the limit ahead of the server, and
 * a state beyond the limit ahead of a corrected clock holds only stamps that were never
 * accepted anywhere (they are the ones being stamped again). Pulled stamps cannot have
 * put it there either: the pull refuses them beyond the same limit.
 */
export function settleClock(state: HlcState, nowMs: number): HlcState {
  return state.wallMs - nowMs > MAX_CLOCK_DRIFT_MS ? { wallMs: nowMs, counter: 0, node: state.node } : state;
}

/**
 * The clock past every stamp of the record that stays (those stamp-check takes against
 * `nowMs`), so that a fresh stamp from it sorts after them and the record's `hlc` stays
 * the latest of its stamps.
 */
export function clockPastKept(clock: HlcState, record: Observation, nowMs: number): HlcState {
  const kept = Object.entries(record.fieldClocks ?? {})
    .filter(([field, stamp]) => clockAccepted(field, stamp, nowMs))
    .map(([, stamp]) => stamp);
  if (hlcAccepted(record.hlc, nowMs)) kept.push(record.hlc);
  let past = clock;
  // Every one is within the skew limit, so receiveHlc takes it.
  for (const stamp of kept) past = receiveHlc(past, parseHlc(stamp), nowMs);
  return past;
}

/** The clock a resend of one record stamps from: settled (settleClock), then past the record's kept stamps. */
export function clockForRestamp(state: HlcState, record: Observation, nowMs: number): HlcState {
  return clockPastKept(settleClock(state, nowMs), record, nowMs);
}

/**
 * The record with every stamp stamp-check refuses replaced by `stamp` (a fresh stamp of
 * this device, from clockForRestamp): a `fieldClocks` entry that is no stamp or is
 * beyond the skew limit ahead of `nowMs` gets `stamp`; an entry for a field the record
 * cannot have is dropped; a `fieldBases` entry stamp-check refuses beside its (new)
 * clock is dropped (a missing base counts as "saw nothing": a value it beats is reported
 * as a conflict, never lost silently); the record's `hlc` becomes `stamp`, the latest of
 * its stamps. A record whose stamps stamp-check takes is returned as it is.
 */
export function restampRecord(record: Observation, stamp: string, nowMs: number): Observation {
  if (checkStamps(record, nowMs) === undefined) return record;
  const repaired: Observation = { ...record, hlc: stamp };
  if (record.fieldClocks !== undefined) {
    const clocks: Record<string, string> = {};
    for (const [field, clock] of Object.entries(record.fieldClocks)) {
      if (!CLOCKED_FIELDS.has(field)) continue;
      clocks[field] = clockAccepted(field, clock, nowMs) ? clock : stamp;
    }
    repaired.fieldClocks = clocks;
  }
  if (record.fieldBases !== undefined) {
    const bases: Record<string, string> = {};
    for (const [field, base] of Object.entries(record.fieldBases)) {
      const clock = repaired.fieldClocks?.[field];
      if (clock !== undefined && baseAccepted(field, base, clock, nowMs)) bases[field] = base;
    }
    repaired.fieldBases = bases;
  }
  return repaired;
}
