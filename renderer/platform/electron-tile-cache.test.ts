import { describe, expect, it } from 'vitest';
import type { IpcChannel, IpcRequest, RoutewatchBridge } from '../../shared/ipc/contract';
import { OSM_STANDARD, type TileSource } from '../../shared/tiles/tile-source';
import { createElectronTileCache, looksLikeLocalNetworkHost } from './electron-tile-cache';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const office: TileSource = {
  id: 'office',
  name: 'Office',
  urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: 'Office',
  maxZoom: 18,
  allowsBulkDownload: true,
};
const tile = { z: 3, x: 4, y: 2 };

/** A bridge that records the calls and answers as main would. */
function fakeBridge(acceptSources: boolean) {
  const calls: { channel: IpcChannel; request: unknown }[] = [];
  const answer = (channel: IpcChannel, request: unknown) => {
    calls.push({ channel, request });
    if (channel === 'tiles:setSource') return Promise.resolve(acceptSources ? { ok: true, data: {} } : { ok: false, error: { code: 'refused' } });
    if (channel === 'tiles:load') {
      const { network } = request as IpcRequest<'tiles:load'>;
      return Promise.resolve({ ok: true, data: network ? { outcome: 'fetched', bytes: PNG } : { outcome: 'not-cached', bytes: null } });
    }
    return Promise.resolve({ ok: false, error: { code: 'refused' } });
  };
  const bridge = new Proxy({}, { get: (_target, channel: string) => (request: unknown) => answer(channel as IpcChannel, request) }) as RoutewatchBridge;
  return { bridge, calls };
}

describe('electron tile cache', () => {
  it('hands a user-added source to main once, then loads by source id and tile only (never a URL)', async () => {
    const { bridge, calls } = fakeBridge(true);
    const cache = createElectronTileCache(bridge);
    const loads = await Promise.all([cache.load(office, tile, true), cache.load(office, { ...tile, x: 5 }, true), cache.load(office, tile, true)]);
    expect(loads.map((l) => l.outcome)).toEqual(['fetched', 'fetched', 'fetched']);
    expect(calls.filter((c) => c.channel === 'tiles:setSource')).toEqual([{ channel: 'tiles:setSource', request: { source: office, allowPrivateAddresses: false } }]);
    for (const call of calls.filter((c) => c.channel === 'tiles:load')) {
      expect(Object.keys(call.request as object).sort()).toEqual(['network', 'sourceId', 'tile']);
    }
    // A changed source is handed over again.
    await cache.load({ ...office, maxZoom: 17 }, tile, true);
    expect(calls.filter((c) => c.channel === 'tiles:setSource')).toHaveLength(2);
  });

  it('never hands over a built-in source, nor anything when offline', async () => {
    const { bridge, calls } = fakeBridge(true);
    const cache = createElectronTileCache(bridge);
    await cache.load(OSM_STANDARD, tile, true);
    await cache.load(office, tile, false);
    expect(calls.map((c) => c.channel)).toEqual(['tiles:load', 'tiles:load']);
  });

  it('asks main once for a refused source, and then uses the cache only, saying refused', async () => {
    const { bridge, calls } = fakeBridge(false);
    const cache = createElectronTileCache(bridge);
    expect((await cache.load(office, tile, true)).outcome).toBe('refused');
    expect((await cache.load(office, tile, true)).outcome).toBe('refused');
    expect(calls.filter((c) => c.channel === 'tiles:setSource')).toHaveLength(1);
    expect(calls.filter((c) => c.channel === 'tiles:load').map((c) => (c.request as IpcRequest<'tiles:load'>).network)).toEqual([false, false]);
  });

  it('asks for the local network for a source whose host names one', async () => {
    const { bridge, calls } = fakeBridge(true);
    const lan = { ...office, urlTemplate: 'http://192.168.1.20:8080/{z}/{x}/{y}.png' };
    await createElectronTileCache(bridge).load(lan, tile, true);
    expect(calls[0]).toEqual({ channel: 'tiles:setSource', request: { source: lan, allowPrivateAddresses: true } });
  });
});

describe('looksLikeLocalNetworkHost', () => {
  it.each([
    'http://localhost:8080/{z}/{x}/{y}.png',
    'http://127.0.0.1/{z}/{x}/{y}.png',
    'http://10.1.2.3/{z}/{x}/{y}.png',
    'http://172.20.0.5/{z}/{x}/{y}.png',
    'http://192.168.0.9/{z}/{x}/{y}.png',
    'http://[::1]:8080/{z}/{x}/{y}.png',
    'http://[fd12::5]/{z}/{x}/{y}.png',
    'http://tileserver/{z}/{x}/{y}.png',
    'http://tiles.office.lan/{z}/{x}/{y}.png',
    'http://maps.local/{z}/{x}/{y}.png',
    'https://tiles.corp.internal/{z}/{x}/{y}.png',
  ])('%s: yes', (urlTemplate) => {
    expect(looksLikeLocalNetworkHost({ urlTemplate, subdomains: [] })).toBe(true);
  });

  it.each(['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', 'http://172.32.0.1/{z}/{x}/{y}.png', 'http://8.8.8.8/{z}/{x}/{y}.png'])(
    '%s: no',
    (urlTemplate) => {
      expect(looksLikeLocalNetworkHost({ urlTemplate, subdomains: ['a'] })).toBe(false);
    },
  );
});
