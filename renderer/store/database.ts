/**
 * The one typed Dexie database of the renderer.
 *
 * Versions are append-only: a shipped `version(n)` and its upgrade are never edited;
 * a change of schema is a new version below the last one.
 *
 * Tables:
 * - observations (synced): the records, tombstones included.
 * - outbox (synced): one entry per record with a local change the server has not
 *   acknowledged, keyed by the record id and holding the id of its newest change;
 *   the record's current state is what gets pushed. No secondary index: the outbox
 *   is written with every record, so it must cost as little as possible.
 * - meta (local-only): device identity, profile, enrolment, HLC state, sync cursor.
 */
import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import type { Observation } from '../../shared/observations/observation-schema';

export interface OutboxEntry {
  recordId: string;
  /** The newest local change of the record; an edit replaces it. */
  changeId: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export type RoutewatchDatabase = Dexie & {
  observations: EntityTable<Observation, 'id'>;
  outbox: EntityTable<OutboxEntry, 'recordId'>;
  meta: EntityTable<MetaEntry, 'key'>;
};

export const DEFAULT_DATABASE_NAME = 'routewatch';

export function openDatabase(name: string = DEFAULT_DATABASE_NAME): RoutewatchDatabase {
  const db = new Dexie(name) as RoutewatchDatabase;
  db.version(1).stores({
    observations: '&id, observedStart, kind, placeId, reviewStatus, office, [kind+observedStart]',
    outbox: '&recordId',
    meta: '&key',
  });
  return db;
}
