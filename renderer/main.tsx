/**
 * Boot: choose the platform once, then show the lock. The store, drafts, sync and tiles
 * are built only after the data key is unwrapped (`startServices`), and dropped again
 * when the app locks. Nothing here needs the network.
 */
import '../shared/schema/zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ServicesContext } from './app/services';
import './app/app.css';
import { startServices } from './app/start-services';
import type { RunningServices } from './app/start-services';
import { KeyVault } from './lock/key-vault';
import { IndexedDbVaultStorage } from './lock/keyring-storage';
import { LockGate } from './lock/lock-gate';
import { prefetchBasemapFiles } from './map/basemap/basemap-data';
import { preparePlatform } from './platform/prepare-platform';

function boot(): void {
  const platform = preparePlatform(window);
  // Ask the browser not to evict our data under storage pressure; records may exist nowhere else yet.
  void navigator.storage.persist().catch(() => false);
  const vault = new KeyVault(new IndexedDbVaultStorage(), { keychain: platform.keychain });
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root element');
  createRoot(root).render(
    <StrictMode>
      <LockGate<RunningServices>
        vault={vault}
        keychain={platform.keychain}
        start={(dataKey) => Promise.resolve(startServices(platform, dataKey))}
        stop={(running) => running.stop()}
        renderApp={(running) => (
          <ServicesContext.Provider value={running.services}>
            <App />
          </ServicesContext.Provider>
        )}
      />
    </StrictMode>,
  );
  // After the first screen is up: the map's boundary files are large and not needed to start.
  window.requestIdleCallback(() => void prefetchBasemapFiles(), { timeout: 1000 });
}

boot();
