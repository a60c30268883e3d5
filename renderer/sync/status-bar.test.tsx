// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesContext } from '../app/services';
import type { AppServices } from '../app/services';
import { FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { createWebPlatform } from '../platform/web-platform';
import { openDatabase } from '../store/database';
import { DraftStore } from '../store/draft-store';
import { ObservationStore } from '../store/observation-store';
import type { SyncStatus } from './sync-status';
import { StatusBar } from './status-bar';
import { SyncService } from './sync-service';
import { testCipher } from '../../test-support/renderer/test-cipher';

afterEach(cleanup);

function setup(patch: Partial<SyncStatus>) {
  const sync = new FakeSync(statusOf(patch));
  render(
    <ServicesContext.Provider value={fakeServices(sync)}>
      <StatusBar />
    </ServicesContext.Provider>,
  );
  return sync;
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('StatusBar', () => {
  it('links to the issued reports while some wait or were refused, and says nothing of them otherwise', () => {
    setup({ reportsWaiting: 2 });
    expect(text('reports-waiting-link')).toBe('2 issued reports waiting to sync');
    expect(screen.getByTestId('reports-waiting-link').getAttribute('href')).toBe('#/reports/issued');
    cleanup();
    setup({ reportsWaiting: 1, reportsRefused: 1 });
    expect(text('reports-waiting-link')).toBe('1 issued report waiting to sync');
    expect(text('reports-refused-link')).toBe('1 issued report refused');
    cleanup();
    setup({});
    expect(screen.queryByTestId('reports-waiting-link')).toBeNull();
    expect(screen.queryByTestId('reports-refused-link')).toBeNull();
  });

  it('never says "All changes synced" on a device that is not enrolled', () => {
    setup({ enrolled: false, online: false, pending: 3, userName: null, office: null });
    expect(text('pending-count')).toBe('3 changes kept on this device — not enrolled');
    expect(text('online-state')).toBe('Offline');
    expect(screen.queryByText('All changes synced')).toBeNull();
    expect(screen.queryByTestId('last-sync')).toBeNull();
  });

  it('says not enrolled, and nothing about sync, on an empty unenrolled device', () => {
    setup({ enrolled: false, pending: 0 });
    expect(text('pending-count')).toBe('Not enrolled with a server');
    expect(screen.queryByText('All changes synced')).toBeNull();
  });

  it('says all changes synced only after a round sent them', () => {
    const sync = setup({ pending: 0, lastSyncAt: null });
    expect(text('pending-count')).toBe('No changes waiting');
    expect(text('last-sync')).toBe('Never synced');
    act(() => sync.emit({ lastSyncAt: '2026-12-04T10:00:00.000Z' }));
    expect(text('pending-count')).toBe('All changes synced');
    expect(text('last-sync')).toMatch(/^Last sync Dec 4, 2026/);
  });

  it('does not say all changes synced while refused changes wait in Needs attention', () => {
    setup({ pending: 0, attention: 2, lastSyncAt: '2026-12-04T10:00:00.000Z' });
    expect(text('pending-count')).toBe('All other changes synced');
    expect(screen.queryByText('All changes synced')).toBeNull();
  });

  it('says a revoked device is revoked and what it keeps', () => {
    setup({ revoked: true, pending: 4, attention: 1, error: 'device_revoked' });
    expect(text('pending-count')).toBe('This device was revoked — 5 changes kept on this device');
    // The revocation is said once, not again as an error.
    expect(screen.queryByTestId('sync-error')).toBeNull();
  });

  it('links the count of refused changes to "Needs attention"', () => {
    const sync = setup({ attention: 2, pending: 5 });
    const link = screen.getByRole('link', { name: '2 changes need attention' });
    expect(link.getAttribute('href')).toBe('#/attention');
    expect(text('pending-count')).toBe('5 changes waiting to sync');
    act(() => sync.emit({ attention: 0 }));
    expect(screen.queryByTestId('attention-link')).toBeNull();
  });

  it.each([
    [{ online: false }, 'Cannot sync: this device is offline. Changes are kept and sync when the connection is back.'],
    [{ enrolled: false }, 'Cannot sync: this device is not enrolled. Enrol it under Device & sync.'],
    [{ revoked: true }, 'Cannot sync: headquarters revoked this device. Export its changes or enrol it again under Device & sync.'],
  ] as const)('keeps "Sync now" clickable when it cannot run, and says why (%o)', (patch, reason) => {
    const sync = setup(patch);
    const button = screen.getByRole('button', { name: 'Sync now' });
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(screen.queryByTestId('sync-blocked')).toBeNull();
    fireEvent.click(button);
    expect(text('sync-blocked')).toBe(reason);
    expect(sync.calls.syncNow).toBe(0);
  });

  it('drops the reason once it no longer holds, and then syncs on a click', () => {
    const sync = setup({ online: false });
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(screen.getByTestId('sync-blocked')).toBeTruthy();
    act(() => sync.emit({ online: true }));
    expect(screen.queryByTestId('sync-blocked')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(sync.calls.syncNow).toBe(1);
  });

  it('shows the progress of a round: with the total when the server gave it, without when not', () => {
    const sync = setup({ syncing: true, progress: { phase: 'pull', done: 12_000, remaining: 88_000 } });
    expect(text('last-sync')).toBe('Receiving records: 12,000 of 100,000');
    act(() => sync.emit({ progress: { phase: 'pull', done: 500, remaining: null } }));
    expect(text('last-sync')).toBe('Receiving records: 500');
    act(() => sync.emit({ progress: { phase: 'push', done: 20, remaining: 30 } }));
    expect(text('last-sync')).toBe('Sending changes: 20 of 50');
    act(() => sync.emit({ progress: null }));
    expect(text('last-sync')).toBe('Syncing…');
  });

  it('says in words what to do about an error', () => {
    setup({ error: 'app_too_old' });
    expect(screen.getByRole('alert').textContent).toBe('This version of Routewatch is too old for the server. Update Routewatch; your changes are kept until then.');
  });

  it('works with the app\'s sync service (an unenrolled device with a record kept)', async () => {
    const store = new ObservationStore(openDatabase(`status-${Math.random()}`), { cipher: testCipher() });
    const sync = new SyncService(store, { fetchFn: () => Promise.reject(new TypeError('Failed to fetch')), isOnline: () => false });
    const services: AppServices = { platform: createWebPlatform(window), store, drafts: new DraftStore(store.db, testCipher()), sync, places: [], placesById: new Map() };
    render(
      <ServicesContext.Provider value={services}>
        <StatusBar />
      </ServicesContext.Provider>,
    );
    await store.createObservations(
      [{ kind: 'point_count', observedStart: new Date().toISOString(), placeId: 'rs-sid', location: null, locationMethod: 'gazetteer', totalPersons: 3, summary: '' }],
      { author: 'A', office: 'RS-BEL' },
    );
    await sync.noteLocalChange();
    expect(await screen.findByText('1 change kept on this device — not enrolled')).toBeTruthy();
  });
});

describe('StatusBar and a held mass change', () => {
  it('links to Device & sync, where the decision is, instead of a long error', () => {
    setup({ massChange: { deletes: 10, overwrites: 0, held: 12 }, error: 'mass_change' });
    const link = screen.getByRole('link', { name: 'Sync paused: many records would change. Decide under Device & sync' });
    expect(link.getAttribute('href')).toBe('#/settings');
    expect(screen.queryByTestId('sync-error')).toBeNull();
  });
});
