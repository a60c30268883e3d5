/**
 * The Content-Security-Policy of the renderer, sent as a header by both hosts
 * (Electron's app:// protocol handler and the web-mode server).
 *
 * - no inline or eval'd script (zod runs jitless for this reason);
 * - 'unsafe-inline' styles only because Leaflet positions its panes with style attributes;
 * - images from data: for Leaflet's icons and blob: for online map tiles, which are
 *   read through the tile cache (renderer/map/tiles) and shown from blob: URLs, so no
 *   remote image origin is needed;
 * - connections to the HQ server, which a device is configured with at enrolment, and,
 *   in web mode, to https tile servers (fetched into Cache Storage; Electron fetches
 *   tiles in main, outside the page's policy). http:// is allowed on loopback only.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
