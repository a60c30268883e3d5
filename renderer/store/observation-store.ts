/**
 * The renderer's data layer: every write of a synced record goes through here, and
 * writes the record and its outbox entry in one transaction, so that a crash can
 * never leave a change that will not sync.
 */
import { checkObservationInput } from '../../shared/observations/observation-rules';
import type { ValidationIssue } from '../../shared/observations/observation-rules';
import { buildObservation, missionOfOffice } from '../../shared/observations/new-observation';
import type { Observation } from '../../shared/observations/observation-schema';
import { observationSchema } from '../../shared/observations/observation-schema';
import { changedFields } from '../../shared/sync/changed-fields';
import { formatHlc, initialHlc, MAX_CLOCK_DRIFT_MS, tickHlc } from '../../shared/sync/hlc';
import { checkStamps } from '../../shared/sync/stamp-check';
import { stampEdit } from '../../shared/sync/merge-conflicts';
import type { HlcState } from '../../shared/sync/hlc';
import type { SyncChange } from '../../shared/sync/protocol';
import type { RefusedChange, SyncStore } from '../../shared/sync/sync-engine';
import type { AttentionRow, OutboxEntry, RevisionRow, RoutewatchDatabase } from './database';
import { newDayVersion } from './database';
import { dayOf, filterRows, reindex } from './day-index';
import type { DayIndexRow, IndexFilter } from './day-index';
import { allWaiting, markRevisionsSent, oldestChanges, openChanges, queueWrite, releaseAnswered } from './outbox';
import { allPending, countPending, settleAdoption } from './pending-records';
import { unitOf } from '../../shared/sync/merge-record';
import { openConflicts } from '../../shared/sync/revisions';
import { applyPulledPage } from './pulled-page';
import { createUuidFactory } from './uuid-factory';
import { clockForRestamp, clockPastKept, restampRecord, RESTAMPED_REFUSALS, settleClock } from './restamp';
import { getMany } from './keyed-rows';
import { blindWithheld, WithheldFieldsError } from './withheld-fields';
import type { Enrolment, MetaKey, MetaShapes, Profile } from './meta-keys';
import type { RecordCipher } from '../crypto/record-cipher';
import {
  openAttention,
  openEnrolment,
  openRecord,
  openRecords,
  openRevisions,
  protectedFieldsUnreadable,
  sealAttention,
  sealChanges,
  sealEnrolment,
  sealRecords,
  splitSensitive,
  UnreadableRecordError,
  observationPlace,
} from './sealed-rows';
import type { StoredEnrolment, StoredObservation } from './sealed-rows';
import { retryStale, sameValue, StaleReadError } from './same-rows';

/** What the store is made with: the cipher of the unlocked data key, and a clock (tests). */
export interface ObservationStoreOptions {
  cipher: RecordCipher;
  now?: () => number;
}

/** Everything this device has not yet got to the server, as JSON-able data (the screen makes a file of it). */
export interface WaitingExport {
  exportedAt: string;
  device: { localDeviceId: string; deviceId?: string; office?: string; userName?: string };
  /** Records waiting in the outbox, each in its current state with its latest change id. */
  pending: SyncChange[];
  /** Changes the server refused, newest first. */
  attention: AttentionRow[];
}

/** What enrolment did to the records made before it and never sent. */
export interface AdoptionResult {
  /** Records whose author, office and mission became the enrolled user's. */
  adopted: number;
  /** Records left as they were: their mission is not the enrolled office's (the server will refuse them). */
  kept: number;
}

/** Who a write is made as: the enrolment's user and office once enrolled, else the profile's. */
function authorOf(enrolment: Pick<Enrolment, 'userName' | 'office'> | undefined, profile: Profile): Profile {
  if (enrolment?.userName === undefined) return profile;
  return { ...profile, author: enrolment.userName, office: enrolment.office };
}

export class ObservationValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`invalid observation: ${issues.map((i) => `${i.field} ${i.message}`).join(', ')}`);
    this.name = 'ObservationValidationError';
  }
}

/** The review state, the review and the grades: written by review actions, not the edit form. */
const REVIEW_UNIT = unitOf('reviewStatus');

