/**
 * The one origin the renderer is served from, and the test for "is this URL ours".
 *
 * Why not `new URL(x).origin`: Node's URL parser gives custom schemes the origin
 * "null", so comparing origins would accept nothing (or, compared as strings,
 * anything that also yields "null"). We compare the parsed parts instead.
 */

/** Scheme registered as privileged (standard, secure) before the app is ready. */
export const APP_SCHEME = 'app';
/** Host of every renderer URL: app://routewatch/... */
export const APP_HOST = 'routewatch';
/** Origin of the renderer, as Chromium spells it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parses a URL, or returns null when it does not parse. Never throws. */
export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * True when `raw` parses to a URL on app://routewatch: the scheme and host match
 * exactly (Chromium lowercases both for a standard scheme, and so do we), with no
 * port and no user name or password. Substrings never count:
 * `https://evil/?next=app://routewatch` and `app://routewatch.evil/` are not ours.
 */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname.toLowerCase() === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
