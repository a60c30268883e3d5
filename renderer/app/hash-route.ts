import { useEffect, useState } from 'react';

export const SCREENS = ['map', 'observations', 'new', 'edit', 'review', 'observation', 'report', 'settings', 'attention', 'conflicts', 'import', 'reports/issued'] as const;
export type Screen = (typeof SCREENS)[number];

export type Route =
  | { screen: Screen; params: URLSearchParams }
  /** No screen has this address; `address` is what was asked for, to say it back as text. */
  | { screen: 'not-found'; params: URLSearchParams; address: string };

/**
 * The app is the page at the folder it is served from (`/`, or `/routewatch/` behind a
 * proxy) or its `index.html` (the desktop app's `app://routewatch/index.html`). Screens
 * are hash routes; the server and the desktop app answer any other path with the same
 * page, so another path reaches here and is not an address of ours. The page cannot know
 * which folder it is served from, so any folder (a path ending in `/`) counts as one:
 * a mistyped folder shows the app, a mistyped file "not found".
 */
export function isAppPath(pathname: string): boolean {
  return pathname.endsWith('/') || pathname.endsWith('/index.html');
}

/**
 * `#/report?from=2026-03-01` -> { screen: 'report', params }. No hash (or `#/`) is the map,
 * the first screen; anything else that names no screen, and any path but the app's own,
 * is "not found" (showing the map there would hide that the link was wrong).
 */
export function parseHash(hash: string, pathname = '/'): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const params = new URLSearchParams(query);
  if (!isAppPath(pathname)) return { screen: 'not-found', params, address: `${pathname}${hash}` };
  if (path === '') return { screen: 'map', params };
  const screen = SCREENS.find((s) => s === path);
  return screen === undefined ? { screen: 'not-found', params, address: hash } : { screen, params };
}

export function hrefFor(screen: Screen, params?: Record<string, string>): string {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${screen}${query ? `?${query}` : ''}`;
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash, window.location.pathname));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseHash(window.location.hash, window.location.pathname));
    };
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  return route;
}
