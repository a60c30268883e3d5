/**
 * The Electron host's tile cache handlers with their real effects (files in a temporary
 * folder, Node's DNS, and main's pinned fetch, which connects to the checked addresses and
 * does not follow redirects) against the loopback tile server, without Electron.
 */
import { lookup } from 'node:dns/promises';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteTiles, loadTile, statTiles, type TileCacheEffects } from '../../main/ipc/handlers/tile-cache';
import { nodeTileFiles } from '../../main/ipc/handlers/tile-files';
import { fetchTilePinned } from '../../main/net/pinned-tile-fetch';
import { TileAgents } from '../../main/net/tile-agents';
import type { ConfiguredTileSource } from '../../main/settings/shell-settings';
import { startTileServer, tilePng, type TileServer } from '../support/tile-server';

let server: TileServer;
let redirector: Server;
let redirectorPort: number;
let root: string;

const source = (id: string, urlTemplate: string, allowPrivateAddresses: boolean): ConfiguredTileSource => ({
  source: { id, name: id, urlTemplate, subdomains: [], attribution: id, maxZoom: 19, allowsBulkDownload: true },
  allowPrivateAddresses,
});

function effectsFor(...sources: ConfiguredTileSource[]): TileCacheEffects {
  return effectsPooled(null, ...sources);
}

/** With `agents`, main's keep-alive pools per source, as in the app; null: a connection per tile. */
function effectsPooled(agents: TileAgents | null, ...sources: ConfiguredTileSource[]): TileCacheEffects {
  return {
    root,
    files: nodeTileFiles,
    now: () => Date.now(),
    sourceOf: (id) => sources.find((s) => s.source.id === id),
    resolveHost: async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
    // main's own fetch, connected to the addresses the handler checked.
    fetchTile: (url, addresses, configured) =>
      fetchTilePinned(url, addresses, { userAgent: 'Routewatch-test', timeoutMs: 5000, ...(agents === null ? {} : { agent: agents.agentFor(configured, new URL(url)) }) }),
  };
}

beforeAll(async () => {
  server = await startTileServer();
  root = await mkdtemp(path.join(tmpdir(), 'routewatch-tiles-'));
  // /tile/... is a tile; /same/... redirects there (same host and port); anything else
  // redirects to the tile server under another host name ("localhost": the same machine).
  redirector = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/tile/')) {
      response.writeHead(200, { 'content-type': 'image/png' }).end(tilePng(1, 1, 1));
      return;
    }
    const target = url.startsWith('/same/') ? `/tile/${url.slice('/same/'.length)}` : `http://localhost:${new URL(server.origin).port}${url}`;
    response.writeHead(302, { location: target }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  redirectorPort = (redirector.address() as AddressInfo).port;
});

