/**
 * Applying a pulled page on the device: check its stamps, merge each version into the
 * stored record field by field, hold back a page that would delete or overwrite a
 * large share of the device's records, note the fields the server withheld, and store
 * the page's cursor: all in one transaction, so a cut anywhere applies all or nothing.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import { changedFields } from '../../shared/sync/changed-fields';
import { checkStamps } from '../../shared/sync/stamp-check';
import { ClockSkewError, initialHlc, parseHlc, receiveHlc } from '../../shared/sync/hlc';
import type { HlcState } from '../../shared/sync/hlc';
import { mergeRecords, sameRecord } from '../../shared/sync/merge-record';
import type { DeviceName, PulledChange } from '../../shared/sync/protocol';
import { MassChangeError, SyncError } from '../../shared/sync/sync-engine';
import type { ApplyOptions } from '../../shared/sync/sync-engine';
import { conflictsOf } from '../../shared/sync/merge-conflicts';
import { conflictRevision } from '../../shared/sync/revisions';
import type { RevisionRow, RoutewatchDatabase, WithheldRow } from './database';
import type { RecordCipher } from '../crypto/record-cipher';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import { openRecords, protectedFieldsUnreadable, sealRecords, sealRevisions } from './sealed-rows';
import type { StoredObservation, StoredRevision } from './sealed-rows';
import { retryStale, sameRows, StaleReadError } from './same-rows';
import { blindWithheld, withPulledValues } from './withheld-fields';
import { getMany } from './keyed-rows';
import type { DeviceNames, SyncMeta } from './meta-keys';

/** A page that deletes or overwrites more than this share of the records held is held back... */
export const MASS_CHANGE_SHARE = 0.1;
/** ...when it touches at least this many records (a small store's ordinary sync is never held). */
export const MASS_CHANGE_MIN_RECORDS = 20;

export interface PulledPageContext {
  db: RoutewatchDatabase;
  /** Decrypts the records held and encrypts what the page writes, before its transaction. */
  cipher: RecordCipher;
  nowMs: number;
  device: string;
  /** Keeps the day index in step; runs inside the page's transaction. */
  writeIndex(before: readonly (Observation | undefined)[], after: readonly Observation[]): Promise<void>;
}

/**
 * Every stamp of a pulled record is checked with the rules the server applies to a push
 * (shared/sync/stamp-check.ts), against the later of this device's clock and the
 * server's: a bad one would win every later honest edit of its field. The server
 * refuses such pushes, so one here means a broken or hostile server: the page is
 * refused whole, and nothing of it is applied.
 */
function checkPulledStamps(record: Observation, referenceMs: number): void {
  const problem = checkStamps(record, referenceMs);
  if (problem === undefined) return;
  const code = problem.code === 'clock_skew' ? 'clock_skew' : 'server_error';
  throw new SyncError(code, `pulled record ${record.id}: ${problem.field} ${problem.reason}`);
}

/**
 * Review decisions are the ordinary work of another person (a supervisor verifying a
 * batch of a monitor's records), not a replacement of what the monitor typed.
 */
const REVIEW_FIELDS = new Set(['reviewStatus', 'review', 'source']);

/** Whether this device typed the value a field holds: it stamped the field, or created the record and nobody changed it since. */
function typedHere(record: Observation, field: string, device: string): boolean {
  const clock = record.fieldClocks?.[field];
  if (clock === undefined) return record.device === device;
  try {
    return parseHlc(clock).node === device;
  } catch {
    return false;
  }
}

/** Whether the merge would replace a value typed on this device (an absent one is not replaced). */
function overwrites(before: Observation, after: Observation, device: string): boolean {
  return changedFields(before, after).some((change) => change.before !== null && !REVIEW_FIELDS.has(change.field) && typedHere(before, change.field, device));
}

/** What a page will write, computed outside its transaction from the rows as read then. */
interface PagePlan {
  /** The records of the page as stored when read (undefined: not held), to check in the transaction. */
  stored: (StoredObservation | undefined)[];
  /** The withheld rows of the records held, as read, to check in the transaction. */
  withheldRows: WithheldRow[];
  storedById: Map<string, Observation>;
  winners: Observation[];
  sealedWinners: StoredObservation[];
  withheld: Map<string, readonly string[]>;
  sealedRevisions: StoredRevision[];
}

/**
 * Read the page's records, decrypt them, merge the page into them and seal what will be
 * written: all before the transaction, which cannot wait on crypto.subtle.
 */
