import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract';
import { deleteTiles, loadTile, statTiles, tileFilePath, type TileCacheEffects, type TileFetchAnswer } from './tile-cache';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const NEWER = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const HTML = new TextEncoder().encode('<html>rate limited</html>');
const root = path.resolve('/data/routewatch/tiles');

const DAY = 24 * 60 * 60 * 1000;

function fakeEffects(answer: () => Promise<TileFetchAnswer>) {
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const written = new Map<string, number>();
  const fetched: string[] = [];
  const clock = { now: 100 * DAY };
  const effects: TileCacheEffects = {
    root,
    now: () => clock.now,
    files: {
      read: (p) => {
        const bytes = files.get(p);
        return Promise.resolve(bytes === undefined ? null : { bytes, modifiedMs: written.get(p) ?? 0 });
      },
      writeAtomic: (p, data) => {
        files.set(p, data);
        written.set(p, clock.now);
        return Promise.resolve();
      },
      size: (p) => Promise.resolve(files.get(p)?.length ?? null),
      remove: (p) => Promise.resolve(files.delete(p)),
      list: () => Promise.resolve([...files].map(([p, bytes]) => ({ path: p, bytes: bytes.length, modifiedMs: written.get(p) ?? 0 }))),
    },
    fetchTile: (url) => {
      fetched.push(url);
      return answer();
    },
  };
  return { effects, files, fetched, clock };
}

const tile = { z: 9, x: 285, y: 184 };
const request = (url: string | null) => ({ sourceId: 'hq-tiles', tile, url });

describe('tile cache handlers', () => {
  it('fetches a missing tile, stores it under the data folder, then serves it from disk', async () => {
    const { effects, files, fetched } = fakeEffects(() => Promise.resolve({ status: 200, bytes: PNG }));
    expect(await loadTile(request('https://t.example.org/9/285/184.png'), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: PNG } });
    expect([...files.keys()]).toEqual([path.join(root, 'hq-tiles', '9', '285', '184.tile')]);
    expect(await loadTile(request('https://t.example.org/9/285/184.png'), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(fetched).toHaveLength(1);
  });

  it('fetches a tile older than 30 days again when it may, and keeps the old one when it cannot', async () => {
    const answers: (() => Promise<TileFetchAnswer>)[] = [
      () => Promise.resolve({ status: 200, bytes: PNG }),
      () => Promise.reject(new Error('ECONNREFUSED')),
      () => Promise.resolve({ status: 200, bytes: NEWER }),
    ];
    const { effects, fetched, clock } = fakeEffects(() => answers.shift()?.() ?? Promise.reject(new Error('no more answers')));
    const url = 'https://t.example.org/9/285/184.png';
    await loadTile(request(url), effects);
    clock.now += 29 * DAY;
    expect(await loadTile(request(url), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(fetched).toHaveLength(1);
    clock.now += 2 * DAY;
    expect(await loadTile(request(null), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(await loadTile(request(url), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(await loadTile(request(url), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: NEWER } });
    expect(fetched).toHaveLength(3);
    expect(await loadTile(request(url), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: NEWER } });
  });

  it('never touches the network without a URL', async () => {
    const { effects, fetched } = fakeEffects(() => Promise.resolve({ status: 200, bytes: PNG }));
    expect(await loadTile(request(null), effects)).toEqual({ ok: true, data: { outcome: 'not-cached', bytes: null } });
    expect(fetched).toEqual([]);
  });

  it('tells a refusal from an unreachable server, and caches neither', async () => {
    const cases: [() => Promise<TileFetchAnswer>, string][] = [
      [() => Promise.resolve({ status: 404, bytes: new Uint8Array() }), 'refused'],
      [() => Promise.resolve({ status: 200, bytes: HTML }), 'refused'],
      [() => Promise.resolve({ status: 429, bytes: new Uint8Array() }), 'unreachable'],
      [() => Promise.resolve({ status: 503, bytes: new Uint8Array() }), 'unreachable'],
      [() => Promise.reject(new Error('ECONNREFUSED')), 'unreachable'],
    ];
    for (const [answer, outcome] of cases) {
      const { effects, files } = fakeEffects(answer);
      expect(await loadTile(request('https://t.example.org/x.png'), effects)).toEqual({ ok: true, data: { outcome, bytes: null } });
      expect(files.size).toBe(0);
    }
  });

  it('refuses URLs that are not plain http(s)', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@t.example.org/1.png', 'not a url']) {
      const { effects, fetched } = fakeEffects(() => Promise.resolve({ status: 200, bytes: PNG }));
      expect(await loadTile(request(url), effects)).toEqual({ ok: false, error: { code: 'refused' } });
      expect(fetched).toEqual([]);
    }
  });

  it('states sizes and deletes tiles', async () => {
    const { effects } = fakeEffects(() => Promise.resolve({ status: 200, bytes: PNG }));
    await loadTile(request('https://t.example.org/a.png'), effects);
    const other = { z: 9, x: 286, y: 184 };
    expect(await statTiles({ sourceId: 'hq-tiles', tiles: [tile, other] }, effects)).toEqual({ ok: true, data: { sizes: [PNG.length, null] } });
    expect(await deleteTiles({ sourceId: 'hq-tiles', tiles: [tile, other] }, effects)).toEqual({ ok: true, data: { deleted: 1 } });
    expect(await statTiles({ sourceId: 'hq-tiles', tiles: [tile] }, effects)).toEqual({ ok: true, data: { sizes: [null] } });
  });

  it('keeps every path inside the cache folder', () => {
    expect(tileFilePath(root, 'osm-standard', { z: 0, x: 0, y: 0 })).toBe(path.join(root, 'osm-standard', '0', '0', '0.tile'));
    for (const sourceId of ['..', '../..', '../etc', 'a/../../b', '', '/abs', 'a\\..\\b']) {
      expect(() => tileFilePath(root, sourceId, tile), sourceId).toThrow();
    }
  });

  it('has a contract that refuses hostile keys before any handler runs', () => {
    const load = ipcContract['tiles:load'].request;
    expect(load.safeParse(request(null)).success).toBe(true);
    for (const bad of [
      { ...request(null), sourceId: '../../etc' },
      { ...request(null), sourceId: 'A' },
      { ...request(null), tile: { z: 2, x: 4, y: 0 } },
      { ...request(null), tile: { z: 1, x: -1, y: 0 } },
      { ...request(null), tile: { z: 1, x: 0.5, y: 0 } },
      { ...request(null), tile: { z: 99, x: 0, y: 0 } },
      { ...request(null), extra: true },
    ]) {
      expect(load.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const stat = ipcContract['tiles:stat'].request;
    expect(stat.safeParse({ sourceId: 'a', tiles: Array.from({ length: 501 }, () => tile) }).success).toBe(false);
  });
});
