import { describe, expect, it } from 'vitest';
import type { TileSource } from '../../shared/tiles/tile-source';
import { createWebTileCache, parseTileCacheKey, tileCacheKey } from './web-tile-cache';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** Cache Storage in memory: one cache, keyed by URL. */
function memoryCaches(): CacheStorage {
  const entries = new Map<string, Response>();
  const url = (key: string | Request) => (typeof key === 'string' ? key : key.url);
  const cache = {
    match: (key: string | Request) => Promise.resolve(entries.get(url(key))?.clone()),
    keys: () => Promise.resolve([...entries.keys()].map((key) => new Request(key))),
    put: (key: string, response: Response) => {
      entries.set(key, response);
      return Promise.resolve();
    },
    delete: (key: string | Request) => Promise.resolve(entries.delete(url(key))),
  };
  return { open: () => Promise.resolve(cache) } as unknown as CacheStorage;
}

function fetcher(answer: () => Promise<Response>) {
  const calls: string[] = [];
  const fn = ((input: string) => {
    calls.push(input);
    return answer();
  }) as typeof fetch;
  return { fn, calls };
}

const tile = { z: 5, x: 17, y: 11 };
const ORG: TileSource = {
  id: 'org',
  name: 'Org',
  urlTemplate: 'https://t.example.org/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: '© Org',
  maxZoom: 18,
  allowsBulkDownload: true,
};

describe('web tile cache', () => {
  it('fetches once, then serves from Cache Storage without the network', async () => {
    const net = fetcher(() => Promise.resolve(new Response(PNG, { status: 200 })));
    const cache = createWebTileCache(memoryCaches(), net.fn);
    const first = await cache.load(ORG, tile, true);
    expect(first.outcome).toBe('fetched');
    expect(first.image?.type).toBe('image/png');
    const second = await cache.load(ORG, tile, true);
    expect(second.outcome).toBe('cached');
    expect(second.image?.size).toBe(PNG.length);
    expect(net.calls).toHaveLength(1);
    expect(await cache.sizes('org', [tile, { z: 5, x: 18, y: 11 }])).toEqual([PNG.length, null]);
    expect(await cache.remove('org', [tile])).toBe(1);
    expect((await cache.load(ORG, tile, false)).outcome).toBe('not-cached');
  });

  it('caches no error page and tells refusals from an unreachable server', async () => {
    const cases: [() => Promise<Response>, string][] = [
      [() => Promise.resolve(new Response('<html>', { status: 200 })), 'refused'],
      [() => Promise.resolve(new Response('', { status: 404 })), 'refused'],
      [() => Promise.resolve(new Response('', { status: 503 })), 'unreachable'],
      [() => Promise.reject(new TypeError('Failed to fetch')), 'unreachable'],
    ];
    for (const [answer, outcome] of cases) {
      const cache = createWebTileCache(memoryCaches(), fetcher(answer).fn);
      expect((await cache.load(ORG, tile, true)).outcome).toBe(outcome);
      expect(await cache.sizes('org', [tile])).toEqual([null]);
    }
  });

  it('fetches a tile older than 30 days again when it may, and keeps the old one when it cannot', async () => {
    const day = 24 * 60 * 60 * 1000;
    let time = 100 * day;
    let up = true;
    const net = fetcher(() => (up ? Promise.resolve(new Response(PNG, { status: 200 })) : Promise.reject(new TypeError('Failed to fetch'))));
    const cache = createWebTileCache(memoryCaches(), net.fn, () => time);
    await cache.load(ORG, tile, true);
    time += 29 * day;
    expect((await cache.load(ORG, tile, true)).outcome).toBe('cached');
    expect(net.calls).toHaveLength(1);
    time += 2 * day;
    expect((await cache.load(ORG, tile, false)).outcome).toBe('cached');
    up = false;
    const kept = await cache.load(ORG, tile, true);
    expect(kept.outcome).toBe('cached');
    expect(kept.image?.size).toBe(PNG.length);
    up = true;
    expect((await cache.load(ORG, tile, true)).outcome).toBe('fetched');
    expect((await cache.load(ORG, tile, true)).outcome).toBe('cached');
    expect(net.calls).toHaveLength(3);
  });

  it('never uses the network without a URL', async () => {
    const net = fetcher(() => Promise.resolve(new Response(PNG)));
    const cache = createWebTileCache(memoryCaches(), net.fn);
    expect(await cache.load(ORG, tile, false)).toEqual({ outcome: 'not-cached', image: null });
    expect(net.calls).toEqual([]);
  });

  it('keys tiles by source and position, never by their URL', () => {
    expect(tileCacheKey('org', tile)).toBe('https://tile-cache.routewatch.invalid/org/5/17/11');
  });

  it('reads a key back, and nothing that is not one of its keys', () => {
    expect(parseTileCacheKey(tileCacheKey('org-2', tile))).toEqual({ sourceId: 'org-2', tile });
    for (const key of [
      'https://t.example.org/org/5/17/11',
      'https://tile-cache.routewatch.invalid/org/5/17',
      'https://tile-cache.routewatch.invalid/org/5/40/11',
      'https://tile-cache.routewatch.invalid/Org/5/17/11',
      'https://tile-cache.routewatch.invalid/org/5/17/11/x',
    ]) {
      expect(parseTileCacheKey(key), key).toBeNull();
    }
  });

  it('counts and trims the viewed tiles, oldest stored first, never a saved area tile', async () => {
    let time = 1000;
    const caches = memoryCaches();
    const net = fetcher(() => Promise.resolve(new Response(PNG, { status: 200 })));
    const cache = createWebTileCache(caches, net.fn, () => time);
    const saved = { z: 5, x: 17, y: 11 };
    const viewed = [
      { z: 5, x: 18, y: 11 },
      { z: 5, x: 19, y: 11 },
      { z: 6, x: 34, y: 22 },
    ];
    for (const t of [saved, ...viewed]) {
      time += 10;
      await cache.load(ORG, t, true);
    }
    // Not a tile of ours: never counted, never removed.
    await (await caches.open('routewatch-tiles-v1')).put('https://elsewhere.example/x', new Response('x'));
    const protect = [{ sourceId: 'org', ranges: [{ z: 5, minX: 17, maxX: 17, minY: 11, maxY: 11 }] }];
    expect(await cache.viewedUsage(protect)).toEqual({ count: 3, bytes: 3 * PNG.length });

    const trim = await cache.trimViewed(protect, 2 * PNG.length);
    expect(trim).toEqual({ removed: { count: 1, bytes: PNG.length }, left: { count: 2, bytes: 2 * PNG.length } });
    expect(await cache.sizes('org', [saved, ...viewed])).toEqual([PNG.length, null, PNG.length, PNG.length]);

    expect(await cache.trimViewed(protect, 0)).toEqual({ removed: { count: 2, bytes: 2 * PNG.length }, left: { count: 0, bytes: 0 } });
    expect(await cache.sizes('org', [saved, ...viewed])).toEqual([PNG.length, null, null, null]);
    expect(await cache.viewedUsage(protect)).toEqual({ count: 0, bytes: 0 });
    expect(await (await caches.open('routewatch-tiles-v1')).match('https://elsewhere.example/x')).toBeDefined();
  });

  it('has nothing to count or trim without Cache Storage', async () => {
    const cache = createWebTileCache(undefined, fetcher(() => Promise.resolve(new Response(PNG))).fn);
    expect(await cache.viewedUsage([])).toEqual({ count: 0, bytes: 0 });
    expect(await cache.trimViewed([], 0)).toEqual({ removed: { count: 0, bytes: 0 }, left: { count: 0, bytes: 0 } });
  });
});
