/**
 * GET one tile over Node's http(s), connected to the addresses main checked (the pinned
 * lookup, net/pinned-lookup.ts) rather than to whatever DNS answers by then. The URL keeps
 * the host NAME: the Host header and TLS (SNI and the certificate check) use the name, so
 * a pinned connection is verified exactly as an unpinned one would be. Redirects are never
 * followed here: the handler (ipc/handlers/tile-cache.ts) checks each hop. Plain Node (no
 * Electron), so it runs in the tests as it runs in main.
 *
 * With an `agent` (net/tile-agents.ts: one keep-alive pool per configured source) the
 * connection may be one an earlier tile of the same source opened, through the same
 * pinned lookup to an address checked then; a new connection uses this request's lookup.
 * Without one, every request opens its own connection.
 */
import { request as httpRequest, type Agent as HttpAgent, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import { MAX_TILE_BYTES } from '../../shared/tiles/image-type';
import type { TileFetchAnswer } from '../ipc/handlers/tile-cache';
import { lookupHostOf } from './public-address';
import { pinnedLookup } from './pinned-lookup';
import { trustAnchors } from './system-trust';

/** Read once: the system's store does not change while a tile area downloads. */
let anchors: { list: string[] | undefined } | null = null;
const systemAnchors = (): string[] | undefined => (anchors ??= { list: trustAnchors() }).list;

export interface PinnedFetchOptions {
  readonly userAgent: string;
  /** The server gets this long to answer in full before the tile counts as unreachable. */
  readonly timeoutMs: number;
  /** Trust anchors in place of Node's bundled ones (the tests' own certificate authority); the host name is checked all the same. */
  readonly ca?: string | readonly string[];
  /** The source's keep-alive pool (net/tile-agents.ts), of the URL's scheme; none: a connection of its own. */
  readonly agent?: HttpAgent | HttpsAgent;
}

/** A server may close an idle kept-alive connection just as it is reused: that one failure is tried once more, on a new connection. */
const isStaleReuse = (error: unknown, request: ClientRequest | undefined): boolean =>
  request?.reusedSocket === true && typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ECONNRESET' || error.code === 'EPIPE');

/**
 * `addresses` are the ones checked for the URL's host; null only for a host given as an IP
 * literal (the socket layer does not look a literal up). A request with a host name and no
 * checked address never goes out.
 */
export async function fetchTilePinned(url: string, addresses: readonly string[] | null, options: PinnedFetchOptions): Promise<TileFetchAnswer> {
  try {
    return await fetchOnce(url, addresses, options);
  } catch (error) {
    if (!(error instanceof StaleReuse)) throw error;
    return fetchOnce(url, addresses, options);
  }
}

class StaleReuse extends Error {}

function fetchOnce(url: string, addresses: readonly string[] | null, options: PinnedFetchOptions): Promise<TileFetchAnswer> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new Error('not a URL'));
      return;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      reject(new Error('not an http(s) URL'));
      return;
    }
    const host = lookupHostOf(parsed);
    const requestOptions: RequestOptions & { ca?: string | string[] } = {
      method: 'GET',
      // The source's pool, or a connection of its own.
      agent: options.agent ?? false,
      headers: { 'user-agent': options.userAgent, accept: 'image/png,image/jpeg,image/webp,image/*;q=0.8' },
      timeout: options.timeoutMs,
    };
    if (addresses !== null) requestOptions.lookup = pinnedLookup(host, addresses);
    const ca = options.ca ?? systemAnchors();
    if (ca !== undefined) requestOptions.ca = typeof ca === 'string' ? ca : [...ca];
    let settled = false;
    let outgoing: ClientRequest | undefined = undefined;
    /** `keep`: the answer was read to its end, so the connection may serve the next tile. */
    const settle = (answer: TileFetchAnswer | Error, keep = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      // Anything not read to its end (a redirect's or an error's body, a body over the limit) is cut off with its connection.
      if (!keep) outgoing?.destroy();
      if (answer instanceof Error) reject(isStaleReuse(answer, outgoing) ? new StaleReuse(answer.message) : answer);
      else resolve(answer);
    };
    // The socket's `timeout` is idle time only: a server dribbling a byte at a time is cut off here.
    const deadline = setTimeout(() => settle(new Error('tile fetch timed out')), options.timeoutMs);
    const onResponse = (response: IncomingMessage): void => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        // Not followed: the handler resolves it against this URL and checks the hop.
        settle({ status, bytes: new Uint8Array(), location: response.headers.location ?? null });
        return;
      }
      const declared = Number(response.headers['content-length'] ?? '0');
      if (status !== 200 || declared > MAX_TILE_BYTES) {
        settle({ status: status === 200 ? 413 : status, bytes: new Uint8Array() });
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // A server that lies about its length is cut off at the limit, not read to the end.
        if (received > MAX_TILE_BYTES) {
          settle({ status: 413, bytes: new Uint8Array() });
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => settle({ status: 200, bytes: new Uint8Array(Buffer.concat(chunks)) }, true));
      response.on('error', () => settle(new Error('tile response failed')));
    };
    const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    outgoing = send(parsed, requestOptions, onResponse);
    outgoing.on('error', (error) => settle(error));
    outgoing.on('timeout', () => settle(new Error('tile fetch timed out')));
    outgoing.end();
  });
}
