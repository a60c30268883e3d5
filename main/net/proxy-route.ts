/**
 * Which way a tile goes out, from the system's proxy answer for its URL (Chromium's
 * `session.resolveProxy`: the PAC script's answer, or the fixed settings', in PAC form:
 * `DIRECT`, `PROXY host:port; DIRECT`, `HTTPS h:p`, `SOCKS5 h:p`...). Plain functions, no
 * Electron: tested as they are.
 *
 * The answer is a list of ways tried in order, each when the ones before could not be
 * connected. The safe reading kept here:
 * - A DIRECT leg goes over main's pinned fetch (net/pinned-tile-fetch.ts), connected to
 *   the addresses the handler checked. Before, any answer other than a bare `DIRECT` went
 *   to Chromium's stack with the session's settings, and Chromium, when the proxy failed,
 *   fell back to DIRECT on its own: unpinned, asking DNS again (DNS rebinding).
 * - Proxy legs are used as configured, in order, and nothing else: consecutive proxies go
 *   to Chromium as one fixed list WITHOUT a direct fallback (net/electron-tile-fetch.ts),
 *   the proxy resolving the host from its own network. The handler's host check has run
 *   before any leg (ipc/handlers/tile-cache.ts).
 * - A leg this cannot read is skipped, as Chromium skips it; an answer with no leg left
 *   sends nothing.
 */

/** One step of the route: the pinned direct fetch, or a list of proxies in Chromium's `proxyRules` form. */
export type RouteStep = { readonly kind: 'pinned' } | { readonly kind: 'proxy'; readonly rules: string };

/** PAC keywords and the proxy schemes Chromium's rules name them by. */
const PROXY_SCHEMES: Readonly<Record<string, string>> = {
  PROXY: 'http',
  HTTP: 'http',
  HTTPS: 'https',
  SOCKS: 'socks4',
  SOCKS4: 'socks4',
  SOCKS5: 'socks5',
};

/** `host:port` (a name, an IPv4 address or a bracketed IPv6 one) and nothing around it. */
const HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\]):[0-9]{1,5}$/;

/** Longest answer read: a PAC script can return anything. */
const MAX_ANSWER_LENGTH = 4096;

type Leg = { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly uri: string };

/** The legs of a PAC answer, in order; the ones that cannot be read are left out. */
export function pacLegs(answer: string): Leg[] {
  if (answer.length > MAX_ANSWER_LENGTH) return [];
  const legs: Leg[] = [];
  for (const entry of answer.split(';')) {
    const [keyword = '', target, ...rest] = entry.trim().split(/\s+/);
    const word = keyword.toUpperCase();
    if (word === 'DIRECT' && target === undefined) {
      legs.push({ kind: 'direct' });
      continue;
    }
    const scheme = PROXY_SCHEMES[word];
    if (scheme === undefined || target === undefined || rest.length > 0 || !HOST_PORT.test(target)) continue;
    const port = Number(target.slice(target.lastIndexOf(':') + 1));
    if (port < 1 || port > 65535) continue;
    legs.push({ kind: 'proxy', uri: `${scheme}://${target}` });
  }
  return legs;
}

/**
 * The route for a PAC answer: consecutive proxies as one step (Chromium tries them in
 * order), each DIRECT as a pinned step (a second DIRECT adds nothing). [] sends nothing.
 */
export function tileRoute(answer: string): RouteStep[] {
  const steps: RouteStep[] = [];
  let proxies: string[] = [];
  const endProxies = (): void => {
    if (proxies.length > 0) steps.push({ kind: 'proxy', rules: proxies.join(',') });
    proxies = [];
  };
  for (const leg of pacLegs(answer)) {
    if (leg.kind === 'proxy') {
      if (!proxies.includes(leg.uri)) proxies.push(leg.uri);
      continue;
    }
    endProxies();
    if (!steps.some((step) => step.kind === 'pinned')) steps.push({ kind: 'pinned' });
  }
  endProxies();
  return steps;
}

/**
 * Tries the steps in order: the first that answers (any HTTP status, a redirect included)
 * is the answer; the next is tried only when one could not connect at all (rejected).
 */
export async function fetchAlongRoute<Answer>(
  steps: readonly RouteStep[],
  ways: { readonly pinned: () => Promise<Answer>; readonly proxied: (rules: string) => Promise<Answer> },
): Promise<Answer> {
  let failure: unknown = new Error('the proxy settings leave no way to the tile server');
  for (const step of steps) {
    try {
      return await (step.kind === 'pinned' ? ways.pinned() : ways.proxied(step.rules));
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}
