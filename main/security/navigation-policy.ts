import { isAppUrl, parseUrl } from '../protocol/app-origin';

/**
 * Whether a window may navigate (or be redirected) to `url`: only within app://routewatch.
 * Links to the web are opened in the system browser through `window.open` or the
 * bridge, never inside our window, where they would run next to the preload.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The normalized form of `raw` when it is an https URL that may be handed to the
 * system browser, else null. Refuses every other scheme (`javascript:`, `file:`,
 * `http:`, `smb:`, custom protocol handlers such as `ms-msdt:`), URLs without a host, and
 * URLs carrying a user name or password (`https://bank.example@evil/` shows one host
 * and opens another). Also refuses hosts a person cannot judge by their looks or that
 * lead inward: internationalized names (the parser turns `https://аpple.com`, with a
 * Cyrillic а, into `xn--pple-43d.com`: a homograph), IP literals in any spelling
 * (`https://0x7f.1` is 127.0.0.1), `localhost` and single-label intranet names.
 */
export function externalHttpsUrl(raw: string): string | null {
  const url = parseUrl(raw);
  if (url === null) return null;
  if (url.protocol !== 'https:' || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  const labels = url.hostname.replace(/\.$/, '').split('.');
  if (labels.length < 2 || labels.some((label) => label === '' || label.startsWith('xn--'))) return null;
  // The parser has already turned every IPv4 spelling into dotted decimal; IPv6 keeps its brackets.
  if (url.hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname)) return null;
  if (labels.at(-1) === 'localhost') return null;
  return url.href;
}

/** What to do with a `window.open` or `target=_blank` request: never a new Electron window. */
export interface WindowOpenDecision {
  readonly action: 'deny';
  /** The https URL to pass to the system browser, or null to drop the request. */
  readonly openExternally: string | null;
}

/** Decides a window-open request: always denied; https links go to the system browser. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: externalHttpsUrl(url) };
}
