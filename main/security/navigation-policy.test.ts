import { describe, expect, it } from 'vitest';
import { decideWindowOpen, externalHttpsUrl, isAllowedNavigation } from './navigation-policy';

describe('isAllowedNavigation', () => {
  it.each(['app://routewatch/index.html', 'app://routewatch/reports', 'app://routewatch/#/map'])('allows %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'https://example.org/',
    'https://evil/?next=app://routewatch',
    'https://evil/#app://routewatch/index.html',
    'app://routewatch.evil/index.html',
    'app://routewatch@evil/',
    'app://evil@routewatch/',
    'javascript:location="app://routewatch"',
    'file:///work/main/dist/renderer/index.html',
    'http://localhost:5173/',
    'data:text/html,hi',
    'about:blank',
    '',
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('externalHttpsUrl', () => {
  it('returns the normalized https URL', () => {
    expect(externalHttpsUrl('https://example.org/a b?q=1')).toBe('https://example.org/a%20b?q=1');
    expect(externalHttpsUrl('HTTPS://Example.ORG')).toBe('https://example.org/');
    // WHATWG URL reads a special scheme without slashes as if they were there: still https.
    expect(externalHttpsUrl('https:example.org')).toBe('https://example.org/');
  });

  it.each([
    'http://example.org/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'app://routewatch/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'smb://server/share',
    'mailto:someone@example.org',
    'data:text/html,<script>alert(1)</script>',
    'https://user:pass@example.org/',
    'https://example.org@evil.example/',
    'https://',
    '//example.org/',
    'example.org',
    '',
  ])('refuses %s', (url) => {
    expect(externalHttpsUrl(url)).toBeNull();
  });
});

describe('decideWindowOpen', () => {
  it('denies every new window and hands https links to the system browser', () => {
    expect(decideWindowOpen('https://example.org/help')).toEqual({ action: 'deny', openExternally: 'https://example.org/help' });
  });

  it.each(['app://routewatch/index.html', 'http://example.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'about:blank', ''])(
    'denies %s without opening anything',
    (url) => {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: null });
    },
  );
});
