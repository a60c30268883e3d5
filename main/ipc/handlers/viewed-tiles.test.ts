/** The viewed-tile handlers of the Electron host on a real temporary folder (node:fs), without Electron. */
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract';
import type { TileCoord } from '../../../shared/tiles/tile-math';
import type { TileCacheEffects } from './tile-cache';
import { tileFilePath } from './tile-cache';
import { nodeTileFiles } from './tile-files';
import { countViewedTiles, listCachedTiles, trimViewedTiles } from './viewed-tiles';

const DAY = 24 * 60 * 60 * 1000;
let root: string;
let effects: TileCacheEffects;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'routewatch-viewed-tiles-'));
  effects = {
    root,
    files: nodeTileFiles,
    now: () => Date.now(),
    sourceOf: () => undefined,
    resolveHost: () => Promise.reject(new Error('no network in this test')),
    fetchTile: () => Promise.reject(new Error('no network in this test')),
  };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A tile file of `bytes` bytes, stored `daysAgo` days ago (its modification time). */
async function putTile(sourceId: string, tile: TileCoord, bytes: number, daysAgo: number): Promise<void> {
  const file = tileFilePath(root, sourceId, tile);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, new Uint8Array(bytes));
  const at = (Date.now() - daysAgo * DAY) / 1000;
  await utimes(file, at, at);
}

async function tilesOnDisk(): Promise<string[]> {
  const found = await readdir(root, { recursive: true });
  return found.filter((name) => name.endsWith('.tile')).map((name) => name.split(path.sep).join('/')).sort();
}

/** The saved area of these tests: source 'org', zoom 9, x 280..281, y 180..181. */
const savedArea = [{ sourceId: 'org', ranges: [{ z: 9, minX: 280, maxX: 281, minY: 180, maxY: 181 }] }];

async function fillCache(): Promise<void> {
  await putTile('org', { z: 9, x: 280, y: 180 }, 500, 40); // saved area, oldest of all
  await putTile('org', { z: 9, x: 281, y: 181 }, 500, 1); // saved area
  await putTile('org', { z: 9, x: 290, y: 180 }, 300, 20); // viewed, oldest viewed
  await putTile('org', { z: 10, x: 560, y: 360 }, 300, 10); // viewed (the area is zoom 9 only)
  await putTile('osm-standard', { z: 9, x: 280, y: 180 }, 300, 5); // viewed: same tile, another source
  await putTile('org', { z: 9, x: 291, y: 180 }, 300, 2); // viewed, newest viewed
}

