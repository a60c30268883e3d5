/**
 * The network half of the tile cache's effects. Redirects are never followed here: the
 * handler (ipc/handlers/tile-cache.ts) gets the `location` and checks the next hop (same
 * host, public addresses) before asking again.
 *
 * The system's proxy answer for the URL (PAC included) sets the route (net/proxy-route.ts):
 * a DIRECT leg goes over Node's http(s) connected to the addresses the handler checked
 * (net/pinned-tile-fetch.ts; Chromium's `net.request` takes no lookup and no address, so
 * it cannot be pinned), over the source's kept-alive connections (net/tile-agents.ts).
 * Proxy legs go through Chromium's network stack (the app's User-Agent, no cookies) in a
 * session of their own whose fixed proxy list is exactly those legs: the default
 * session's settings would fall back to an unpinned DIRECT when the proxy fails. The
 * proxy resolves the host whatever main checked.
 */
import { net, session as electronSession, type Session } from 'electron';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { MAX_TILE_BYTES } from '../../shared/tiles/image-type';
import type { TileFetchAnswer } from '../ipc/handlers/tile-cache';
import { fetchTilePinned } from './pinned-tile-fetch';
import { fetchAlongRoute, tileRoute } from './proxy-route';

/** A tile server gets this long to answer before the tile counts as unreachable. */
const TILE_FETCH_TIMEOUT_MS = 20_000;

/** Distinct proxy lists given a session of their own; beyond, a proxied tile is not fetched (a PAC script answers with a few at most). */
const MAX_PROXY_SESSIONS = 16;
const proxySessions = new Map<string, Promise<Session>>();
/** Partition names are never reused: one names one proxy list for good. */
let proxySessionsMade = 0;

/** An in-memory session that goes through exactly these proxies, and never DIRECT (no `direct://` in the rules). */
function proxySession(base: Session, rules: string): Promise<Session> {
  const known = proxySessions.get(rules);
  if (known !== undefined) return known;
  // Failed set-ups count too: sessions are never freed, so their number stays bounded.
  if (proxySessions.size >= MAX_PROXY_SESSIONS || proxySessionsMade >= 4 * MAX_PROXY_SESSIONS) return Promise.reject(new Error('too many proxy lists'));
  const made = (async () => {
    proxySessionsMade += 1;
    const proxied = electronSession.fromPartition(`routewatch-tile-proxy-${String(proxySessionsMade)}`, { cache: false });
    proxied.setUserAgent(base.getUserAgent());
    await proxied.setProxy({ mode: 'fixed_servers', proxyRules: rules });
    return proxied;
  })();
  proxySessions.set(rules, made);
  // A session that could not be set up is not kept: the next tile tries again.
  made.catch(() => proxySessions.delete(rules));
  return made;
}

/** GET one tile along the route the system's proxy answer sets: pinned for DIRECT, the configured proxies only for the rest. */
export async function fetchTileForSession(session: Session, url: string, addresses: readonly string[], agent: HttpAgent | HttpsAgent): Promise<TileFetchAnswer> {
  return fetchAlongRoute(tileRoute(await session.resolveProxy(url)), {
    pinned: () => fetchTilePinned(url, addresses, { userAgent: session.getUserAgent(), timeoutMs: TILE_FETCH_TIMEOUT_MS, agent }),
    proxied: async (rules) => fetchTileWithSession(await proxySession(session, rules), url),
  });
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
