// @vitest-environment jsdom
/**
 * The tile layer in jsdom, with a tile cache in memory: which tiles it asks for, when it
 * lets the cache use the network, the attribution as text, the save control's refusal
 * for a view-only source. jsdom loads no images, so tiles are checked by their attributes.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import L from 'leaflet';
import { waitFor } from '@testing-library/react';
import type { TileCoord } from '../../../shared/tiles/tile-math';
import { tileUrl } from '../../../shared/tiles/tile-source';
import type { TileCache } from '../../platform/tile-cache';
import { openDatabase } from '../../store/database';
import { createTileLayer } from './tile-layer';
import { createTileServices, provideTileServices } from './tile-services';
import { DEFAULT_TILE_SETTINGS, writeTileSettings } from './tile-settings';

const org = {
  id: 'custom-org',
  name: 'Org',
  urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: '© Org <img src=x onerror=alert(1)>',
  maxZoom: 14,
  allowsBulkDownload: true,
};

let online = true;
const asked: { tile: TileCoord; url: string | null }[] = [];
const trims: { maxBytes: number; targetBytes: number | undefined }[] = [];
const cache: TileCache = {
  load: (source, tile, network) => {
    const url = network ? tileUrl(source, tile) : null;
    asked.push({ tile, url });
    return Promise.resolve(url === null ? { outcome: 'not-cached', image: null } : { outcome: 'fetched', image: new Blob([new Uint8Array(10)], { type: 'image/png' }) });
  },
  sizes: (_sourceId, tiles) => Promise.resolve(tiles.map(() => null)),
  remove: () => Promise.resolve(0),
  viewedUsage: () => Promise.resolve({ count: 0, bytes: 0 }),
  trimViewed: (_protect, maxBytes, targetBytes) => {
    trims.push({ maxBytes, targetBytes });
    // Left at the limit: the next tiles stored go over it again, so every test sees its own check.
    return Promise.resolve({ removed: { count: 0, bytes: 0 }, left: { count: 1, bytes: maxBytes } });
  },
};

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  URL.createObjectURL = vi.fn(() => 'blob:tile');
  URL.revokeObjectURL = vi.fn();
  provideTileServices(createTileServices(cache, openDatabase('tile-layer-test')));
});

let map: L.Map | null = null;
afterEach(() => {
  map?.remove();
  map = null;
  asked.length = 0;
  trims.length = 0;
  online = true;
  writeTileSettings(DEFAULT_TILE_SETTINGS);
  document.body.replaceChildren();
});

function newMap(): L.Map {
  const container = document.createElement('div');
  document.body.append(container);
  map = L.map(container, { zoomControl: false, attributionControl: false }).setView([44.8, 20.4], 7);
  return map;
}

describe('tile layer', () => {
  it('shows no tiles and asks for none until a source is chosen', () => {
    const m = newMap();
    const layer = createTileLayer(m);
    expect(m.getContainer().dataset.tileSource).toBe('');
    expect(asked).toEqual([]);
    expect(m.getContainer().querySelector('.rw-tile-attribution')).toBeNull();
    layer.remove();
  });

  it('loads the view through the cache with the network, and shows the attribution as text', async () => {
    writeTileSettings({ ...DEFAULT_TILE_SETTINGS, sourceId: org.id, customSources: [org] });
    const m = newMap();
    const layer = createTileLayer(m);
    expect(m.getContainer().dataset.tileSource).toBe(org.id);
    await waitFor(() => expect(m.getContainer().querySelectorAll('img.rw-tile[data-tile-outcome="fetched"]').length).toBeGreaterThan(0));
    expect(asked.every(({ url, tile }) => url === `https://tiles.example.org/${tile.z}/${tile.x}/${tile.y}.png`)).toBe(true);
    expect(asked.every(({ tile }) => tile.z === 7)).toBe(true);
    const attribution = m.getContainer().querySelector('.rw-tile-attribution');
    expect(attribution?.textContent).toBe('Map tiles: © Org <img src=x onerror=alert(1)>');
    expect(attribution?.children).toHaveLength(0);
    expect(trims).toEqual([]);
    layer.remove();
    expect(m.getContainer().querySelector('.rw-tile-attribution')).toBeNull();
    expect(m.getContainer().querySelector('img.rw-tile')).toBeNull();
    // The tiles stored are reported once (jsdom loads no image, so at removal rather than
    // at the view's 'load'), and the viewed-tile cache is checked against its 200 MB limit.
    await waitFor(() => expect(trims).toEqual([{ maxBytes: 200_000_000, targetBytes: 180_000_000 }]));
  });

  it('never passes a URL while offline or "offline only"', async () => {
    online = false;
    writeTileSettings({ ...DEFAULT_TILE_SETTINGS, sourceId: org.id, customSources: [org] });
    const m = newMap();
    const layer = createTileLayer(m);
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    online = true;
    writeTileSettings({ ...DEFAULT_TILE_SETTINGS, sourceId: org.id, offlineOnly: true, customSources: [org] });
    m.setView([42.0, 21.4], 8);
    await waitFor(() => expect(asked.some(({ tile }) => tile.z === 8)).toBe(true));
    expect(asked.every(({ url }) => url === null)).toBe(true);
    expect(m.getContainer().querySelectorAll('img.rw-tile[data-tile-outcome="not-cached"]').length).toBeGreaterThan(0);
    // "Offline only" off again: the view is filled from the network without a pan.
    writeTileSettings({ ...DEFAULT_TILE_SETTINGS, sourceId: org.id, customSources: [org] });
    await waitFor(() => expect(asked.some(({ url }) => url !== null)).toBe(true));
    await waitFor(() => expect(m.getContainer().querySelectorAll('img.rw-tile[data-tile-outcome="fetched"]').length).toBeGreaterThan(0));
    layer.remove();
  });

  it('follows a change of source, and refuses to save areas of a view-only source', async () => {
    const m = newMap();
    const layer = createTileLayer(m);
    writeTileSettings({ ...DEFAULT_TILE_SETTINGS, sourceId: 'osm-standard' });
    expect(m.getContainer().dataset.tileSource).toBe('osm-standard');
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect(asked.every(({ url }) => url?.startsWith('https://tile.openstreetmap.org/7/') === true)).toBe(true);
    const toggle = await waitFor(() => {
      const button = [...m.getContainer().querySelectorAll('button')].find((b) => b.textContent === 'Save area offline');
      if (button === undefined) throw new Error('no save button');
      return button;
    });
    toggle.click();
    await waitFor(() => expect(m.getContainer().textContent).toContain('its tile usage policy forbids bulk downloading'));
    expect([...m.getContainer().querySelectorAll('button')].some((b) => b.textContent === 'Save area')).toBe(false);
    layer.remove();
  });
});