async function planPage(context: PulledPageContext, changes: readonly PulledChange[]): Promise<PagePlan> {
  const { db, cipher } = context;
  const stored = await getMany(db.observations, changes.map((c) => c.record.id));
  const heldIds = stored.flatMap((row) => (row === undefined ? [] : [row.id]));
  // What the server withheld from the copies held (most devices hold none): a value a
  // copy was not shown is taken from a version that carries it (withPulledValues).
  const withheldRows = heldIds.length > 0 ? await db.withheld.where('recordId').anyOf(heldIds).toArray() : [];
  const withheldBefore = new Map<string, readonly string[]>(withheldRows.map((row) => [row.recordId, row.fields]));
  const storedById = new Map<string, Observation>();
  for (const record of await openRecords(stored, cipher)) if (record) storedById.set(record.id, record);
  // Keyed by id: one page may carry several versions of the same record.
  const current = new Map(storedById);
  const changed = new Map<string, Observation>();
  const withheld = new Map<string, readonly string[]>();
  // The history that came with the page, and the conflicts met merging it: by id, so a
  // conflict met here and also pulled from the server is one row.
  const revisions = new Map<string, RevisionRow>();
  for (const change of changes) {
    // On the change's record whatever the row says (a revision names one record), and
    // by nobody when a relay that is not the server left the author out.
    for (const revision of change.revisions ?? []) {
      const by: unknown = (revision as { by?: unknown }).by;
      revisions.set(revision.id, { ...revision, recordId: change.record.id, by: typeof by === 'string' ? by : '' });
    }
    const held = current.get(change.record.id);
    // A copy whose protected fields could not be read (sealed-rows.ts) holds no value
    // for them: it takes the pulled version's, as for a field it was not shown.
    const unread = held !== undefined && protectedFieldsUnreadable(held) ? SENSITIVE_FIELD_PATHS : [];
    const notShown = held === undefined ? [] : [...blindWithheld(held, withheld.get(change.record.id) ?? withheldBefore.get(change.record.id) ?? []), ...unread];
    const before = held === undefined ? undefined : withPulledValues(held, change.record, notShown.filter((path) => !withheldHere(change.withheld, path)));
    // Field by field: local edits not yet pushed have later clocks and stay, and stay
    // queued in the outbox, which always pushes the record as it now stands. A field
    // the server withheld is absent from the pulled version with no later stamp than
    // the device's, so the device's own value stays too. One the copy held here was
    // not shown takes the value of a version that carries it, not its own absence.
    const winner = before === undefined ? change.record : mergeRecords(before, change.record);
    if (before !== undefined) {
      for (const conflict of conflictsOf(before, change.record)) {
        // A withheld field is absent from the pulled version, not changed: no conflict of ours.
        if (conflict.fields.some((field) => withheldHere(change.withheld, field))) continue;
        // Sent with the record's next push: a pulled version that beat an edit of ours not
        // yet sent is met here only, and the server and the others learn it from us.
        const revision = conflictRevision(conflict);
        if (!revisions.has(revision.id)) revisions.set(revision.id, { ...revision, unsent: 1 });
      }
    }
    if (held === undefined || !sameRecord(winner, held) || unread.length > 0) {
      current.set(winner.id, winner);
      changed.set(winner.id, winner);
    }
    withheld.set(change.record.id, change.withheld ?? []);
  }
  const winners = [...changed.values()];
  const [sealedWinners, sealedRevisions] = await Promise.all([sealRecords(winners, cipher), sealRevisions([...revisions.values()], cipher)]);
  return { stored, withheldRows, storedById, winners, sealedWinners, withheld, sealedRevisions };
}

