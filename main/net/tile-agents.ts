/**
 * Keep-alive connection pools for the tiles main fetches over Node (net/pinned-tile-fetch.ts),
 * one pool per configured tile source. Without them every tile opened its own TCP and TLS
 * connection, and a saved area of thousands of tiles downloaded much slower than through
 * Chromium's pooled connections.
 *
 * Pinning still holds: a pooled socket is only ever one a pinned lookup connected, to an
 * address checked for this source's host (the request's `lookup` is used for every new
 * connection; a reused one carries no new lookup), and each tile is still checked before
 * it is asked for (ipc/handlers/tile-cache.ts). A pool belongs to one source AS CONFIGURED:
 * a change of the source (its template, or being allowed on the local network) drops the
 * pool, so a socket opened while the source could reach a private address never serves
 * it once it cannot. Sockets are bounded per host and in all, and closed when idle.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ConfiguredTileSource } from '../settings/shell-settings';

/** As Chromium: at most 6 connections to one host. */
export const TILE_SOCKETS_PER_HOST = 6;
/** A source's pool never holds more, redirect hosts included (they are the same host anyway). */
export const TILE_SOCKETS_PER_SOURCE = 12;
/**
 * An idle pooled connection is closed after this long: shorter than the keep-alive of
 * common servers (Node's 5 s, nginx's 75 s), so a reused socket is rarely one the server
 * is closing. A server's own `Keep-Alive: timeout` hint shortens it (Node's agent reads it).
 */
export const TILE_IDLE_TIMEOUT_MS = 4_000;

interface Pool {
  readonly configuration: string;
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
}

export class TileAgents {
  private readonly pools = new Map<string, Pool>();

  /** The pool for a tile URL of `configured`: http or https by the URL's scheme. */
  agentFor(configured: ConfiguredTileSource, url: URL): HttpAgent | HttpsAgent {
    const pool = this.poolOf(configured);
    return url.protocol === 'https:' ? pool.https : pool.http;
  }

  /** How many sources have a pool (tests). */
  get size(): number {
    return this.pools.size;
  }

  /** Close every pooled connection. */
  destroy(): void {
    for (const pool of this.pools.values()) closePool(pool);
    this.pools.clear();
  }

  private poolOf(configured: ConfiguredTileSource): Pool {
    const configuration = JSON.stringify(configured);
    const id = configured.source.id;
    const known = this.pools.get(id);
    if (known?.configuration === configuration) return known;
    if (known !== undefined) closePool(known);
    const options = { keepAlive: true, maxSockets: TILE_SOCKETS_PER_HOST, maxTotalSockets: TILE_SOCKETS_PER_SOURCE, maxFreeSockets: TILE_SOCKETS_PER_HOST, timeout: TILE_IDLE_TIMEOUT_MS, scheduling: 'lifo' as const };
    const pool: Pool = { configuration, http: new HttpAgent(options), https: new HttpsAgent(options) };
    this.pools.set(id, pool);
    return pool;
  }
}

function closePool(pool: Pool): void {
  pool.http.destroy();
  pool.https.destroy();
}
