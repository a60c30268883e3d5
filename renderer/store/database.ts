/**
 * The one typed Dexie database of the renderer.
 *
 * Versions are append-only: a shipped `version(n)` and its upgrade are never edited;
 * a change of schema is a new version below the last one.
 *
 * Tables:
 * - observations (synced): the records, tombstones included.
 * - outbox (synced): one entry per local change not yet acknowledged by the server,
 *   keyed by its change id (UUIDv7, so key order is time order). It names the record;
 *   the record's current state is what gets pushed.
 * - meta (local-only): device identity, profile, enrolment, HLC state, sync cursor.
 */
import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import type { Observation } from '../../shared/observations/observation-schema';

export interface OutboxEntry {
  changeId: string;
  recordId: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export type RoutewatchDatabase = Dexie & {
  observations: EntityTable<Observation, 'id'>;
  outbox: EntityTable<OutboxEntry, 'changeId'>;
  meta: EntityTable<MetaEntry, 'key'>;
};

export const DEFAULT_DATABASE_NAME = 'routewatch';

export function openDatabase(name: string = DEFAULT_DATABASE_NAME): RoutewatchDatabase {
  const db = new Dexie(name) as RoutewatchDatabase;
  db.version(1).stores({
    observations: '&id, observedStart, kind, placeId, reviewStatus, office, [kind+observedStart]',
    outbox: '&changeId, recordId',
    meta: '&key',
  });
  return db;
}