export async function applyPulledPage(
  context: PulledPageContext,
  changes: readonly PulledChange[],
  cursor: string | null,
  options: ApplyOptions,
): Promise<void> {
  const { db } = context;
  // The server refuses stamps ahead of its own clock; a device whose clock is behind
  // judges by the server's, and its HLC then moves past what it takes in.
  const referenceMs = Math.max(context.nowMs, options.serverTimeMs ?? Number.NEGATIVE_INFINITY);
  for (const change of changes) checkPulledStamps(change.record, referenceMs);
  await retryStale(async () => {
    const plan = await planPage(context, changes);
    const { storedById, winners } = plan;
    await db.transaction('rw', [db.observations, db.meta, db.dayIndex, db.dayVersions, db.withheld, db.revisions], async () => {
      // The merge was computed from the rows as read before: written only if they are still those.
      const again = await getMany(db.observations, changes.map((c) => c.record.id));
      if (!sameRows(again, plan.stored)) throw new StaleReadError();
      if (storedById.size > 0) {
        const withheldAgain = await db.withheld.where('recordId').anyOf([...storedById.keys()]).toArray();
        if (!sameRows(withheldAgain, plan.withheldRows)) throw new StaleReadError();
      }
      let clock: HlcState = ((await db.meta.get('hlc'))?.value as HlcState | undefined) ?? initialHlc(context.device);
      for (const change of changes) {
        try {
          clock = receiveHlc(clock, parseHlc(change.record.hlc), referenceMs);
        } catch (error) {
          if (error instanceof ClockSkewError) throw new SyncError('clock_skew', error.message);
          throw error;
        }
      }
      if (!options.confirmMassChange) await holdMassChange(db, winners, storedById, context.device);
      await db.observations.bulkPut(plan.sealedWinners);
      await context.writeIndex(
        winners.map((w) => storedById.get(w.id)),
        winners,
      );
      const withheldNow = [...plan.withheld].filter(([, fields]) => fields.length > 0);
      const withheldNone = [...plan.withheld].filter(([, fields]) => fields.length === 0).map(([id]) => id);
      // Only rows that exist are deleted: one key-range read instead of a delete request
      // per record of the page (most devices hold no withheld rows at all).
      const stale = withheldNone.length > 0 ? await db.withheld.where('recordId').anyOf(withheldNone).primaryKeys() : [];
      await Promise.all([
        db.withheld.bulkPut(withheldNow.map(([recordId, fields]) => ({ recordId, fields: [...fields] }))),
        stale.length > 0 ? db.withheld.bulkDelete(stale) : undefined,
      ]);
      if (plan.sealedRevisions.length > 0) {
        // Key-only: which ids are held, not the rows with their changes.
        const held = new Set<unknown>(await db.revisions.where('id').anyOf(plan.sealedRevisions.map((revision) => revision.id ?? '')).keys());
        await db.revisions.bulkAdd(plan.sealedRevisions.filter((revision) => !held.has(revision.id)));
      }
      const sync = ((await db.meta.get('sync'))?.value as SyncMeta | undefined) ?? { cursor: null, lastSyncAt: null };
      const names = await namesWith(db, options.devices ?? []);
      await db.meta.bulkPut([
        { key: 'hlc', value: clock },
        { key: 'sync', value: { ...sync, cursor } },
        ...(names === undefined ? [] : [{ key: 'deviceNames', value: names }]),
      ]);
    });
  });
}

/**
 * The device names held, with those a page brought (a device renamed by a new enrolment
 * takes its new name), or undefined when the page changes none: most pages name the
 * same few devices, and the list is then not written again.
 */
async function namesWith(db: RoutewatchDatabase, pulled: readonly DeviceName[]): Promise<DeviceNames | undefined> {
  if (pulled.length === 0) return undefined;
  const held = ((await db.meta.get('deviceNames'))?.value as DeviceNames | undefined) ?? [];
  const byId = new Map(held.map((entry) => [entry.localId, entry.name]));
  let changed = false;
  for (const { localId, name } of pulled) {
    if (byId.get(localId) === name) continue;
    byId.set(localId, name);
    changed = true;
  }
  return changed ? [...byId].map(([localId, name]) => ({ localId, name })) : undefined;
}

/** Whether a field is, or holds, a path the server withheld from this pulled version. */
function withheldHere(withheld: readonly string[] | undefined, field: string): boolean {
  return (withheld ?? []).some((path) => path === field || path.startsWith(`${field}.`));
}

/**
 * Throw `MassChangeError` (which aborts the page's transaction) when the page would mark
 * deleted, or replace a value typed on this device (review decisions aside), more than
 * MASS_CHANGE_SHARE of the records held, and
 * at least MASS_CHANGE_MIN_RECORDS of them: a server restored from an old backup, or a
 * wrong scope, must not wipe a field office's work without a person saying so.
 */
async function holdMassChange(
  db: RoutewatchDatabase,
  winners: readonly Observation[],
  storedById: ReadonlyMap<string, Observation>,
  device: string,
): Promise<void> {
  let deletes = 0;
  let replaced = 0;
  for (const winner of winners) {
    const before = storedById.get(winner.id);
    if (before === undefined) continue;
    if (winner.deleted && !before.deleted) deletes += 1;
    else if (overwrites(before, winner, device)) replaced += 1;
  }
  const touched = deletes + replaced;
  if (touched < MASS_CHANGE_MIN_RECORDS) return;
  const held = await db.observations.count();
  if (touched > held * MASS_CHANGE_SHARE) throw new MassChangeError(deletes, replaced, held);
}
