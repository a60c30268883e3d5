/**
 * The one typed Dexie database of the renderer.
 *
 * Versions are append-only: a shipped `version(n)` and its upgrade are never edited;
 * a change of schema is a new version below the last one.
 *
 * Tables:
 * - observations (synced): the records, tombstones included.
 * - outbox (synced): one row per local write (a save, an import batch), listing the
 *   records it changed and the change id of each, in write order. The record's current
 *   state is what gets pushed. One row per write rather than per record: an IndexedDB
 *   put costs about the same whatever its size, and a row per record made a bulk
 *   insert half again as slow as the records alone.
 * - meta (local-only): device identity, profile, enrolment, HLC state, sync cursor.
 * - revisions (v2): who changed which fields of a record, when, from what to what.
 * - dayIndex (v2, derived, local-only): the compact per-day index of day-index.ts,
 *   rebuilt from the records by the v2 upgrade and kept in step by every write.
 * - tileAreas (v4, local-only): areas saved for offline use and their download state
 *   (renderer/map/tiles). v4 also rebuilds dayIndex, which gained the movement columns.
 * - drafts (v3, local-only): what the capture form holds, saved as it is typed, valid
 *   or not, so that closing the window loses nothing. Never synced. Drafts can hold
 *   sensitive fields: encryption at rest must cover this table like `observations`.
 * - pendingRecords (v5, derived, local-only): one row per record with a change in the
 *   outbox, holding the latest change id queued for it. Written in the transaction of
 *   every outbox write, removed when no change of the record is left: the count of
 *   records waiting is `pendingRecords.count()`, never a walk of the outbox, and an
 *   acknowledgement knows from the row whether a later change of the record waits.
 * - attention (v5, local-only): changes the server refused, set aside with the reason
 *   and the record as pushed ("Needs attention"). Holds sensitive fields like
 *   `observations`.
 * - withheld (v5, local-only): per record, the sensitive fields the server left out of
 *   the last pulled version because this device's role may not see them, so that the
 *   screens say "withheld" rather than show the field as empty.
 * - revisions (v6, synced): each row gains an `id` (a UUID, unique: the same revision
 *   pulled twice, or a conflict met here and pulled from the server, is one row), and
 *   `unsent` while it waits to go with its record's next push; an index on `action`
 *   finds the conflicts and their answers (shared/sync/revisions.ts). The v6 upgrade
 *   gives every row an id, and marks unsent the rows of records still waiting.
 * - dayIndex (v8): rows gain `measure`, the measure each record counts toward
 *   (shared/reports/measure-kinds.ts); the v8 upgrade rebuilds the index, as v4's did.
 * - issuedReports (v9, synced): the situation reports issued on this device or pulled
 *   from the server (issued-report-store.ts), each with its parameters and highlights;
 *   `number` null until the server has numbered it, `pending` set while it waits to be
 *   pushed. Its document (megabytes with the map and chart) is in issuedReportDocuments,
 *   by the same id, so that the list never reads every report's images. Nothing to
 *   upgrade: the tables start empty.
 * - pendingGroups (v10, derived, local-only) replaces pendingRecords: the same set of
 *   waiting records, stored as one row per write (pending-records.ts) with a multi-entry
 *   index on the record ids, so that a bulk write adds one row, not one per record (a
 *   row per record made storing 10,000 new records 1.4 times the raw puts; 1.03 without).
 *   The count of records waiting is the count of that index. The v10 upgrade moves the
 *   rows over in groups of 500.
 * - dayVersions and reportDays (v11, derived, local-only): each day of the index gets a
 *   version, a new random token each time a record of the day is written; the report
 *   worker's per-day cache of the records as the report reads them (ReportDayRow) is
 *   valid for the version it was built from. The upgrade gives every day its first one.
 * - reportMonths (v12, derived, local-only) replaces reportDays: the same day rows, kept
 *   a calendar month to a row (ReportMonthRow). IndexedDB costs about 0.3 ms a row read
 *   whatever its size: a year read as 366 day rows took 220 ms, as 12 month rows 110 ms.
 *   The cached days are dropped (they are rebuilt on the next report).
 */
