/**
 * Boot: choose the platform once, open the store, load the gazetteer, start sync,
 * render. Nothing here needs the network.
 */
import '../shared/schema/zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import gazetteerCsv from '../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../shared/places/gazetteer-csv';
import { App } from './app/app';
import { ServicesContext } from './app/services';
import type { AppServices } from './app/services';
import './app/app.css';
import { prefetchBasemapFiles } from './map/basemap/basemap-data';
import { createTileServices, provideTileServices } from './map/tiles/tile-services';
import { preparePlatform } from './platform/prepare-platform';
import { openDatabase } from './store/database';
import { DraftStore } from './store/draft-store';
import { ObservationStore } from './store/observation-store';
import { SyncService } from './sync/sync-service';
import { createRecordCipher } from './crypto/record-cipher';
import type { RecordCipher } from './crypto/record-cipher';
import { interimDataKey } from './crypto/interim-device-key';
import { migrateAtRest } from './store/migrate-at-rest';

function boot(cipher: RecordCipher): void {
  const platform = preparePlatform(window);
  // Ask the browser not to evict our data under storage pressure; records may exist nowhere else yet.
  void navigator.storage.persist().catch(() => false);
  const store = new ObservationStore(openDatabase(), { cipher });
  // Records stored before encryption are sealed in place, in batches (migrate-at-rest.ts).
  void migrateAtRest(store.db, cipher).catch((error: unknown) => {
    console.error('encrypting the stored records failed; it resumes at the next start', error);
  });
  provideTileServices(createTileServices(platform.tileCache, store.db));
  const sync = new SyncService(store, {
    fetchFn: (input, init) => fetch(input, init),
    isOnline: () => navigator.onLine,
  });
  window.addEventListener('online', () => {
    sync.setOnline(true);
  });
  window.addEventListener('offline', () => {
    sync.setOnline(false);
  });
  const { places } = parseGazetteerCsv(gazetteerCsv);
  const services: AppServices = {
    platform,
    store,
    drafts: new DraftStore(store.db, cipher),
    sync,
    places,
    placesById: new Map(places.map((p) => [p.id, p])),
  };
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root element');
  createRoot(root).render(
    <StrictMode>
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </StrictMode>,
  );
  void sync.start();
  // After the first screen is up: the map's boundary files are large and not needed to start.
  window.requestIdleCallback(() => void prefetchBasemapFiles(), { timeout: 1000 });
}

// The lock screen (renderer/lock) will unwrap the data key here; until then, the interim key.
void interimDataKey().then((key) => {
  boot(createRecordCipher(key));
});
