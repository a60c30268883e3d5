import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererPath } from './renderer-path';

const root = path.resolve('/srv/routewatch/dist/renderer');
const inRoot = (relative: string) => path.join(root, relative);

/** Pathname exactly as Chromium would hand it to the protocol handler. */
const pathnameOf = (url: string) => new URL(url).pathname;

describe('resolveRendererPath', () => {
  it('maps the root and index.html to index.html', () => {
    expect(resolveRendererPath(root, '/')).toEqual({ kind: 'file', filePath: inRoot('index.html'), isAsset: false });
    expect(resolveRendererPath(root, '')).toEqual({ kind: 'file', filePath: inRoot('index.html'), isAsset: false });
    expect(resolveRendererPath(root, '/index.html')).toEqual({ kind: 'file', filePath: inRoot('index.html'), isAsset: true });
  });

  it('maps nested assets and decodes percent-encoding once', () => {
    expect(resolveRendererPath(root, '/assets/index-abc123.js')).toEqual({
      kind: 'file',
      filePath: inRoot('assets/index-abc123.js'),
      isAsset: true,
    });
    expect(resolveRendererPath(root, '/assets/a%20b.png')).toEqual({ kind: 'file', filePath: inRoot('assets/a b.png'), isAsset: true });
  });

  it('marks extension-less paths as app routes (for the index.html fallback)', () => {
    expect(resolveRendererPath(root, '/observations/42')).toEqual({ kind: 'file', filePath: inRoot('observations/42'), isAsset: false });
    expect(resolveRendererPath(root, '/assets/')).toEqual({ kind: 'file', filePath: inRoot('assets'), isAsset: false });
  });

  it('collapses duplicate slashes instead of treating // as an absolute path', () => {
    expect(resolveRendererPath(root, '//etc/passwd')).toEqual({ kind: 'file', filePath: inRoot('etc/passwd'), isAsset: false });
  });

  it.each([
    // Traversal that survives URL parsing because the separator is encoded.
    '/..%2f..%2fetc/passwd',
    '/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/%2E%2E/secret.txt',
    // Raw segments (a handler may be called with an unnormalized path).
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/./index.html',
    '/..',
    // Backslashes, raw or encoded: separators on Windows.
    '/..\\..\\secret.txt',
    '/..%5c..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    // Absolute paths and drive letters.
    '/C:/Windows/win.ini',
    '/c%3a/Windows/win.ini',
    // NUL and malformed encoding.
    '/index.html%00.png',
    '/%E0%A4%A',
    '/%',
  ])('refuses %s', (pathname) => {
    expect(resolveRendererPath(root, pathname)).toEqual({ kind: 'refused' });
  });

  it.each([
    // Decoded once only: this names a folder called "%2e%2e" inside the root.
    ['/%252e%252e/secret.txt', '%2e%2e/secret.txt'],
    // An encoded leading slash does not make the path absolute.
    ['/%2fetc%2fpasswd', 'etc/passwd'],
  ])('keeps %s inside the root', (pathname, relative) => {
    expect(resolveRendererPath(root, pathname)).toEqual({ kind: 'file', filePath: inRoot(relative), isAsset: relative.endsWith('.txt') });
  });

  it.each([
    'app://routewatch/../../etc/passwd',
    'app://routewatch/%2e%2e/%2e%2e/etc/passwd',
    'app://routewatch/assets/..%2f..%2f..%2fetc/passwd',
  ])('never leaves the root for a parsed URL: %s', (url) => {
    const resolution = resolveRendererPath(root, pathnameOf(url));
    const filePath = resolution.kind === 'file' ? resolution.filePath : root + path.sep;
    expect(filePath.startsWith(root + path.sep)).toBe(true);
  });
});