import { Dexie } from 'dexie';
import type { EntityTable, Transaction } from 'dexie';
import type { Observation } from '../../shared/observations/observation-schema';
import type { FieldChange } from '../../shared/sync/changed-fields';
import type { ChangeRefusalCode, SyncErrorCode } from '../../shared/sync/protocol';
import type { IssuedReportParameters } from '../../shared/reports/issued-report';
import type { ReportDocument } from '../../shared/reports/report-document';
import type { ConflictInfo, RevisionAction } from '../../shared/sync/revisions';
import { reindex } from './day-index';
import { createUuidFactory } from './uuid-factory';
import type { DayIndexRow } from './day-index';
import type { StoredAttention, StoredDraft, StoredObservation, StoredRevision } from './sealed-rows';

export interface OutboxEntry {
  recordId: string;
  changeId: string;
}

/** The changes of one local write. `seq` orders writes. */
export interface OutboxRow {
  seq?: number;
  entries: OutboxEntry[];
}

export type { FieldChange } from '../../shared/sync/changed-fields';

/**
 * One revision of a record: who, when, which fields, old and new values; or a conflict
 * a merge met, or the answer to one (shared/sync/revisions.ts).
 */
export interface RevisionRow {
  seq?: number;
  /** v6: a UUID, the same on every replica (rows from before v6 got one at the upgrade). */
  id?: string;
  recordId: string;
  at: string;
  /** The user who made it; '' for a conflict. */
  by: string;
  hlc: string;
  action: RevisionAction;
  changes: FieldChange[];
  /** For `conflict`: its kind and the two clocks that met. */
  conflict?: ConflictInfo;
  /** For `resolve`: the ids of the conflicts it answers. */
  resolves?: string[];
  /** v6: 1 while it waits to go to the server with its record's next push; absent once sent, pulled, or local only. */
  unsent?: 1;
}

/**
 * One unfinished form. `form` is the form's own state (renderer/observations/form/
 * observation-draft.ts); the store keeps it as it is. `recordId` is set when the draft
 * edits an existing record.
 */
export interface DraftRow {
  id: string;
  recordId: string | null;
  updatedAt: string;
  form: unknown;
}

/**
 * A record with changes waiting in the outbox. `changeId` is the latest change queued
 * for it. `adoptable`: the record was made on this device while it was not enrolled,
 * and no server has accepted a change of it: enrolment may make it the enrolled
 * user's (a record made under an enrolment keeps the author it was made by).
 */
export interface PendingRecordRow {
  recordId: string;
  changeId: string;
  adoptable: boolean;
}

/**
 * Waiting records as stored (v10): the rows of one write as parallel columns, the
 * record ids indexed (multi-entry). A record is in at most one group (pending-records.ts).
 */
export interface PendingGroupRow {
  seq?: number;
  recordIds: string[];
  changeIds: string[];
  adoptable: boolean[];
}

/** A change the server refused, set aside for a person to look at. */
export interface AttentionRow {
  changeId: string;
  recordId: string;
  code: ChangeRefusalCode;
  message: string;
  /** The record as it was pushed. */
  record: Observation;
  /** When it was set aside (ISO time). */
  at: string;
}

/** Sensitive fields the server withheld from the last pulled version of a record. */
export interface WithheldRow {
  recordId: string;
  fields: string[];
}

/**
 * An issued situation report (v9). Made on this device (`pending` until the server has
 * it) or pulled from the server. The server numbers it and names who issued it, for
 * which office: until it has answered, `number` is null and `issuedBy` and `office`
 * are this device's enrolment's (the server takes the same from its token).
 */
