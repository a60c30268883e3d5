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
 */
import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import type { Observation } from '../../shared/observations/observation-schema';

export interface OutboxEntry {
  recordId: string;
  changeId: string;
}

/** The changes of one local write. `seq` orders writes. */
export interface OutboxRow {
  seq?: number;
  entries: OutboxEntry[];
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export type RoutewatchDatabase = Dexie & {
  observations: EntityTable<Observation, 'id'>;
  outbox: EntityTable<OutboxRow, 'seq'>;
  meta: EntityTable<MetaEntry, 'key'>;
};

export const DEFAULT_DATABASE_NAME = 'routewatch';

export function openDatabase(name: string = DEFAULT_DATABASE_NAME): RoutewatchDatabase {
  const db = new Dexie(name) as RoutewatchDatabase;
  db.version(1).stores({
    observations: '&id, observedStart, kind, placeId, reviewStatus, office, [kind+observedStart]',
    outbox: '++seq',
    meta: '&key',
  });
  return db;
}