describe('viewed-tile handlers (Electron, files on disk)', () => {
  it('lists the tile files only, skipping temporary and stray files', async () => {
    await fillCache();
    await writeFile(`${tileFilePath(root, 'org', { z: 9, x: 290, y: 180 })}.0f3c.tmp`, 'half');
    await writeFile(path.join(root, 'notes.txt'), 'x');
    await mkdir(path.join(root, 'Bad_Source', '1', '0'), { recursive: true });
    await writeFile(path.join(root, 'Bad_Source', '1', '0', '0.tile'), 'x');
    await mkdir(path.join(root, 'org', '1', '5'), { recursive: true });
    await writeFile(path.join(root, 'org', '1', '5', '0.tile'), 'x'); // x 5 does not exist at zoom 1
    const entries = await listCachedTiles(effects);
    expect(entries).toHaveLength(6);
    expect(entries.find((e) => e.sourceId === 'org' && e.tile.x === 290)).toMatchObject({ bytes: 300, tile: { z: 9, x: 290, y: 180 } });
  });

  it('counts viewed tiles without the saved area, and an empty or missing folder as nothing', async () => {
    expect(await countViewedTiles({ protect: [] }, effects)).toEqual({ ok: true, data: { count: 0, bytes: 0 } });
    await rm(root, { recursive: true });
    expect(await countViewedTiles({ protect: [] }, effects)).toEqual({ ok: true, data: { count: 0, bytes: 0 } });
    await fillCache();
    expect(await countViewedTiles({ protect: savedArea }, effects)).toEqual({ ok: true, data: { count: 4, bytes: 1200 } });
    expect(await countViewedTiles({ protect: [] }, effects)).toEqual({ ok: true, data: { count: 6, bytes: 2200 } });
  });

  it('trims the oldest viewed files first to the limit and never a saved area tile', async () => {
    await fillCache();
    const result = await trimViewedTiles({ protect: savedArea, maxBytes: 700 }, effects);
    expect(result).toEqual({ ok: true, data: { removed: { count: 2, bytes: 600 }, left: { count: 2, bytes: 600 } } });
    expect(await tilesOnDisk()).toEqual(['org/9/280/180.tile', 'org/9/281/181.tile', 'org/9/291/180.tile', 'osm-standard/9/280/180.tile']);
  });

  it('once over the limit, goes down to the target', async () => {
    await fillCache();
    expect(await trimViewedTiles({ protect: savedArea, maxBytes: 1200, targetBytes: 0 }, effects)).toEqual({
      ok: true,
      data: { removed: { count: 0, bytes: 0 }, left: { count: 4, bytes: 1200 } },
    });
    const result = await trimViewedTiles({ protect: savedArea, maxBytes: 1100, targetBytes: 400 }, effects);
    expect(result).toEqual({ ok: true, data: { removed: { count: 3, bytes: 900 }, left: { count: 1, bytes: 300 } } });
    expect(await tilesOnDisk()).toEqual(['org/9/280/180.tile', 'org/9/281/181.tile', 'org/9/291/180.tile']);
  });

  it('clears every viewed tile with 0, and leaves the saved area whole', async () => {
    await fillCache();
    const result = await trimViewedTiles({ protect: savedArea, maxBytes: 0 }, effects);
    expect(result).toEqual({ ok: true, data: { removed: { count: 4, bytes: 1200 }, left: { count: 0, bytes: 0 } } });
    expect(await tilesOnDisk()).toEqual(['org/9/280/180.tile', 'org/9/281/181.tile']);
    expect(await countViewedTiles({ protect: savedArea }, effects)).toEqual({ ok: true, data: { count: 0, bytes: 0 } });
  });

  it('has a contract that refuses bad requests before any handler runs', () => {
    const trim = ipcContract['tiles:trimViewed'].request;
    expect(trim.safeParse({ protect: savedArea, maxBytes: 0 }).success).toBe(true);
    const range = { z: 9, minX: 280, maxX: 281, minY: 180, maxY: 181 };
    for (const bad of [
      { protect: savedArea, maxBytes: -1 },
      { protect: savedArea, maxBytes: 1.5 },
      { protect: savedArea, maxBytes: 10, targetBytes: -5 },
      { protect: savedArea },
      { protect: [{ sourceId: '../etc', ranges: [range] }], maxBytes: 0 },
      { protect: [{ sourceId: 'org', ranges: [{ ...range, minX: 300 }] }], maxBytes: 0 },
      { protect: [{ sourceId: 'org', ranges: [{ ...range, maxX: 512 }] }], maxBytes: 0 },
      { protect: [{ sourceId: 'org', ranges: [range], extra: 1 }], maxBytes: 0 },
      { protect: [{ sourceId: 'org', ranges: Array.from({ length: 10_001 }, () => range) }], maxBytes: 0 },
      { protect: Array.from({ length: 2 }, () => ({ sourceId: 'org', ranges: Array.from({ length: 5_001 }, () => range) })), maxBytes: 0 },
    ]) {
      expect(trim.safeParse(bad).success, JSON.stringify(bad).slice(0, 120)).toBe(false);
    }
    expect(ipcContract['tiles:viewedUsage'].request.safeParse({ protect: [], maxBytes: 0 }).success).toBe(false);
  });
});
