import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, parseUrl } from './app-origin';

describe('isAppUrl', () => {
  it.each([
    APP_ENTRY_URL,
    `${APP_ORIGIN}/`,
    APP_ORIGIN,
    'app://routewatch/observations/42?tab=map#top',
    // Chromium canonicalizes a standard scheme's host to lower case: same origin.
    'APP://RouteWatch/index.html',
  ])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    // Our origin appearing somewhere else in the URL.
    'https://evil/?next=app://routewatch',
    'https://evil/app://routewatch/index.html',
    'https://app//routewatch',
    'https://routewatch/',
    'http://routewatch/index.html',
    // Look-alike hosts.
    'app://routewatch.evil/',
    'app://routewatch.evil.com/index.html',
    'app://evilroutewatch/',
    'app://routewatch%2eevil/',
    'app://xn--routewatch-/',
    // User-info tricks: the host after @ is the real one; credentials are refused anyway.
    'app://routewatch@evil/',
    'app://routewatch:pw@evil/',
    'app://evil@routewatch/',
    'app://user:pass@routewatch/',
    // Ports, empty or misplaced hosts.
    'app://routewatch:80/',
    'app:routewatch/index.html',
    'app:///routewatch/index.html',
    'app://',
    // Other schemes entirely.
    'javascript:alert(1)',
    'JavaScript:alert(1)//app://routewatch',
    'file:///etc/passwd',
    'file://routewatch/index.html',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://routewatch/1234',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'appx://routewatch/',
    // Not a URL at all.
    '',
    'routewatch',
    '//routewatch/index.html',
    'app://routewatch\u0000.evil/',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('parseUrl', () => {
  it('returns null instead of throwing', () => {
    expect(parseUrl('not a url')).toBeNull();
    expect(parseUrl('https://example.org/')?.hostname).toBe('example.org');
  });
});
