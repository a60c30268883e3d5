// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tileServices } from '../map/tiles/tile-services';
import { createWebPlatform } from '../platform/web-platform';
import { SyncService } from '../sync/sync-service';
import { startServices } from './start-services';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('startServices', () => {
  it('builds the store, drafts, sync and tiles; stop pauses sync, drops the tile services and closes the store', async () => {
    const syncStart = vi.spyOn(SyncService.prototype, 'start');
    const syncStop = vi.spyOn(SyncService.prototype, 'stop');
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const running = startServices(createWebPlatform(window), key);
    expect(syncStart).toHaveBeenCalledTimes(1);
    expect(tileServices()).not.toBeNull();
    await running.services.store.db.open();
    expect(running.services.store.db.isOpen()).toBe(true);
    expect(running.services.places.length).toBeGreaterThan(40);

    running.stop();
    expect(syncStop).toHaveBeenCalledTimes(1);
    expect(tileServices()).toBeNull();
    expect(running.services.store.db.isOpen()).toBe(false);
  });
});