export interface IssuedReportRow {
  /** A UUID made on the device that issued it. */
  id: string;
  /** `{office}-{year}-{seq}`, given by the server; null until it has answered. */
  number: string | null;
  parameters: IssuedReportParameters;
  /**
   * The highlights as the analyst edited them: only in rows written before issued
   * reports were sealed at rest. They move into the document row's envelope
   * (issued-report-store.ts); a row read through the store never has them.
   */
  highlights?: string[];
  /** When it was issued, by the issuing device's clock. */
  issuedAt: string;
  issuedBy: string;
  office: string;
  /** When the server received it; null until then. */
  receivedAt: string | null;
  /** 1 while it waits to be pushed (indexed; absent once the server has it). */
  pending?: 1;
  /** The server refused it (it is not pushed again): the code and the server's words. */
  refused?: { code: SyncErrorCode; message: string };
}

/**
 * An issued report's document (v9), apart from its row: the list reads rows only.
 * `sealed`: the document (as issued, without its number line: withReportNumber adds it
 * to show or export) and the highlights, in one envelope (issued-report-store.ts).
 * `document` is only in rows written before they were sealed; migrate-at-rest.ts seals
 * those after the unlock.
 */
export interface IssuedReportDocumentRow {
  id: string;
  sealed?: Uint8Array;
  document?: ReportDocument;
}

/**
 * The version of one day of the index (v11, derived, local-only): a new random token each
 * time a record of the day is written, in the write's transaction (ObservationStore's
 * writeIndex). What a record holds may change without any column of its day row
 * changing (an edit of the counts), so the day row cannot tell; this can. Apart from the
 * day rows so that checking a year's versions reads a few bytes per day, not the rows.
 */
export interface DayVersionRow {
  day: string;
  version: string;
}

/**
 * One column of a ReportDayRow, one value per record, in a form IndexedDB copies as
 * bytes: numbers in a Float64Array beside a state per record (0 absent, 1 null, 2 the
 * number); strings, booleans and nulls as codes into a table of the distinct values
 * (0 absent); arrays and objects as codes into a table of their JSON texts, arrays of
 * flat objects as columns of their own.
 */
/**
 * Codes into a table, as small as the table allows, and whole numbers as 32-bit integers
 * where they fit: IndexedDB reads a year's cache about 3.5 ms a megabyte, and most columns
 * are small counts and codes.
 */
export type ReportDayCodes = Uint8Array | Uint16Array | Uint32Array;

export type ReportDayColumn =
  | { type: 'number'; state: Uint8Array; values: Float64Array | Int32Array }
  | { type: 'value'; codes: ReportDayCodes; values: (string | number | boolean | null)[] }
  /** A table of strings only, as one text and where each ends: IndexedDB reads one long string much faster than thousands of short ones. */
  | { type: 'text'; codes: ReportDayCodes; text: string; ends: Uint32Array }
  | { type: 'json'; codes: ReportDayCodes; texts: string[] }
  /**
   * Arrays of flat objects (nationalities, vulnerabilities): state per record (0 absent,
   * 1 null, 2 an array) and where its entries end; each field of the entries a column of
   * its own over every entry, so that no entry is JSON text to read and parse.
   */
  | { type: 'list'; state: Uint8Array; ends: Uint32Array; keys: string[]; entries: ReportDayColumn[] };

/**
 * The report's cache of one UTC day (v11, derived, local-only): the day's live records as
 * the report reads them, column by column, built by the report worker the first time a
 * report reads the day (renderer/reports/compute/report-days.ts). Valid while the day's
 * version is the one it was built from; a write of any record of the day gives the day
 * a new version, so a stale row is never read, only rebuilt.
 */
export interface ReportDayRow {
  day: string;
  /** The day's version (DayVersionRow) this was built from. */
  version: string;
  /** Which fields it holds (REPORT_DAY_LAYOUT of report-days.ts): another layout is built again. */
  layout: number;
  count: number;
  /** Each column's path in the record (['incident', 'dead']) and its values, encoded (report-days.ts). */
  paths: string[][];
  columns: ReportDayColumn[];
  /** The official figures' source names of the day, sealed as one envelope ([record index, name] pairs); null when there are none. */
  sealedNames: Uint8Array | null;
}

