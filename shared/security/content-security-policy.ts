/**
 * The Content-Security-Policy of the renderer, sent as a header by both hosts
 * (Electron's app:// protocol handler and the web-mode server).
 *
 * - no inline or eval'd script (zod runs jitless for this reason);
 * - 'unsafe-inline' styles only because Leaflet positions its panes with style attributes;
 * - images from data: for Leaflet's icons and blob: for online map tiles, which are
 *   read through the tile cache (renderer/map/tiles) and shown from blob: URLs, so no
 *   remote image origin is needed;
 * - connections: `connectSources` when the host knows them. Electron passes the sync
 *   server the device is enrolled with and nothing else: its tiles are fetched by main,
 *   outside the page's policy, so the page needs no tile host. Without them (web mode,
 *   where tiles are fetched by the page from user-chosen hosts, and an Electron device
 *   not yet enrolled, which must reach the server the person types), any https origin,
 *   and http:// on loopback only.
 */
export interface ContentSecurityPolicyOptions {
  /** Origins (`https://hq.example.org`, `http://127.0.0.1:8080`) the page may connect to besides itself. */
  readonly connectSources?: readonly string[];
}

/** The connect-src the policy falls back to when the host does not know its servers. */
export const OPEN_CONNECT_SOURCES = ['https:', 'http://localhost:*', 'http://127.0.0.1:*'] as const;

/**
 * An origin is put into the header as it is, so it must be exactly an http(s) origin:
 * no path, no space or semicolon that would end the directive and start another, and a
 * plain host (WHATWG URL keeps `*` in a host name, which CSP reads as a wildcard).
 */
export function isPolicyOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const plainHost = /^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin && plainHost;
}

function checkedOrigin(origin: string): string {
  if (!isPolicyOrigin(origin)) throw new Error(`not an http(s) origin: ${JSON.stringify(origin)}`);
  return origin;
}

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const connect = options.connectSources === undefined ? OPEN_CONNECT_SOURCES : options.connectSources.map(checkedOrigin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
