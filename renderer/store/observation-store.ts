/**
 * The renderer's data layer: every write of a synced record goes through here, and
 * writes the record and its outbox entry in one transaction, so that a crash can
 * never leave a change that will not sync.
 */
import { checkObservationInput } from '../../shared/observations/observation-rules';
import type { ValidationIssue } from '../../shared/observations/observation-rules';
import { buildObservation } from '../../shared/observations/new-observation';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc, initialHlc, parseHlc, receiveHlc, tickHlc, ClockSkewError } from '../../shared/sync/hlc';
import type { HlcState } from '../../shared/sync/hlc';
import { mergeRecords, sameRecord } from '../../shared/sync/merge-record';
import type { SyncChange } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-engine';
import type { SyncStore } from '../../shared/sync/sync-engine';
import type { FieldChange, OutboxEntry, OutboxRow, RevisionRow, RoutewatchDatabase } from './database';
import { dayOf, filterRows, reindex } from './day-index';
import type { DayIndexRow, IndexFilter } from './day-index';
import { createUuidFactory } from './uuid-factory';
import type { MetaKey, MetaShapes, Profile } from './meta-keys';

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Top-level fields whose values differ between two versions of a record (bookkeeping fields aside). */
function changedFields(before: Observation, after: Observation): FieldChange[] {
  const skip = new Set(['hlc', 'fieldClocks']);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (skip.has(field)) continue;
    const a = (before as Record<string, unknown>)[field];
    const b = (after as Record<string, unknown>)[field];
    if (canonical(a) !== canonical(b)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}

export class ObservationValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`invalid observation: ${issues.map((i) => `${i.field} ${i.message}`).join(', ')}`);
    this.name = 'ObservationValidationError';
  }
}

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return 'd' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ObservationStore {
  private readonly newId = createUuidFactory();
  private deviceId: string | null = null;

  constructor(
    readonly db: RoutewatchDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async getMeta<K extends MetaKey>(key: K): Promise<MetaShapes[K] | undefined> {
    const entry = await this.db.meta.get(key);
    return entry?.value as MetaShapes[K] | undefined;
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaShapes[K]): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  /** The device's own id, made once on first start. */
  async localDeviceId(): Promise<string> {
    this.deviceId ??= await this.db.transaction('rw', this.db.meta, async () => {
      const identity = await this.getMeta('identity');
      if (identity) return identity.localDeviceId;
      const localDeviceId = randomDeviceId();
      await this.setMeta('identity', { localDeviceId });
      return localDeviceId;
    });
    return this.deviceId;
  }

  /**
   * Validate and store new observations with their outbox entries, all in one
   * transaction: either every record of the batch is stored and queued, or none.
   */
  async createObservations(candidates: readonly unknown[], profile: Profile): Promise<Observation[]> {
    const nowMs = this.now();
    const inputs = candidates.map((candidate) => {
      const check = checkObservationInput(candidate, nowMs);
      if (!check.ok) throw new ObservationValidationError(check.issues);
      return check.value;
    });
    const device = await this.localDeviceId();
    const reportedAt = new Date(nowMs).toISOString();
    const { db } = this;
    return db.transaction('rw', [db.observations, db.outbox, db.meta, db.dayIndex], async () => {
      let clock: HlcState = (await this.getMeta('hlc')) ?? initialHlc(device);
      const records: Observation[] = [];
      const entries: OutboxEntry[] = [];
      for (const input of inputs) {
        clock = tickHlc(clock, nowMs);
        const record = buildObservation(input, { ...profile, device }, { id: this.newId(), hlc: formatHlc(clock), reportedAt });
        records.push(record);
        entries.push({ recordId: record.id, changeId: this.newId() });
      }
      // Issued together: the transaction runs them in order anyway, and waiting for each
      // would add a round trip to IndexedDB per step (four per 500 records).
      await Promise.all([
        db.observations.bulkAdd(records),
        db.outbox.add({ entries }),
        this.writeIndex(
          records.map(() => undefined),
          records,
        ),
        this.setMeta('hlc', clock),
      ]);
      return records;
    });
  }

  /** Keep the day index in step with a write; call inside the write's transaction. */
  private async writeIndex(before: readonly (Observation | undefined)[], after: readonly Observation[]): Promise<void> {
    const rows = await reindex(before, after, (days) => this.db.dayIndex.bulkGet(days));
    const emptied = rows.filter((row) => row.ids.length === 0).map((row) => row.day);
    await Promise.all([
      this.db.dayIndex.bulkPut(rows.filter((row) => row.ids.length > 0)),
      emptied.length > 0 ? this.db.dayIndex.bulkDelete(emptied) : undefined,
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
    let clock: HlcState = (await this.getMeta('hlc')) ?? initialHlc(device);
    for (const item of items) {
      const check = checkObservationInput(item.input, nowMs);
      if (!check.ok) throw new ObservationValidationError(check.issues);
      clock = tickHlc(clock, nowMs);
      const record = buildObservation(check.value, { office: item.office, author: item.author, device }, { id: this.newId(), hlc: formatHlc(clock), reportedAt });
      records.push({ ...record, training: true });
    }
    await db.transaction('rw', [db.observations, db.meta, db.dayIndex], async () => {
      await db.observations.bulkAdd(records);
      await this.writeIndex(
        records.map(() => undefined),
        records,
      );
      await this.setMeta('hlc', clock);
    });
    return records.length;
  }

  /** Remove every training record in one step (they never synced, so nothing is left behind). */
  async removeTrainingObservations(): Promise<number> {
    const { db } = this;
    return db.transaction('rw', [db.observations, db.dayIndex, db.revisions], async () => {
      const training = await db.observations.filter((r) => r.training === true).toArray();
      const ids = training.map((r) => r.id);
      await this.writeIndex(training, training.map((r) => ({ ...r, deleted: true })));
      await db.observations.bulkDelete(ids);
      await db.revisions.where('recordId').anyOf(ids).delete();
      return ids.length;
    });
  }

  async getObservation(id: string): Promise<Observation | undefined> {
    return this.db.observations.get(id);
  }

  /** The revision history of a record, oldest first. */
  async revisionsOf(id: string): Promise<RevisionRow[]> {
    return this.db.revisions.where('recordId').equals(id).sortBy('seq');
  }

  /**
   * Replace the editable fields of a record with `candidate` (validated like a new
   * record). Stamps each changed field's clock, keeps a revision of what changed, and
   * queues the change, in one transaction. Returns the fields that changed.
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
  ): Promise<string[]> {
    const nowMs = this.now();
    const device = await this.localDeviceId();
    const { db } = this;
    return db.transaction('rw', [db.observations, db.outbox, db.meta, db.dayIndex, db.revisions], async () => {
      const current = await db.observations.get(id);
      if (!current) throw new Error(`no record ${id}`);
      const next = change(current);
      const changes = changedFields(current, next);
      if (changes.length === 0) return [];
      const clock = tickHlc((await this.getMeta('hlc')) ?? initialHlc(device), nowMs);
      const hlc = formatHlc(clock);
      const fieldClocks = { ...current.fieldClocks };
      for (const { field } of changes) fieldClocks[field] = hlc;
      const record: Observation = { ...next, hlc, fieldClocks };
      await db.observations.put(record);
      // Training records stay on the device: their edits are not queued either.
      if (record.training !== true) await db.outbox.add({ entries: [{ recordId: id, changeId: this.newId() }] });
      await db.revisions.add({ recordId: id, at: new Date(nowMs).toISOString(), by, hlc, action, changes });
      await this.writeIndex([current], [record]);
      await this.setMeta('hlc', clock);
      return changes.map((c) => c.field);
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
    return all.filter((o) => !o.deleted);
  }

  /** Records whose observation time falls in [from, to). */
  async observationsBetween(fromIso: string, toIso: string): Promise<Observation[]> {
    const rows = await this.db.observations.where('observedStart').between(fromIso, toIso, true, false).toArray();
    return rows.filter((o) => !o.deleted);
  }

  /** Changes waiting to be pushed, counted by record (several edits of one record push once). */
  async pendingCount(): Promise<number> {
    const records = new Set<string>();
    await this.db.outbox.each((row) => {
      for (const entry of row.entries) records.add(entry.recordId);
    });
    return records.size;
  }

  /** The sync engine's view of this store. */
  syncStore(): SyncStore {
    const { db } = this;
    return {
      pendingChanges: async (limit) => {
        // Oldest writes first; a record changed again later is sent once, in its current state.
        const changeOf = new Map<string, string>();
        await db.outbox
          .orderBy('seq')
          .until(() => changeOf.size >= limit)
          .each((row) => {
            for (const entry of row.entries) {
              if (changeOf.size >= limit && !changeOf.has(entry.recordId)) continue;
              changeOf.set(entry.recordId, entry.changeId);
            }
          });
        const ids = [...changeOf.keys()];
        const records = await db.observations.bulkGet(ids);
        const changes: SyncChange[] = [];
        records.forEach((record, i) => {
          const changeId = changeOf.get(ids[i] ?? '');
          if (record && changeId) changes.push({ changeId, record });
        });
        return changes;
      },
      acknowledge: async (acked) => {
        const ackedChange = new Map(acked.map((c) => [c.record.id, c.changeId]));
        await db.transaction('rw', db.outbox, async () => {
          // The pushed state of a record carries every change made up to the write that
          // held the acknowledged change id; changes written after it stay queued.
          const upTo = new Map<string, number>();
          const rows: OutboxRow[] = [];
          await db.outbox
            .orderBy('seq')
            .until(() => upTo.size >= ackedChange.size)
            .each((row) => {
              rows.push(row);
              for (const entry of row.entries) {
                if (ackedChange.get(entry.recordId) === entry.changeId) upTo.set(entry.recordId, row.seq ?? 0);
              }
            });
          const emptied: number[] = [];
          const trimmed: OutboxRow[] = [];
          for (const row of rows) {
            const seq = row.seq ?? 0;
            const kept = row.entries.filter((entry) => seq > (upTo.get(entry.recordId) ?? -1));
            if (kept.length === 0) emptied.push(seq);
            else if (kept.length < row.entries.length) trimmed.push({ seq, entries: kept });
          }
          await db.outbox.bulkDelete(emptied);
          await db.outbox.bulkPut(trimmed);
        });
      },
      getCursor: async () => (await this.getMeta('sync'))?.cursor ?? null,
      applyPulled: async (changes, cursor) => {
        const nowMs = this.now();
        const device = await this.localDeviceId();
        await db.transaction('rw', [db.observations, db.meta, db.dayIndex], async () => {
          let clock: HlcState = (await this.getMeta('hlc')) ?? initialHlc(device);
          const stored = await db.observations.bulkGet(changes.map((c) => c.record.id));
          // Keyed by id: one page may carry several versions of the same record.
          const current = new Map<string, Observation>();
          stored.forEach((record) => {
            if (record) current.set(record.id, record);
          });
          const changed = new Map<string, Observation>();
          for (const change of changes) {
            try {
              clock = receiveHlc(clock, parseHlc(change.record.hlc), nowMs);
            } catch (error) {
              if (error instanceof ClockSkewError) throw new SyncError('clock_skew', error.message);
              throw error;
            }
            const before = current.get(change.record.id);
            // Field by field: local edits not yet pushed have later clocks and stay, and
            // stay queued in the outbox, which always pushes the record as it now stands.
            const winner = before === undefined ? change.record : mergeRecords(before, change.record);
            if (before === undefined || !sameRecord(winner, before)) {
              current.set(winner.id, winner);
              changed.set(winner.id, winner);
            }
          }
          const winners = [...changed.values()];
          const storedById = new Map(stored.filter((r) => r !== undefined).map((r) => [r.id, r]));
          await db.observations.bulkPut(winners);
          await this.writeIndex(
            winners.map((w) => storedById.get(w.id)),
            winners,
          );
          await this.setMeta('hlc', clock);
          const sync = (await this.getMeta('sync')) ?? { cursor: null, lastSyncAt: null };
          await this.setMeta('sync', { ...sync, cursor });
        });
      },
    };
  }
}