afterAll(async () => {
  await server.stop();
  await new Promise((resolve) => redirector.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('tile cache on disk', () => {
  it('fetches once from a source allowed on the local network, serves from disk after the server is gone, and deletes', async () => {
    const effects = effectsFor(source('org', `${server.origin}/org/{z}/{x}/{y}.png`, true));
    const tile = { z: 7, x: 71, y: 46 };
    const first = await loadTile({ sourceId: 'org', tile, network: true }, effects);
    expect(first.ok && first.data.outcome).toBe('fetched');
    expect(server.requests).toEqual(['/org/7/71/46.png']);
    expect(await readdir(path.join(root, 'org', '7', '71'))).toEqual(['46.tile']);

    await server.stop();
    const offline = await loadTile({ sourceId: 'org', tile, network: true }, effects);
    expect(offline.ok && offline.data.outcome).toBe('cached');
    expect(offline.ok && offline.data.bytes?.length).toBe(first.ok ? first.data.bytes?.length : -1);
    const missing = await loadTile({ sourceId: 'org', tile: { z: 7, x: 72, y: 46 }, network: true }, effects);
    expect(missing).toEqual({ ok: true, data: { outcome: 'unreachable', bytes: null } });

    const sizes = await statTiles({ sourceId: 'org', tiles: [tile, { z: 7, x: 72, y: 46 }] }, effects);
    expect(sizes.ok && sizes.data.sizes[0]).toBeGreaterThan(100);
    expect(sizes.ok && sizes.data.sizes[1]).toBeNull();
    expect(await deleteTiles({ sourceId: 'org', tiles: [tile] }, effects)).toEqual({ ok: true, data: { deleted: 1 } });
    expect(await loadTile({ sourceId: 'org', tile, network: false }, effects)).toEqual({ ok: true, data: { outcome: 'not-cached', bytes: null } });
    await server.start();
  });

  it('leaves no temporary files behind', async () => {
    const effects = effectsFor(source('org', `${server.origin}/org/{z}/{x}/{y}.png`, true));
    await loadTile({ sourceId: 'org', tile: { z: 3, x: 4, y: 2 }, network: true }, effects);
    expect(await readdir(path.join(root, 'org', '3', '4'))).toEqual(['2.tile']);
  });

  it('never reaches a loopback server for a source not allowed on the local network (literal or name)', async () => {
    const before = server.requests.length;
    const port = new URL(server.origin).port;
    const effects = effectsFor(source('lit', `${server.origin}/lit/{z}/{x}/{y}.png`, false), source('name', `http://localhost:${port}/name/{z}/{x}/{y}.png`, false));
    for (const sourceId of ['lit', 'name']) {
      expect(await loadTile({ sourceId, tile: { z: 2, x: 1, y: 1 }, network: true }, effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
    }
    expect(server.requests.length).toBe(before);
  });

  it('does not follow a redirect to another host name, even to the same machine', async () => {
    const before = server.requests.length;
    const effects = effectsFor(source('hop', `http://127.0.0.1:${String(redirectorPort)}/hop/{z}/{x}/{y}.png`, true));
    expect(await loadTile({ sourceId: 'hop', tile: { z: 2, x: 2, y: 1 }, network: true }, effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
    expect(server.requests.length).toBe(before);
  });

  it('does not follow a redirect to another port of the same host', async () => {
    const before = server.requests.length;
    const port = new URL(server.origin).port;
    const effects = effectsFor(source('port', `http://localhost:${String(redirectorPort)}/port/{z}/{x}/{y}.png`, true));
    expect(port).not.toBe(String(redirectorPort));
    expect(await loadTile({ sourceId: 'port', tile: { z: 2, x: 2, y: 2 }, network: true }, effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
    expect(server.requests.length).toBe(before);
  });

  it('follows a redirect on the same host and port', async () => {
    const effects = effectsFor(source('same', `http://127.0.0.1:${String(redirectorPort)}/same/{z}/{x}/{y}.png`, true));
    const loaded = await loadTile({ sourceId: 'same', tile: { z: 2, x: 3, y: 1 }, network: true }, effects);
    expect(loaded.ok && loaded.data.outcome).toBe('fetched');
  });
});

describe('tile cache on disk, over kept-alive connections', () => {
  let tiles: Server;
  let tilesPort: number;
  const connections = { count: 0 };
  const requests: string[] = [];
  const agents = new TileAgents();

  beforeAll(async () => {
    tiles = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/png' }).end(tilePng(1, 1, 1));
    });
    tiles.on('connection', () => (connections.count += 1));
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    tilesPort = (tiles.address() as AddressInfo).port;
  });

  afterAll(async () => {
    agents.destroy();
    await new Promise((resolve) => tiles.close(resolve));
  });

  it('fetches the tiles of a source one after another over one connection', async () => {
    const office = source('keep', `http://localhost:${String(tilesPort)}/keep/{z}/{x}/{y}.png`, true);
    const effects = effectsPooled(agents, office);
    const before = connections.count;
    for (const y of [1, 2, 3, 4]) {
      const loaded = await loadTile({ sourceId: 'keep', tile: { z: 5, x: 9, y }, network: true }, effects);
      expect(loaded.ok && loaded.data.outcome).toBe('fetched');
    }
    expect(connections.count - before).toBe(1);
    // Without the pool, as before: a connection per tile.
    const unpooled = effectsFor(office);
    const then = connections.count;
    for (const y of [5, 6]) await loadTile({ sourceId: 'keep', tile: { z: 5, x: 9, y }, network: true }, unpooled);
    expect(connections.count - then).toBe(2);
  });

  it('still refuses a private address for a source not allowed on the local network, pool or no pool: nothing connects', async () => {
    const allowed = source('office', `http://localhost:${String(tilesPort)}/office/{z}/{x}/{y}.png`, true);
    const notAllowed = source('public', `http://localhost:${String(tilesPort)}/public/{z}/{x}/{y}.png`, false);
    const effects = effectsPooled(agents, allowed, notAllowed);
    expect((await loadTile({ sourceId: 'office', tile: { z: 6, x: 1, y: 1 }, network: true }, effects)).ok).toBe(true);
    const before = { connections: connections.count, requests: requests.length };
    // The same host and port, with a kept-alive connection to it open in the other source's pool.
    expect(await loadTile({ sourceId: 'public', tile: { z: 6, x: 1, y: 2 }, network: true }, effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
    expect({ connections: connections.count, requests: requests.length }).toEqual(before);
  });

  it('gives a source changed in main\'s settings a new pool: no connection opened under its old configuration serves it', async () => {
    const before = connections.count;
    const first = source('moved', `http://localhost:${String(tilesPort)}/moved/{z}/{x}/{y}.png`, true);
    await loadTile({ sourceId: 'moved', tile: { z: 7, x: 1, y: 1 }, network: true }, effectsPooled(agents, first));
    // The same host and port; only the source's deepest zoom changed.
    const changed: ConfiguredTileSource = { ...first, source: { ...first.source, maxZoom: 18 } };
    await loadTile({ sourceId: 'moved', tile: { z: 7, x: 1, y: 2 }, network: true }, effectsPooled(agents, changed));
    await loadTile({ sourceId: 'moved', tile: { z: 7, x: 1, y: 3 }, network: true }, effectsPooled(agents, changed));
    expect(connections.count - before).toBe(2);
    expect(requests.slice(-3)).toEqual(['/moved/7/1/1.png', '/moved/7/1/2.png', '/moved/7/1/3.png']);
  });
});