/** The report's cached days of one calendar month (`YYYY-MM` of the UTC day), oldest first; each day valid on its own (v12). */
export interface ReportMonthRow {
  month: string;
  days: ReportDayRow[];
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/**
 * Rows as stored: their sensitive parts are sealed (sealed-rows.ts). Read through the
 * stores (ObservationStore, DraftStore) or decrypt with sealed-rows' functions.
 */
export type RoutewatchDatabase = Dexie & {
  observations: EntityTable<StoredObservation, 'id'>;
  outbox: EntityTable<OutboxRow, 'seq'>;
  meta: EntityTable<MetaEntry, 'key'>;
  revisions: EntityTable<StoredRevision, 'seq'>;
  dayIndex: EntityTable<DayIndexRow, 'day'>;
  drafts: EntityTable<StoredDraft, 'id'>;
  /** Rows are shaped by renderer/map/tiles; the database only keys them. */
  tileAreas: EntityTable<{ id: string; createdAt: string }, 'id'>;
  pendingGroups: EntityTable<PendingGroupRow, 'seq'>;
  attention: EntityTable<StoredAttention, 'changeId'>;
  withheld: EntityTable<WithheldRow, 'recordId'>;
  issuedReports: EntityTable<IssuedReportRow, 'id'>;
  issuedReportDocuments: EntityTable<IssuedReportDocumentRow, 'id'>;
  dayVersions: EntityTable<DayVersionRow, 'day'>;
  reportMonths: EntityTable<ReportMonthRow, 'month'>;
};

/** A token no earlier version of any day holds. */
export function newDayVersion(): string {
  return globalThis.crypto.randomUUID();
}

export const DEFAULT_DATABASE_NAME = 'routewatch';

/** Waiting rows per group when v10 moves them out of the v5 table. */
const PENDING_GROUP_ON_UPGRADE = 500;

/**
 * Rebuild the day index from the records, day by day, so that a large store never sits
 * in memory at once: the upgrade of a version whose day index gained a column.
 */
async function rebuildDayIndex(tx: Transaction): Promise<void> {
  const observations = tx.table<Observation, string>('observations');
  const dayIndex = tx.table<DayIndexRow, string>('dayIndex');
  const days = await dayIndex.toCollection().primaryKeys();
  await dayIndex.clear();
  for (const day of days) {
    const records = await observations.where('observedStart').between(day, `${day}\uffff`).toArray();
    const rows = await reindex(
      records.map(() => undefined),
      records,
      async (wanted) => dayIndex.bulkGet(wanted),
    );
    await dayIndex.bulkPut(rows.filter((row) => row.ids.length > 0));
  }
}

export function openDatabase(name: string = DEFAULT_DATABASE_NAME): RoutewatchDatabase {
  const db = new Dexie(name) as RoutewatchDatabase;
  db.version(1).stores({
    observations: '&id, observedStart, kind, placeId, reviewStatus, office, [kind+observedStart]',
    outbox: '++seq',
    meta: '&key',
  });
  db.version(2)
    .stores({
      observations: '&id, observedStart, kind, placeId, reviewStatus, office, mission, [kind+observedStart], [reviewStatus+observedStart]',
      revisions: '++seq, recordId',
      dayIndex: '&day',
    })
    .upgrade(async (tx) => {
      // Build the day index from the records the device already holds. All at once:
      // the upgrade runs once, over what the skeleton version could hold.
      const observations = tx.table<Observation, string>('observations');
      const dayIndex = tx.table<DayIndexRow, string>('dayIndex');
      const records = await observations.toArray();
      const rows = await reindex(
        records.map(() => undefined),
        records,
        async (days) => dayIndex.bulkGet(days),
      );
      await dayIndex.bulkPut(rows);
    });
  db.version(3).stores({ drafts: '&id, updatedAt, recordId' });
  db.version(4)
    .stores({ tileAreas: '&id, createdAt' })
    // The day index gained the movement's columns (flows).
    .upgrade(rebuildDayIndex);
  db.version(5)
    .stores({ pendingRecords: '&recordId', attention: '&changeId, recordId, at', withheld: '&recordId' })
    .upgrade(async (tx) => {
      // The kept set of records waiting: from the outbox as it stands, the latest change
      // id of each record winning. A device never enrolled has never pushed anything,
      // so its waiting records were all made unenrolled (enrolment may adopt them); on
      // an enrolled device that cannot be told any more, so none is taken as adoptable.
      const enrolled = (await tx.table<MetaEntry, string>('meta').get('enrolment')) !== undefined;
      const latest = new Map<string, string>();
      await tx
        .table<OutboxRow, number>('outbox')
        .orderBy('seq')
        .each((row) => {
          for (const entry of row.entries) latest.set(entry.recordId, entry.changeId);
        });
      await tx
        .table<PendingRecordRow, string>('pendingRecords')
        .bulkPut([...latest].map(([recordId, changeId]) => ({ recordId, changeId, adoptable: !enrolled })));
    });
  db.version(6)
    .stores({ revisions: '++seq, recordId, &id, action, unsent' })
    .upgrade(async (tx) => {
      // History from before revisions synced: every row gets an id; those of records still
      // waiting go with their next push (the rest stay on this device, as before).
      const waiting = new Set(await tx.table<PendingRecordRow, string>('pendingRecords').toCollection().primaryKeys());
      const newId = createUuidFactory();
      await tx
        .table<RevisionRow, number>('revisions')
        .toCollection()
        .modify((row) => {
          row.id = newId();
          if (waiting.has(row.recordId)) row.unsent = 1;
        });
    });
  // Indexes no query uses cost every write of a record (a first pull writes tens of
  // thousands): the screens read the day index, and the store queries records only by
  // id, time, office and [reviewStatus+observedStart].
  db.version(7).stores({ observations: '&id, observedStart, office, [reviewStatus+observedStart]' });
  db.version(8)
    .stores({})
    // The day index gained the measure column (shared/reports/entry-measures.ts).
    .upgrade(rebuildDayIndex);
  // Issued situation reports (issued-report-store.ts); by time for the list, pending for the push.
  db.version(9).stores({ issuedReports: '&id, issuedAt, pending', issuedReportDocuments: '&id' });
  db.version(10)
    .stores({ pendingGroups: '++seq, *recordIds', pendingRecords: null })
    .upgrade(async (tx) => {
      // The waiting rows, in their key order, as groups of 500 (Dexie removes the old
      // table after this function, in the same upgrade transaction).
      const rows = await tx.table<PendingRecordRow, string>('pendingRecords').toArray();
      const groups: PendingGroupRow[] = [];
      for (let i = 0; i < rows.length; i += PENDING_GROUP_ON_UPGRADE) {
        const part = rows.slice(i, i + PENDING_GROUP_ON_UPGRADE);
        groups.push({ recordIds: part.map((r) => r.recordId), changeIds: part.map((r) => r.changeId), adoptable: part.map((r) => r.adoptable) });
      }
      await tx.table<PendingGroupRow, number>('pendingGroups').bulkAdd(groups);
    });
  db.version(11)
    .stores({ dayVersions: '&day', reportDays: '&day' })
    // Every day of the index gets its first version: the report's cache is checked against it.
    .upgrade(async (tx) => {
      const days = await tx.table<DayIndexRow, string>('dayIndex').toCollection().primaryKeys();
      await tx.table<DayVersionRow, string>('dayVersions').bulkPut(days.map((day) => ({ day, version: newDayVersion() })));
    });
  // The report's cache a month to a row: its days are rebuilt, not moved (a cache).
  db.version(12).stores({ reportMonths: '&month', reportDays: null });
  return db;
}