/** Whether the record schema lets a field hold null (else null in a revision means absent). */
function nullable(field: string): boolean {
  const schema = (observationSchema.shape as Readonly<Record<string, { safeParse(value: unknown): { success: boolean } } | undefined>>)[field];
  return schema?.safeParse(null).success ?? false;
}

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return 'd' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ObservationStore {
  private readonly newId = createUuidFactory();
  private deviceId: string | null = null;
  private readonly now: () => number;
  /** Encrypts and decrypts what the store keeps at rest (sealed-rows.ts). */
  readonly cipher: RecordCipher;

  constructor(
    readonly db: RoutewatchDatabase,
    options: ObservationStoreOptions,
  ) {
    this.cipher = options.cipher;
    this.now = options.now ?? Date.now;
  }

  /** A meta value; the enrolment with its token decrypted. Not inside a transaction (decryption would end it). */
  async getMeta<K extends MetaKey>(key: K): Promise<MetaShapes[K] | undefined> {
    const entry = await this.db.meta.get(key);
    if (key === 'enrolment' && entry !== undefined) return (await openEnrolment(entry.value as StoredEnrolment, this.cipher)) as MetaShapes[K];
    return entry?.value as MetaShapes[K] | undefined;
  }

  /** Store a meta value; the enrolment's token encrypted. Not inside a transaction. */
  async setMeta<K extends MetaKey>(key: K, value: MetaShapes[K]): Promise<void> {
    const stored = key === 'enrolment' ? await sealEnrolment(value as Enrolment, this.cipher) : value;
    await this.db.meta.put({ key, value: stored });
  }

  /** A meta value as stored (the enrolment without its token), for use inside a transaction. */
  private async rawMeta<K extends Exclude<MetaKey, 'enrolment'>>(key: K): Promise<MetaShapes[K] | undefined> {
    return (await this.db.meta.get(key))?.value as MetaShapes[K] | undefined;
  }

  /** The enrolment as stored, its token sealed: what a transaction may read. */
  private async storedEnrolment(): Promise<StoredEnrolment | undefined> {
    return (await this.db.meta.get('enrolment'))?.value as StoredEnrolment | undefined;
  }

  private async putMeta<K extends Exclude<MetaKey, 'enrolment'>>(key: K, value: MetaShapes[K]): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  /** The device's own id, made once on first start. */
  async localDeviceId(): Promise<string> {
    this.deviceId ??= await this.db.transaction('rw', this.db.meta, async () => {
      const identity = await this.rawMeta('identity');
      if (identity) return identity.localDeviceId;
      const localDeviceId = randomDeviceId();
      await this.putMeta('identity', { localDeviceId });
      return localDeviceId;
    });
    return this.deviceId;
  }

  /**
   * Validate and store new observations with their outbox entries, all in one
   * transaction: either every record of the batch is stored and queued, or none.
   * On an enrolled device the author and office are the enrolment's, whatever
   * `profile` says: the server takes them from the device's token.
   */
  async createObservations(candidates: readonly unknown[], profile: Profile): Promise<Observation[]> {
    return this.writeNew(
      candidates.map((candidate) => ({ candidate, id: null })),
      profile,
      false,
    );
  }

  /**
   * Store imported records (renderer/import): like `createObservations`, but each with
   * the id its content gives (shared/import/import-id.ts), and a record whose id is
   * already held (imported before, from this file or another, even deleted since) is
   * skipped rather than written again: importing the same figures twice adds nothing.
   * One transaction per call; returns the records written. `onIssued` hears when the
   * call's records have been handed to IndexedDB, before they are committed (run-import.ts
   * prepares its next batch then, rather than while this one still needs this thread).
   */
  async importObservations(items: readonly { id: string; candidate: unknown }[], profile: Profile, options: { onIssued?: () => void } = {}): Promise<Observation[]> {
    return this.writeNew(items, profile, true, options.onIssued);
  }

  /** Which of `ids` this device holds (the import's "already imported"). */
  async heldIds(ids: readonly string[]): Promise<Set<string>> {
    const keys = await this.db.observations.where(':id').anyOf([...ids]).primaryKeys();
    return new Set(keys);
  }

  private async writeNew(items: readonly { id: string | null; candidate: unknown }[], profile: Profile, skipHeld: boolean, onIssued?: () => void): Promise<Observation[]> {
    const nowMs = this.now();
    const inputs = items.map(({ candidate, id }) => {
      const check = checkObservationInput(candidate, nowMs);
      if (!check.ok) throw new ObservationValidationError(check.issues);
      // The id is made now (not in the transaction) so that the sensitive fields can be sealed under it first.
      return { input: check.value, id: id ?? this.newId(), given: id !== null };
    });
    const device = await this.localDeviceId();
    const reportedAt = new Date(nowMs).toISOString();
    const { db } = this;
    // Sealed before the transaction opens (IndexedDB ends a transaction that waits on
    // crypto.subtle). buildObservation copies the input's detail fields as they are, so
    // the input's sensitive values are the record's.
    const envelopes = await Promise.all(inputs.map(({ input, id }) => this.cipher.seal(splitSensitive(input as unknown as Observation).secret, observationPlace('observations', id))));
    return db.transaction('rw', [db.observations, db.outbox, db.pendingGroups, db.meta, db.dayIndex, db.dayVersions], async () => {
      // Read together: each read waits a round trip to IndexedDB, and an import's batches pay it every time.
      const [hlc, enrolment, held] = await Promise.all([
        this.rawMeta('hlc'),
        this.storedEnrolment(),
        skipHeld ? this.heldIds(inputs.flatMap(({ id, given }) => (given ? [id] : []))) : new Set<string>(),
      ]);
      const who = authorOf(enrolment, profile);
      let clock: HlcState = hlc ?? initialHlc(device);
      const records: Observation[] = [];
      const rows: StoredObservation[] = [];
      const entries: OutboxEntry[] = [];
      for (const [i, { input, id, given }] of inputs.entries()) {
        if (given && held.has(id)) continue;
        // The same id twice in one call is one record.
        if (given) held.add(id);
        clock = tickHlc(clock, nowMs);
        const record = buildObservation(input, { author: who.author, office: who.office, device }, { id, hlc: formatHlc(clock), reportedAt });
        records.push(record);
        rows.push({ ...splitSensitive(record).clear, sealed: envelopes[i] });
        entries.push({ recordId: record.id, changeId: this.newId() });
      }
      // Everything held already: no write at all, not even an empty outbox row.
      if (records.length === 0) return records;
      // Issued together: the transaction runs them in order anyway, and waiting for each
      // would add a round trip to IndexedDB per step (four per 500 records).
      const written = Promise.all([
        db.observations.bulkAdd(rows),
        // Made unenrolled, a record may be adopted by the user the device is enrolled for.
        queueWrite(db, entries, enrolment === undefined, true),
        this.writeIndex(
          records.map(() => undefined),
          records,
        ),
        this.putMeta('hlc', clock),
      ]);
      onIssued?.();
      await written;
      return records;
    });
  }

  /** Keep the day index in step with a write; call inside the write's transaction. */
  private async writeIndex(before: readonly (Observation | undefined)[], after: readonly Observation[]): Promise<void> {
    const rows = await reindex(before, after, (days) => this.db.dayIndex.bulkGet(days));
    const emptied = rows.filter((row) => row.ids.length === 0).map((row) => row.day);
    const kept = rows.filter((row) => row.ids.length > 0);
    await Promise.all([
      this.db.dayIndex.bulkPut(kept),
      // Each day written gets a new version: the report's cache of it is stale from now on.
      kept.length > 0 ? this.db.dayVersions.bulkPut(kept.map((row) => ({ day: row.day, version: newDayVersion() }))) : undefined,
      emptied.length > 0 ? this.db.dayIndex.bulkDelete(emptied) : undefined,
      emptied.length > 0 ? this.db.dayVersions.bulkDelete(emptied) : undefined,
    ]);
  }

  /**
   * Store generated training records: validated like any record, indexed, but never
   * queued for sync. Grouped by office and author, in one transaction per call.
   */
  async addTrainingObservations(items: readonly { input: unknown; office: string; author: string }[]): Promise<number> {
    const nowMs = this.now();
    const device = await this.localDeviceId();
    const reportedAt = new Date(nowMs).toISOString();
    const { db } = this;
    const records: Observation[] = [];
    let clock: HlcState = (await this.rawMeta('hlc')) ?? initialHlc(device);
    for (const item of items) {
      const check = checkObservationInput(item.input, nowMs);
      if (!check.ok) throw new ObservationValidationError(check.issues);
      clock = tickHlc(clock, nowMs);
      const record = buildObservation(check.value, { office: item.office, author: item.author, device }, { id: this.newId(), hlc: formatHlc(clock), reportedAt });
      records.push({ ...record, training: true });
    }
    const rows = await sealRecords(records, this.cipher);
    await db.transaction('rw', [db.observations, db.meta, db.dayIndex, db.dayVersions], async () => {
      await db.observations.bulkAdd(rows);
      await this.writeIndex(
        records.map(() => undefined),
        records,
      );
      await this.putMeta('hlc', clock);
    });
    return records.length;
  }

  /** Remove every training record in one step (they never synced, so nothing is left behind). */
  async removeTrainingObservations(): Promise<number> {
    const { db } = this;
    return db.transaction('rw', [db.observations, db.dayIndex, db.dayVersions, db.revisions], async () => {
      const training = await db.observations.filter((r) => r.training === true).toArray();
      const ids = training.map((r) => r.id);
      await this.writeIndex(training, training.map((r) => ({ ...r, deleted: true })));
      await db.observations.bulkDelete(ids);
      await db.revisions.where('recordId').anyOf(ids).delete();
      return ids.length;
    });
  }

  /**
   * A record with its sensitive fields decrypted. A record whose envelope does not open
   * comes without them and marked (`protectedFieldsUnreadable`): the screens say so.
   */
  async getObservation(id: string): Promise<Observation | undefined> {
    const row = await this.db.observations.get(id);
    return row === undefined ? undefined : openRecord(row, this.cipher);
  }

  /** Records by id, decrypted, in the ids' order (undefined where none is held): what the screens read. */
  async getObservations(ids: readonly string[]): Promise<(Observation | undefined)[]> {
    return openRecords(await this.db.observations.bulkGet([...ids]), this.cipher);
  }

  /** The revision history of a record, oldest first, sensitive values decrypted. */
  async revisionsOf(id: string): Promise<RevisionRow[]> {
    return openRevisions(await this.db.revisions.where('recordId').equals(id).sortBy('seq'), this.cipher);
  }

  /**
   * Replace the editable fields of a record with `candidate` (validated like a new
   * record). Stamps each changed field's clock, keeps a revision of what changed, and
   * queues the change, in one transaction. Returns the fields that changed.
   * Like every write of a record, it resends a record the server refused: its rows in
   * "Needs attention" go, and the new outbox entry carries it again; so does a save
   * that changes nothing, for a refused record ("Edit and resend"). A record refused for
   * its stamps (`invalid_stamp`, `clock_skew`) is stamped again as it is resent
   * (restamp.ts). Like every write, it throws WithheldFieldsError, writing nothing, for
   * a record holding fields the server withheld from this device (withheld-fields.ts).
   */
  async updateObservation(id: string, candidate: unknown, by: string): Promise<string[]> {
    const nowMs = this.now();
    const existing = await this.db.observations.get(id);
    if (!existing || existing.deleted) throw new Error(`no live record ${id}`);
    const check = checkObservationInput(candidate, nowMs, existing.mission);
    if (!check.ok) throw new ObservationValidationError(check.issues);
    return this.writeChange(id, by, 'edit', (current) => ({ ...current, ...check.value }));
  }

  /** Delete a record: a tombstone that syncs, never a hard delete. */
  async deleteObservation(id: string, by: string): Promise<void> {
    await this.writeChange(id, by, 'delete', (current) => ({ ...current, deleted: true }));
  }

  /** Save a record changed by a review action (status, review, grades). */
  async saveReviewed(record: Observation, by: string): Promise<string[]> {
    return this.writeChange(record.id, by, 'review', (current) => ({
      ...current,
      reviewStatus: record.reviewStatus,
      review: record.review,
      source: record.source,
    }));
  }

  private async writeChange(
    id: string,
    by: string,
    action: RevisionRow['action'],
    change: (current: Observation) => Observation,
    resolves: readonly string[] = [],
  ): Promise<string[]> {
    const device = await this.localDeviceId();
    const { db, cipher } = this;
    const tables = [db.observations, db.outbox, db.pendingGroups, db.attention, db.withheld, db.meta, db.dayIndex, db.dayVersions, db.revisions];
    // Read, decrypt, compute and encrypt first; then write in a transaction that checks
    // the stored row is still the one read (same-rows.ts), or start again.
    return retryStale(async () => {
      const nowMs = this.now();
      const stored = await db.observations.get(id);
      if (!stored) throw new Error(`no record ${id}`);
      const current = await openRecord(stored, cipher);
      // Written without the values it could not read, the record would clear them here and on the server.
      if (protectedFieldsUnreadable(current)) throw new UnreadableRecordError(id);
      const next = change(current);
      const changes = changedFields(current, next);
      const revisionId = this.newId();
      // Stamping (stampEdit, restampRecord) changes stamps only: the sensitive values sealed now are the record's.
      const [envelope, sealedChanges] = await Promise.all([
        cipher.seal(splitSensitive(next).secret, observationPlace('observations', id)),
        sealChanges(revisionId, changes, cipher),
      ]);
      return db.transaction('rw', tables, async () => {
        if (!sameValue(await db.observations.get(id), stored)) throw new StaleReadError();
        // Pushed without the values the server withheld, the record would clear them there
        // (withheld-fields.ts): nothing is written, whatever the change.
        const blind = blindWithheld(current, (await db.withheld.get(id))?.fields ?? []);
        if (blind.length > 0) throw new WithheldFieldsError(id, blind);
        const refusals = current.training === true ? [] : await db.attention.where('recordId').equals(id).toArray();
        // An answer to a conflict is written even when it keeps the merged value as it is;
        // and "Edit and resend" saved with nothing changed resends a refused record as it
        // stands, under a new change id (what `change_id_conflict` needs).
        const resend = changes.length === 0 && resolves.length === 0 && refusals.length > 0;
        if (changes.length === 0 && resolves.length === 0 && !resend) return [];
        // Refused for its stamps, the record is stamped again (restamp.ts): sent as it
        // stands it would be refused again, whatever was edited beside.
        const restamp = refusals.some((row) => RESTAMPED_REFUSALS.has(row.code));
        const [hlcState, enrolment] = await Promise.all([this.rawMeta('hlc'), this.storedEnrolment()]);
        const state = hlcState ?? initialHlc(device);
        const clock = tickHlc(restamp ? clockForRestamp(state, current, nowMs) : state, nowMs);
        const hlc = formatHlc(clock);
        const edited =
          changes.length === 0
            ? current
            : stampEdit(
                current,
                next,
                changes.map((c) => c.field),
                hlc,
              );
        const record = restamp ? restampRecord(edited, hlc, nowMs) : edited;
        if (record !== current) await db.observations.put({ ...splitSensitive(record).clear, sealed: envelope });
        // Training records stay on the device: their edits are not queued either.
        const synced = record.training !== true;
        if (synced) {
          await queueWrite(db, [{ recordId: id, changeId: this.newId() }], 'keep');
          await this.resolveAttentionFor(id);
        }
        // The enrolled user is who the server will name: the revision says the same.
        const author = enrolment?.userName ?? by;
        const at = new Date(nowMs).toISOString();
        const waiting = synced ? ({ unsent: 1 } as const) : {};
        if (changes.length > 0) await db.revisions.add({ id: revisionId, recordId: id, at, by: author, hlc, action, ...sealedChanges, ...waiting });
        // The answer names the conflicts; the values it kept, if any, are the edit's revision.
        if (resolves.length > 0) await db.revisions.add({ id: this.newId(), recordId: id, at, by: author, hlc, action: 'resolve', changes: [], resolves: [...resolves], ...waiting });
        await this.writeIndex([current], [record]);
        await this.putMeta('hlc', clock);
        return changes.map((c) => c.field);
      });
    });
  }

  /**
   * Take a record's refused changes off "Needs attention". Every write of the record
   * calls it in its transaction (the write queues the record again, so the new outbox
   * entry is the trace of the refusal's end); it queues nothing itself.
   */
  async resolveAttentionFor(recordId: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.attention, async () => {
      await db.attention.where('recordId').equals(recordId).delete();
    });
  }

  /** A record's conflicts not yet answered (shared/sync/revisions.ts), oldest first. */
  async openConflictsOf(recordId: string): Promise<RevisionRow[]> {
    return openConflicts(await this.revisionsOf(recordId));
  }

  /** Every record "edited in two places": its open conflicts, records with the oldest conflict first. */
  async conflictedRecords(): Promise<{ record: Observation; conflicts: RevisionRow[] }[]> {
    const { db } = this;
    // Read in one transaction, decrypted after it (decryption inside would end it).
    const found = await db.transaction('r', [db.revisions, db.observations], async () => {
      const [conflicts, answers] = await Promise.all([db.revisions.where('action').equals('conflict').toArray(), db.revisions.where('action').equals('resolve').toArray()]);
      // An answer counts on its own record only: one naming another record's conflict answers nothing.
      const history = new Map<string, RevisionRow[]>();
      for (const row of [...conflicts, ...answers]) history.set(row.recordId, [...(history.get(row.recordId) ?? []), row]);
      const byRecord = new Map<string, RevisionRow[]>();
      for (const [recordId, rows] of history) {
        const open = openConflicts(rows);
        if (open.length > 0) byRecord.set(recordId, open);
      }
      const records = await db.observations.bulkGet([...byRecord.keys()]);
      return records.flatMap((record) => (record === undefined ? [] : [{ record, conflicts: byRecord.get(record.id) ?? [] }]));
    });
    return Promise.all(found.map(async ({ record, conflicts }) => ({ record: await openRecord(record, this.cipher), conflicts: await openRevisions(conflicts, this.cipher) })));
  }

  /** How many records are "edited in two places". */
  async conflictCount(): Promise<number> {
    return (await this.conflictedRecords()).length;
  }

  /**
   * Answer conflicts of one record: keep `values` for the fields of one merge unit (an
   * ordinary edit, stamped and queued like any; a review unit as a review), or keep the
   * record as it stands (`values` null: the merged value, or a delete that stands), and
   * write a `resolve` revision naming the conflicts, which goes with the push. One
   * transaction. A field absent from `values` (or null where the field cannot be null) is cleared.
   */
  async resolveConflicts(recordId: string, conflictIds: readonly string[], pick: { fields: readonly string[]; values: Readonly<Record<string, unknown>> } | null, by: string): Promise<string[]> {
    if (conflictIds.length === 0) throw new Error('no conflict to answer');
    const existing = await this.getObservation(recordId);
    if (!existing) throw new Error(`no record ${recordId}`);
    if (protectedFieldsUnreadable(existing)) throw new UnreadableRecordError(recordId);
    if (pick === null || existing.deleted) return this.writeChange(recordId, by, 'edit', (current) => current, conflictIds);
    const next: Record<string, unknown> = { ...existing };
    for (const field of pick.fields) {
      const value = pick.values[field];
      // Revisions write an absent value as null: a field that cannot be null was absent.
      if (value === undefined || (value === null && !nullable(field))) Reflect.deleteProperty(next, field);
      else next[field] = value;
    }
    const review = pick.fields.some((field) => unitOf(field) === REVIEW_UNIT);
    if (!review) {
      const check = checkObservationInput(next, this.now(), existing.mission);
      if (!check.ok) throw new ObservationValidationError(check.issues);
    }
    return this.writeChange(recordId, by, review ? 'review' : 'edit', () => next as Observation, conflictIds);
  }

  /** Changes the server refused, newest first. */
  async attentionItems(): Promise<AttentionRow[]> {
    return Promise.all((await this.db.attention.orderBy('at').reverse().toArray()).map((row) => openAttention(row, this.cipher)));
  }

  /** How many refused changes wait in "Needs attention". */
  async attentionCount(): Promise<number> {
    return this.db.attention.count();
  }

  /** The sensitive fields the server withheld from the last pulled version of a record (none: []). */
  async withheldFields(recordId: string): Promise<string[]> {
    return (await this.db.withheld.get(recordId))?.fields ?? [];
  }

  /** Everything not yet on the server: the records waiting and the refused changes, read in one transaction. */
  async exportWaiting(): Promise<WaitingExport> {
    const { db } = this;
    const localDeviceId = await this.localDeviceId();
    // Read in one transaction, decrypted after it (decryption inside would end it).
    // An async scope: Dexie keeps the transaction across the native awaits inside allWaiting
    // only for one (a plain function returning Promise.all let it commit early, now and then).
    const [enrolment, stored, storedAttention] = await db.transaction('r', [db.outbox, db.pendingGroups, db.observations, db.attention, db.meta, db.revisions], async () =>
      Promise.all([this.storedEnrolment(), allWaiting(db), db.attention.orderBy('at').reverse().toArray()]),
    );
    const [pending, attention] = await Promise.all([openChanges(stored, this.cipher), Promise.all(storedAttention.map((row) => openAttention(row, this.cipher)))]);
    const device: WaitingExport['device'] = { localDeviceId };
    if (enrolment) {
      device.deviceId = enrolment.deviceId;
      device.office = enrolment.office;
      if (enrolment.userName !== undefined) device.userName = enrolment.userName;
    }
    return { exportedAt: new Date(this.now()).toISOString(), device, pending, attention };
  }

  /**
   * Store an enrolment, and let the enrolled user adopt the records made on this device
   * before it and never sent (the server names the author and office from the token,
   * and would refuse them as they stand): their author, office and mission become the
   * enrolment's, stamped and noted in a revision like any edit. Only records of the
   * enrolled office's mission: a record of another mission stays as it is, is refused
   * when pushed, and shows in "Needs attention". All in one transaction.
   * `resetCursor`: pull from the beginning (the office changed, so the scope did).
   */
  async enrol(enrolment: Enrolment, options: { resetCursor: boolean }): Promise<AdoptionResult> {
    const nowMs = this.now();
    const device = await this.localDeviceId();
    const { db } = this;
    const tables = [db.observations, db.outbox, db.pendingGroups, db.meta, db.dayIndex, db.dayVersions, db.revisions];
    // The token is sealed before the transaction; adoption changes no sensitive field, so
    // the adopted records keep their envelopes as they are.
    const storedEnrolment = await sealEnrolment(enrolment, this.cipher);
    return db.transaction('rw', tables, async () => {
      await db.meta.put({ key: 'enrolment', value: storedEnrolment });
      if (options.resetCursor) {
        const sync = (await this.rawMeta('sync')) ?? { cursor: null, lastSyncAt: null };
        await this.putMeta('sync', { ...sync, cursor: null });
      }
      const userName = enrolment.userName;
      if (userName === undefined) return { adopted: 0, kept: 0 };
      const rows = (await allPending(db)).filter((row) => row.adoptable);
      const stored = await db.observations.bulkGet(rows.map((row) => row.recordId));
      const mission = missionOfOffice(enrolment.office);
      const adoptable: Observation[] = [];
      const settled: string[] = [];
      let kept = 0;
      for (const [i, record] of stored.entries()) {
        const row = rows[i];
        if (!row || !record || record.device !== device || record.training === true) continue;
        // Already the enrolled user's: nothing to rewrite, and no later enrolment may take it.
        if (record.author === userName && record.office === enrolment.office) settled.push(row.recordId);
        else if (record.mission === mission) adoptable.push(record);
        else kept += 1;
      }
      await settleAdoption(db, settled);
      if (adoptable.length === 0) return { adopted: 0, kept };
      const clock = tickHlc((await this.rawMeta('hlc')) ?? initialHlc(device), nowMs);
      const hlc = formatHlc(clock);
      const at = new Date(nowMs).toISOString();
      const adopted: Observation[] = [];
      const revisions: RevisionRow[] = [];
      for (const before of adoptable) {
        const next: Observation = { ...before, author: userName, office: enrolment.office, mission };
        const changes = changedFields(before, next);
        adopted.push(
          stampEdit(
            before,
            next,
            changes.map((c) => c.field),
            hlc,
          ),
        );
        revisions.push({ id: this.newId(), recordId: before.id, at, by: userName, hlc, action: 'edit', changes, unsent: 1 });
      }
      await Promise.all([
        db.observations.bulkPut(adopted),
        queueWrite(
          db,
          adopted.map((r) => ({ recordId: r.id, changeId: this.newId() })),
          // Now the enrolled user's: a later enrolment of someone else leaves them be.
          false,
        ),
        db.revisions.bulkAdd(revisions),
        this.writeIndex(adoptable, adopted),
        this.putMeta('hlc', clock),
      ]);
      return { adopted: adopted.length, kept };
    });
  }

  /**
   * The server said the enrolment with this token is revoked: note it (only on that
   * enrolment, not one made since); the outbox and "Needs attention" stay as they are.
   */
  async markRevoked(token: string, at: string): Promise<void> {
    const { db } = this;
    await retryStale(async () => {
      // Which enrolment holds this token is known only decrypted: compared first, then
      // marked in a transaction that checks it is still that enrolment.
      const stored = await this.storedEnrolment();
      if (stored === undefined || stored.revokedAt !== undefined) return;
      if ((await openEnrolment(stored, this.cipher)).token !== token) return;
      await db.transaction('rw', db.meta, async () => {
        if (!sameValue(await this.storedEnrolment(), stored)) throw new StaleReadError();
        await db.meta.put({ key: 'enrolment', value: { ...stored, revokedAt: at } });
      });
    });
  }

  /**
   * The compact index entries that pass a filter: reads only the day rows of the
   * period, never the full records.
   */
  async queryIndex(filter: IndexFilter): Promise<DayIndexRow> {
    return filterRows(await this.periodRows(filter), filter);
  }

  /**
   * The day rows of the UTC days a period [from, to) touches, in day order, unfiltered:
   * a screen that keeps them can narrow by kind, status, mission or place in memory,
   * without reading IndexedDB again (filterRows, or the map's filterColumns).
   */
  async periodRows(period: { from: string; to: string }): Promise<DayIndexRow[]> {
    const lastDay = dayOf(new Date(Date.parse(period.to) - 1).toISOString());
    return this.db.dayIndex.where('day').between(dayOf(period.from), lastDay, true, true).toArray();
  }

  /** Records that are not deleted, newest observation first. */
  async listObservations(): Promise<Observation[]> {
    const all = await this.db.observations.orderBy('observedStart').reverse().toArray();
    return openRecords(
      all.filter((o) => !o.deleted),
      this.cipher,
    );
  }

  /** Records whose observation time falls in [from, to). */
  async observationsBetween(fromIso: string, toIso: string): Promise<Observation[]> {
    const rows = await this.db.observations.where('observedStart').between(fromIso, toIso, true, false).toArray();
    return openRecords(
      rows.filter((o) => !o.deleted),
      this.cipher,
    );
  }

  /**
   * After this device's clock was far ahead and has been corrected: stamp again every
   * waiting record whose stamps stamp-check refuses (restamp.ts), and bring the device's
   * HLC back to its wall clock, in one transaction. Returns how many records were
   * stamped again.
   *
   * A change stamped ahead of the server's clock is not set aside but stays queued
   * (`clock_skew`, shared/sync/sync-engine.ts), and so does every later one, stamped
   * from the same HLC: without this they wait until the server's clock catches up with
   * the stamps, 30 hours for a clock set a day ahead, and nothing behind them syncs.
   * `serverTimeMs` is the server's time from its last answer: nothing is done unless the
   * device's clock now agrees with it (within the skew limit), for only then are stamps
   * beyond the limit ahead of this device's clock stamps the server never accepted
   * (settleClock). Stamps are judged against the earlier of the two clocks, so that a
   * device a few minutes ahead does not keep a stamp the server would still refuse.
   */
  async restampWaiting(serverTimeMs: number): Promise<number> {
    const nowMs = this.now();
    if (Math.abs(nowMs - serverTimeMs) > MAX_CLOCK_DRIFT_MS) return 0;
    const judgedMs = Math.min(nowMs, serverTimeMs);
    const device = await this.localDeviceId();
    const { db } = this;
    return db.transaction('rw', [db.observations, db.outbox, db.pendingGroups, db.meta, db.dayIndex, db.dayVersions], async () => {
      const ids = (await allPending(db)).map((row) => row.recordId);
      const stored = await getMany(db.observations, ids);
      const refused = stored.filter((record): record is Observation => record !== undefined && checkStamps(record, judgedMs) !== undefined);
      // Stamps are in the clear: the rows are stamped again as stored, envelopes kept.
      const hlcState = (await this.rawMeta('hlc')) ?? initialHlc(device);
      let clock = settleClock(hlcState, judgedMs);
      const repaired: Observation[] = [];
      for (const record of refused) {
        clock = tickHlc(clockPastKept(clock, record, judgedMs), nowMs);
        repaired.push(restampRecord(record, formatHlc(clock), judgedMs));
      }
      await Promise.all([
        repaired.length > 0 ? db.observations.bulkPut(repaired) : undefined,
        // Under new change ids, as any resend: the refused ones are spent.
        queueWrite(
          db,
          repaired.map((record) => ({ recordId: record.id, changeId: this.newId() })),
          'keep',
        ),
        this.writeIndex(refused, repaired),
        clock === hlcState ? undefined : this.putMeta('hlc', clock),
      ]);
      return repaired.length;
    });
  }

  /** Records waiting to be pushed: a kept count (several edits of one record push once). */
  async pendingCount(): Promise<number> {
    return countPending(this.db);
  }

  /** The sync engine's view of this store. */
  syncStore(): SyncStore {
    const { db } = this;
    return {
      pendingChanges: (limit, exclude) => oldestChanges(db, this.cipher, limit, exclude),
      acknowledge: async (acked) => {
        if (acked.length === 0) return;
        await db.transaction('rw', [db.outbox, db.pendingGroups, db.attention, db.revisions], async () => {
          await releaseAnswered(db, acked, true);
          await markRevisionsSent(db, acked);
          // The server now holds the record as it stands, which carries whatever an
          // earlier refused change of it held: those refusals are settled.
          await db.attention.where('recordId').anyOf(acked.map((c) => c.record.id)).delete();
        });
      },
      setAside: (refused) => this.setAside(refused),
      pendingCount: () => this.pendingCount(),
      getCursor: async () => (await this.getMeta('sync'))?.cursor ?? null,
      applyPulled: async (changes, cursor, options) => {
        const context = {
          db,
          cipher: this.cipher,
          nowMs: this.now(),
          device: await this.localDeviceId(),
          writeIndex: (before: readonly (Observation | undefined)[], after: readonly Observation[]) => this.writeIndex(before, after),
        };
        await applyPulledPage(context, changes, cursor, options);
      },
    };
  }

  /**
   * Move refused changes out of the outbox into "Needs attention", with their reasons
   * and the record as pushed, in one transaction. Like an acknowledgement, only the
   * record's changes up to the refused one leave: a record changed again since stays
   * queued under its newer change id.
   */
  private async setAside(refused: readonly RefusedChange[]): Promise<void> {
    if (refused.length === 0) return;
    const { db } = this;
    const at = new Date(this.now()).toISOString();
    const rows = await Promise.all(
      refused.map(({ change, code, message }) => sealAttention({ changeId: change.changeId, recordId: change.record.id, code, message, record: change.record, at }, this.cipher)),
    );
    await db.transaction('rw', [db.outbox, db.pendingGroups, db.attention], async () => {
      await releaseAnswered(
        db,
        refused.map((r) => r.change),
        false,
      );
      await db.attention.bulkPut(rows);
    });
  }
}
