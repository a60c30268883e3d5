/**
 * What the store's tests share: a fixed clock, a profile, March 2026 as a period, a
 * valid candidate to vary, and a store on a database of its own. For tests only.
 */
import { Dexie } from 'dexie';
import { openDatabase } from '../../renderer/store/database';
import { ObservationStore } from '../../renderer/store/observation-store';
import { testCipher } from './test-cipher';

export const TEST_NOW = Date.parse('2026-03-10T12:00:00.000Z');
export const TEST_PROFILE = { author: 'Ana', office: 'RS-BEL' } as const;
export const MARCH_2026 = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' } as const;

/** A valid group sighting at Preševo on 10 March 2026, with `patch` applied. */
export function candidate(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'group_sighting',
    observedStart: '2026-03-10T11:00:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 12,
    summary: 'twelve',
    ...patch,
  };
}

let databases = 0;
/** A database name no other test uses (fake-indexeddb keeps databases for the whole file). */
export function freshDatabaseName(prefix = 'test'): string {
  databases += 1;
  return `${prefix}-${String(databases)}-${String(Date.now())}`;
}

/** A store on a fresh database, with a clock. */
export function freshStore(now: () => number = () => TEST_NOW): ObservationStore {
  return new ObservationStore(openDatabase(freshDatabaseName()), { cipher: testCipher(), now: now });
}

/** The tables as version 3 of database.ts declared them (the observation indexes are version 2's). */
const VERSION_3_STORES = {
  observations: '&id, observedStart, kind, placeId, reviewStatus, office, mission, [kind+observedStart], [reviewStatus+observedStart]',
  outbox: '++seq',
  meta: '&key',
  revisions: '++seq, recordId',
  dayIndex: '&day',
  drafts: '&id, updatedAt, recordId',
};

/** Version 6: revisions sync (ids, actions, unsent), beside version 5's tables. */
const VERSION_6_STORES = {
  ...VERSION_3_STORES,
  revisions: '++seq, recordId, &id, action, unsent',
  tileAreas: '&id, createdAt',
  pendingRecords: '&recordId',
  attention: '&changeId, recordId, at',
  withheld: '&recordId',
};

/** Version 7: the record indexes no query used are dropped. */
const VERSION_7_STORES = { ...VERSION_6_STORES, observations: '&id, observedStart, office, [reviewStatus+observedStart]' };

/** Each past version's tables, as database.ts declared them, for the upgrade tests. */
const PAST_STORES = {
  3: VERSION_3_STORES,
  4: { ...VERSION_3_STORES, tileAreas: '&id, createdAt' },
  5: { ...VERSION_3_STORES, tileAreas: '&id, createdAt', pendingRecords: '&recordId', attention: '&changeId, recordId, at', withheld: '&recordId' },
  6: VERSION_6_STORES,
  7: VERSION_7_STORES,
  // Version 8 changed the day index's rows, not the stores.
  8: VERSION_7_STORES,
  9: { ...VERSION_7_STORES, issuedReports: '&id, issuedAt, pending', issuedReportDocuments: '&id' },
  10: { ...VERSION_7_STORES, issuedReports: '&id, issuedAt, pending', issuedReportDocuments: '&id', pendingRecords: null, pendingGroups: '++seq, *recordIds' },
} as const;

/** A database named `name` at a past version, for a test to fill (then close) before openDatabase upgrades it. */
export function pastVersionDatabase(name: string, version: keyof typeof PAST_STORES): Dexie {
  const db = new Dexie(name);
  db.version(version).stores(PAST_STORES[version]);
  return db;
}
