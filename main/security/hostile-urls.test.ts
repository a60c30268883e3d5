/**
 * One table of hostile URLs against every door a URL can go through: in-window
 * navigation (and redirects), window.open, and shell.openExternal (the policy and the
 * IPC handler, whose effect must never run). None may pass any of them.
 */
import { describe, expect, it, vi } from 'vitest';
import { openExternal } from '../ipc/handlers/open-external';
import { decideWindowOpen, externalHttpsUrl, isAllowedNavigation } from './navigation-policy';

const HOSTILE: readonly (readonly [kind: string, url: string])[] = [
  // Look-alikes of our own origin.
  ['look-alike', 'app://routewatch.evil/index.html'],
  ['look-alike', 'app://routewatch@evil/'],
  ['look-alike', 'app://evil@routewatch/'],
  ['look-alike', 'app://routewatch:443/index.html'],
  ['look-alike', 'app://routewatch%2eevil/'],
  ['look-alike', 'app://route-watch/index.html'],
  ['look-alike', 'app://routewatch%00.evil/'],
  ['look-alike', 'apps://routewatch/index.html'],
  ['look-alike', 'https://routewatch/index.html'],
  ['look-alike', 'https://routewatch.org@evil.example/'],
  ['look-alike', 'https://user:pass@routewatch.example/'],
  ['look-alike', 'https://routewatch.example%2F@evil.example/'],
  ['look-alike', '//evil.example/'],
  ['look-alike', 'evil.example'],
  // IDN homographs (Cyrillic а, е, о, р; Greek ο) and already-encoded punycode.
  ['homograph', 'https://аpple.com/'],
  ['homograph', 'https://www.xn--pple-43d.com/'],
  ['homograph', 'https://ехаmple.org/'],
  ['homograph', 'https://rоutewatch.org/'],
  ['homograph', 'https://gοogle.com/'],
  ['homograph', 'https://раypal.com/login'],
  // Addresses that lead inward.
  ['inward', 'https://127.0.0.1/'],
  ['inward', 'https://0x7f.1/'],
  ['inward', 'https://2130706433/'],
  ['inward', 'https://[::1]/'],
  ['inward', 'https://[::ffff:127.0.0.1]/'],
  ['inward', 'https://169.254.169.254/latest/meta-data/'],
  ['inward', 'https://localhost/'],
  ['inward', 'https://intranet/'],
  // Schemes that run code, read files or reach the network share.
  ['scheme', 'javascript:alert(1)'],
  ['scheme', 'JaVaScRiPt:alert(1)'],
  ['scheme', ' javascript:alert(1)'],
  ['scheme', 'java\tscript:alert(1)'],
  ['scheme', 'javascript://app.routewatch/%0aalert(1)'],
  ['scheme', 'vbscript:msgbox(1)'],
  ['scheme', 'file:///etc/passwd'],
  ['scheme', 'file://server/share/x.exe'],
  ['scheme', 'FILE:///C:/Windows/System32/calc.exe'],
  ['scheme', 'data:text/html,<script>alert(1)</script>'],
  ['scheme', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['scheme', 'smb://server/share'],
  ['scheme', '\\\\server\\share\\x.exe'],
  ['scheme', 'ms-msdt:/id PCWDiagnostic'],
  ['scheme', 'search-ms:query=x&crumb=location:\\\\evil\\share'],
  ['scheme', 'ms-officecmd:{}'],
  ['scheme', 'mailto:someone@example.org'],
  ['scheme', 'http://example.org/'],
  ['scheme', 'ftp://example.org/'],
  ['scheme', 'about:blank'],
  ['scheme', 'chrome://settings'],
  ['scheme', 'devtools://devtools/bundled/inspector.html'],
  ['scheme', 'blob:app://routewatch/0f0e'],
  ['scheme', 'view-source:https://example.org/'],
  ['scheme', ''],
];

describe('hostile URLs', () => {
  it.each(HOSTILE)('a %s URL %j passes no door', async (_kind, url) => {
    expect(isAllowedNavigation(url)).toBe(false);
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
    expect(externalHttpsUrl(url)).toBeNull();
    const effect = vi.fn(() => Promise.resolve());
    expect(await openExternal({ url }, { openExternal: effect })).toEqual({ ok: false, error: { code: 'refused' } });
    expect(effect).not.toHaveBeenCalled();
  });

  it.each(['https://evil.example/?next=app://routewatch', 'https://evil.example/#app://routewatch/index.html', 'https://routewatch.example.evil.example/'])(
    'never lets the web page %s into our window (the system browser may show it, under its real host)',
    (url) => {
      expect(isAllowedNavigation(url)).toBe(false);
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: url });
    },
  );

  it('is a table that can fail: an ordinary https link and our own pages still pass their doors', async () => {
    const link = 'https://www.openstreetmap.org/copyright';
    expect(decideWindowOpen(link)).toEqual({ action: 'deny', openExternally: link });
    const effect = vi.fn(() => Promise.resolve());
    expect(await openExternal({ url: link }, { openExternal: effect })).toEqual({ ok: true, data: {} });
    expect(effect).toHaveBeenCalledWith(link);
    expect(isAllowedNavigation('app://routewatch/index.html')).toBe(true);
    expect(isAllowedNavigation('APP://ROUTEWATCH/reports')).toBe(true);
  });

  it('prints its size', () => {
    const kinds = new Map<string, number>();
    for (const [kind] of HOSTILE) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    console.log(`hostile URL table: ${String(HOSTILE.length)} URLs (${[...kinds].map(([k, n]) => `${String(n)} ${k}`).join(', ')}) x 4 doors, 0 passed`);
    expect(HOSTILE.length).toBeGreaterThan(50);
  });
});
