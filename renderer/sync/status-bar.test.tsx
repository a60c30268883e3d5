// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesContext } from '../app/services';
import type { AppServices } from '../app/services';
import { createWebPlatform } from '../platform/web-platform';
import { openDatabase } from '../store/database';
import { DraftStore } from '../store/draft-store';
import { ObservationStore } from '../store/observation-store';
import { StatusBar } from './status-bar';
import { SyncService } from './sync-service';

afterEach(cleanup);

function setup(online: boolean) {
  const store = new ObservationStore(openDatabase(`status-${Math.random()}`));
  const failing = () => Promise.reject(new TypeError('Failed to fetch'));
  const sync = new SyncService(store, { fetchFn: failing, isOnline: () => online });
  const services: AppServices = { platform: createWebPlatform(window), store, drafts: new DraftStore(store.db), sync, places: [], placesById: new Map() };
  render(
    <ServicesContext.Provider value={services}>
      <StatusBar />
    </ServicesContext.Provider>,
  );
  return { store, sync };
}

describe('StatusBar', () => {
  it('shows offline, the changes waiting, and that the device is not enrolled', async () => {
    const { store, sync } = setup(false);
    await store.createObservations(
      [{ kind: 'point_count', observedStart: new Date().toISOString(), placeId: 'rs-sid', location: null, locationMethod: 'gazetteer', totalPersons: 3, summary: '' }],
      { author: 'A', office: 'RS-BEL' },
    );
    await sync.noteLocalChange();
    expect(await screen.findByText('1 change waiting to sync')).toBeTruthy();
    expect(screen.getByTestId('online-state').textContent).toBe('Offline');
    expect(screen.getByTestId('last-sync').textContent).toBe('Not enrolled with a server');
  });

  it('says in words what to do when the server cannot be reached', async () => {
    const { store, sync } = setup(true);
    await store.setMeta('enrolment', { serverUrl: 'http://127.0.0.1:9/', token: 't', deviceId: 'd1', office: 'RS-BEL', enrolledAt: '' });
    await sync.start();
    sync.stop();
    expect((await screen.findByRole('alert')).textContent).toContain('will sync when the connection is back');
  });
});
