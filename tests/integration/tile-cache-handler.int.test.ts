/**
 * The Electron host's tile cache handlers with their real effects (files in a temporary
 * folder, Node's fetch) against the loopback tile server, without Electron.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteTiles, loadTile, statTiles, type TileCacheEffects } from '../../main/ipc/handlers/tile-cache';
import { nodeTileFiles } from '../../main/ipc/handlers/tile-files';
import { startTileServer, type TileServer } from '../support/tile-server';

let server: TileServer;
let root: string;
let effects: TileCacheEffects;

beforeAll(async () => {
  server = await startTileServer();
  root = await mkdtemp(path.join(tmpdir(), 'routewatch-tiles-'));
  effects = {
    root,
    files: nodeTileFiles,
    now: () => Date.now(),
    fetchTile: async (url) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
    },
  };
});

afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

describe('tile cache on disk', () => {
  it('fetches once, serves from disk after the server is gone, and deletes', async () => {
    const tile = { z: 7, x: 71, y: 46 };
    const url = `${server.origin}/org/7/71/46.png`;
    const first = await loadTile({ sourceId: 'org', tile, url }, effects);
    expect(first.ok && first.data.outcome).toBe('fetched');
    expect(server.requests).toEqual(['/org/7/71/46.png']);
    expect(await readdir(path.join(root, 'org', '7', '71'))).toEqual(['46.tile']);

    await server.stop();
    const offline = await loadTile({ sourceId: 'org', tile, url }, effects);
    expect(offline.ok && offline.data.outcome).toBe('cached');
    expect(offline.ok && offline.data.bytes?.length).toBe(first.ok ? first.data.bytes?.length : -1);
    const missing = await loadTile({ sourceId: 'org', tile: { z: 7, x: 72, y: 46 }, url: `${server.origin}/org/7/72/46.png` }, effects);
    expect(missing).toEqual({ ok: true, data: { outcome: 'unreachable', bytes: null } });

    const sizes = await statTiles({ sourceId: 'org', tiles: [tile, { z: 7, x: 72, y: 46 }] }, effects);
    expect(sizes.ok && sizes.data.sizes[0]).toBeGreaterThan(100);
    expect(sizes.ok && sizes.data.sizes[1]).toBeNull();
    expect(await deleteTiles({ sourceId: 'org', tiles: [tile] }, effects)).toEqual({ ok: true, data: { deleted: 1 } });
    expect(await loadTile({ sourceId: 'org', tile, url: null }, effects)).toEqual({ ok: true, data: { outcome: 'not-cached', bytes: null } });
    await server.start();
  });

  it('leaves no temporary files behind', async () => {
    await loadTile({ sourceId: 'org', tile: { z: 3, x: 4, y: 2 }, url: `${server.origin}/org/3/4/2.png` }, effects);
    expect(await readdir(path.join(root, 'org', '3', '4'))).toEqual(['2.tile']);
  });
});
