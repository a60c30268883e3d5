/**
 * Applying a pulled page on the device: check its stamps, merge each version into the
 * stored record field by field, hold back a page that would delete or overwrite a
 * large share of the device's records, note the fields the server withheld, and store
 * the page's cursor: all in one transaction, so a cut anywhere applies all or nothing.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import { observationSchema } from '../../shared/observations/observation-schema';
import { changedFields } from '../../shared/sync/changed-fields';
import { ClockSkewError, compareHlc, initialHlc, parseHlc, receiveHlc } from '../../shared/sync/hlc';
import type { HlcState } from '../../shared/sync/hlc';
import { mergeRecords, sameRecord } from '../../shared/sync/merge-record';
import type { PulledChange } from '../../shared/sync/protocol';
import { MassChangeError, SyncError } from '../../shared/sync/sync-engine';
import type { ApplyOptions } from '../../shared/sync/sync-engine';
import type { RoutewatchDatabase } from './database';
import type { SyncMeta } from './meta-keys';

/** A page that deletes or overwrites more than this share of the records held is held back... */
export const MASS_CHANGE_SHARE = 0.1;
/** ...when it touches at least this many records (a small store's ordinary sync is never held). */
export const MASS_CHANGE_MIN_RECORDS = 20;

export interface PulledPageContext {
  db: RoutewatchDatabase;
  nowMs: number;
  device: string;
  /** Keeps the day index in step; runs inside the page's transaction. */
  writeIndex(before: readonly (Observation | undefined)[], after: readonly Observation[]): Promise<void>;
}

const RECORD_FIELDS = new Set(Object.keys(observationSchema.shape));

/**
 * Every stamp of a pulled record must be a stamp, name a field of the record schema and
 * not pass the record's `hlc`: a bad one would win every later honest edit of its field.
 * The server checks what it accepts; the device checks again what it takes in.
 * TODO(shared/sync/stamp-check.ts): use the shared stamp validator once it is merged
 * (h-server); until then the same checks, written here.
 */
function checkStamps(record: Observation): void {
  try {
    parseHlc(record.hlc);
    for (const [field, stamp] of Object.entries(record.fieldClocks ?? {})) {
      parseHlc(stamp);
      if (!RECORD_FIELDS.has(field) || field === 'hlc' || field === 'fieldClocks' || field === 'id') throw new Error(`stamp for unknown field ${field.slice(0, 40)}`);
      if (compareHlc(stamp, record.hlc) > 0) throw new Error(`stamp of ${field} is later than the record's`);
    }
  } catch (error) {
    throw new SyncError('server_error', `pulled record ${record.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Whether the merge would replace a value this device holds (an absent one is not replaced). */
function overwrites(before: Observation, after: Observation): boolean {
  return changedFields(before, after).some((change) => change.before !== null);
}

export async function applyPulledPage(
  context: PulledPageContext,
  changes: readonly PulledChange[],
  cursor: string | null,
  options: ApplyOptions,
): Promise<void> {
  const { db } = context;
  for (const change of changes) checkStamps(change.record);
  // The server refuses stamps ahead of its own clock; a device whose clock is behind
  // judges by the server's, and its HLC then moves past what it takes in.
  const referenceMs = Math.max(context.nowMs, options.serverTimeMs ?? Number.NEGATIVE_INFINITY);
  await db.transaction('rw', [db.observations, db.meta, db.dayIndex, db.withheld], async () => {
    let clock: HlcState = ((await db.meta.get('hlc'))?.value as HlcState | undefined) ?? initialHlc(context.device);
    const stored = await db.observations.bulkGet(changes.map((c) => c.record.id));
    const storedById = new Map<string, Observation>();
    for (const record of stored) if (record) storedById.set(record.id, record);
    // Keyed by id: one page may carry several versions of the same record.
    const current = new Map(storedById);
    const changed = new Map<string, Observation>();
    const withheld = new Map<string, readonly string[]>();
    for (const change of changes) {
      try {
        clock = receiveHlc(clock, parseHlc(change.record.hlc), referenceMs);
      } catch (error) {
        if (error instanceof ClockSkewError) throw new SyncError('clock_skew', error.message);
        throw error;
      }
      const before = current.get(change.record.id);
      // Field by field: local edits not yet pushed have later clocks and stay, and stay
      // queued in the outbox, which always pushes the record as it now stands. A field
      // the server withheld is absent from the pulled version with no later stamp than
      // the device's, so the device's own value stays too.
      const winner = before === undefined ? change.record : mergeRecords(before, change.record);
      if (before === undefined || !sameRecord(winner, before)) {
        current.set(winner.id, winner);
        changed.set(winner.id, winner);
      }
      withheld.set(change.record.id, change.withheld ?? []);
    }
    const winners = [...changed.values()];
    if (!options.confirmMassChange) await holdMassChange(db, winners, storedById);
    await db.observations.bulkPut(winners);
    await context.writeIndex(
      winners.map((w) => storedById.get(w.id)),
      winners,
    );
    const withheldNow = [...withheld].filter(([, fields]) => fields.length > 0);
    const withheldNone = [...withheld].filter(([, fields]) => fields.length === 0).map(([id]) => id);
    await Promise.all([
      db.withheld.bulkPut(withheldNow.map(([recordId, fields]) => ({ recordId, fields: [...fields] }))),
      withheldNone.length > 0 ? db.withheld.bulkDelete(withheldNone) : undefined,
    ]);
    const sync = ((await db.meta.get('sync'))?.value as SyncMeta | undefined) ?? { cursor: null, lastSyncAt: null };
    await db.meta.bulkPut([
      { key: 'hlc', value: clock },
      { key: 'sync', value: { ...sync, cursor } },
    ]);
  });
}

/**
 * Throw `MassChangeError` (which aborts the page's transaction) when the page would mark
 * deleted, or replace a value of, more than MASS_CHANGE_SHARE of the records held, and
 * at least MASS_CHANGE_MIN_RECORDS of them: a server restored from an old backup, or a
 * wrong scope, must not wipe a field office's work without a person saying so.
 */
async function holdMassChange(
  db: RoutewatchDatabase,
  winners: readonly Observation[],
  storedById: ReadonlyMap<string, Observation>,
): Promise<void> {
  let deletes = 0;
  let replaced = 0;
  for (const winner of winners) {
    const before = storedById.get(winner.id);
    if (before === undefined) continue;
    if (winner.deleted && !before.deleted) deletes += 1;
    else if (overwrites(before, winner)) replaced += 1;
  }
  const touched = deletes + replaced;
  if (touched < MASS_CHANGE_MIN_RECORDS) return;
  const held = await db.observations.count();
  if (touched > held * MASS_CHANGE_SHARE) throw new MassChangeError(deletes, replaced, held);
}
