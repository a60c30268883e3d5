import { useEffect, useState } from 'react';

export const SCREENS = ['map', 'observations', 'new', 'edit', 'review', 'observation', 'report', 'settings', 'attention', 'conflicts', 'import', 'reports/issued'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  params: URLSearchParams;
}

/** `#/report?from=2026-03-01` -> { screen: 'report', params }. Unknown screens fall back to the map. */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const screen = SCREENS.find((s) => s === path) ?? 'map';
  return { screen, params: new URLSearchParams(query) };
}

export function hrefFor(screen: Screen, params?: Record<string, string>): string {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#/${screen}${query ? `?${query}` : ''}`;
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseHash(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  return route;
}
