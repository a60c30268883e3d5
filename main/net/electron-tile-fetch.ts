/**
 * The network half of the tile cache's effects. Redirects are never followed here: the
 * handler (ipc/handlers/tile-cache.ts) gets the `location` and checks the next hop (same
 * host, public addresses) before asking again.
 *
 * Where the system sends the tile server's URL DIRECT (no proxy), the tile comes over
 * Node's http(s) connected to the addresses the handler checked (net/pinned-tile-fetch.ts):
 * Chromium's `net.request` takes no lookup and no address, so it cannot be pinned. Behind
 * a proxy the proxy resolves the host whatever main does; the tile then goes through
 * Chromium's network stack (the system proxy, the app's User-Agent, no cookies).
 */
import { net, type Session } from 'electron';
import { MAX_TILE_BYTES } from '../../shared/tiles/image-type';
import type { TileFetchAnswer } from '../ipc/handlers/tile-cache';
import { fetchTilePinned } from './pinned-tile-fetch';

/** A tile server gets this long to answer before the tile counts as unreachable. */
const TILE_FETCH_TIMEOUT_MS = 20_000;

/** True when Chromium's proxy settings (PAC included) send the URL straight to the server. */
export const isDirect = (proxyRule: string): boolean => proxyRule.trim() === 'DIRECT';

/** GET one tile connected to the checked addresses, or through the system's proxy when there is one. */
export async function fetchTileForSession(session: Session, url: string, addresses: readonly string[]): Promise<TileFetchAnswer> {
  if (!isDirect(await session.resolveProxy(url))) return fetchTileWithSession(session, url);
  return fetchTilePinned(url, addresses, { userAgent: session.getUserAgent(), timeoutMs: TILE_FETCH_TIMEOUT_MS });
}

/** Every address Chromium's resolver gives for the host (the same resolver and cache the fetch then uses). */
export async function resolveWithSession(session: Session, host: string): Promise<readonly string[]> {
  const resolved = await session.resolveHost(host);
  return resolved.endpoints.map((endpoint) => endpoint.address);
}

/** GET one tile through Chromium's network stack (not pinned), without following a redirect; at most MAX_TILE_BYTES. */
export function fetchTileWithSession(session: Session, url: string): Promise<TileFetchAnswer> {
  return new Promise((resolve, reject) => {
    const request = net.request({ url, session, method: 'GET', redirect: 'manual', credentials: 'omit', useSessionCookies: false });
    const timer = setTimeout(() => {
      request.abort();
      reject(new Error('tile fetch timed out'));
    }, TILE_FETCH_TIMEOUT_MS);
    const settle = (answer: TileFetchAnswer | Error): void => {
      clearTimeout(timer);
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    // 'manual': the redirect is cancelled unless followRedirect() is called here; it is not.
    request.on('redirect', (status, _method, location) => {
      request.abort();
      settle({ status, bytes: new Uint8Array(), location });
    });
    request.on('error', (error) => settle(error));
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length'] ?? '0');
      if (response.statusCode !== 200 || declared > MAX_TILE_BYTES) {
        request.abort();
        settle({ status: response.statusCode === 200 ? 413 : response.statusCode, bytes: new Uint8Array() });
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk) => {
        received += chunk.length;
        // A server that lies about its length is cut off at the limit, not read to the end.
        if (received > MAX_TILE_BYTES) {
          request.abort();
          settle({ status: 413, bytes: new Uint8Array() });
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => settle({ status: 200, bytes: new Uint8Array(Buffer.concat(chunks)) }));
      response.on('error', () => settle(new Error('tile response failed')));
    });
    request.end();
  });
}
