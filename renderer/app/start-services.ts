/**
 * Everything that reads or writes records, built only once the lock has given the data
 * key (renderer/lock/lock-gate.tsx), and taken down again when the app locks.
 */
import gazetteerCsv from '../../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { createTileServices, provideTileServices } from '../map/tiles/tile-services';
import { createRecordCipher } from '../crypto/record-cipher';
import type { Platform } from '../platform/platform';
import { openDatabase } from '../store/database';
import { DraftStore } from '../store/draft-store';
import { migrateAtRest } from '../store/migrate-at-rest';
import { ObservationStore } from '../store/observation-store';
import { SyncService } from '../sync/sync-service';
import type { AppServices } from './services';

export interface RunningServices {
  readonly services: AppServices;
  /** Pauses sync, drops the tile services and closes the store: after this nothing holds decrypted data. */
  stop(): void;
}

export function startServices(platform: Platform, dataKey: CryptoKey): RunningServices {
  // The data key reaches the store here and only here: everything sensitive it writes is
  // sealed with it, and what it reads is opened with it (renderer/crypto/record-cipher.ts).
  const cipher = createRecordCipher(dataKey);
  const db = openDatabase();
  const store = new ObservationStore(db, { cipher });
  const drafts = new DraftStore(db, cipher);
  // Records stored before encryption are sealed in place, in batches; an interrupted run
  // resumes at the next unlock (migrate-at-rest.ts).
  void migrateAtRest(db, cipher).catch((error: unknown) => {
    // Locking closes the database under a running migration: expected, and it resumes at the next unlock.
    if (error instanceof Error && error.name === 'DatabaseClosedError') return;
    console.error('encrypting the stored records failed; it resumes at the next unlock', error);
  });

  provideTileServices(createTileServices(platform.tileCache, store.db));
  const sync = new SyncService(store, {
    fetchFn: (input, init) => fetch(input, init),
    isOnline: () => navigator.onLine,
    announceServer: (serverUrl, purpose) => platform.announceSyncServer(serverUrl, purpose),
  });
  const online = () => sync.setOnline(true);
  const offline = () => sync.setOnline(false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  const { places } = parseGazetteerCsv(gazetteerCsv);
  const services: AppServices = {
    platform,
    store,
    drafts,
    sync,
    places,
    placesById: new Map(places.map((p) => [p.id, p])),
  };
  void sync.start();
  return {
    services,
    stop() {
      sync.stop();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      provideTileServices(null);
      // A round in flight ends on the closed database: its writes are transactions, so
      // it leaves nothing half-written, and the next unlock starts a new round.
      db.close();
    },
  };
}
