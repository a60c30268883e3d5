import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';
import { createRendererRequestHandler } from './serve-renderer';

let tempDir = '';
let rendererRoot = '';
let serve: (request: Request) => Promise<Response>;

const INDEX_HTML = '<!doctype html><title>Routewatch</title>';
const SECRET = 'top secret outside the renderer folder';

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'routewatch-serve-'));
  rendererRoot = path.join(tempDir, 'dist', 'renderer');
  await mkdir(path.join(rendererRoot, 'assets'), { recursive: true });
  await writeFile(path.join(rendererRoot, 'index.html'), INDEX_HTML);
  await writeFile(path.join(rendererRoot, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(rendererRoot, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(rendererRoot, 'assets', 'marker.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(path.join(tempDir, 'dist', 'secret.txt'), SECRET);
  await writeFile(path.join(tempDir, 'secret.txt'), SECRET);
  serve = createRendererRequestHandler({ rendererRoot, readFile: (filePath) => readFile(filePath) });
});

afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

const get = (url: string) => serve(new Request(url));

describe('app:// protocol handler', () => {
  it('serves index.html with the CSP header and an HTML content type', async () => {
    const response = await get('app://routewatch/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it.each([
    ['app://routewatch/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://routewatch/assets/index-abc.css', 'text/css; charset=utf-8'],
    ['app://routewatch/assets/marker.png', 'image/png'],
  ])('serves %s as %s, with the CSP header', async (url, contentType) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
  });

  it('serves binary files unchanged', async () => {
    const response = await get('app://routewatch/assets/marker.png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  it.each(['app://routewatch/', 'app://routewatch', 'app://routewatch/observations/42', 'app://routewatch/reports/?month=2025-01', 'app://routewatch/assets/'])(
    'falls back to index.html for the app route %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe(INDEX_HTML);
    },
  );

  it('answers 404, not index.html, for a missing asset', async () => {
    const response = await get('app://routewatch/assets/missing-123.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
  });

  it.each([
    'app://routewatch/..%2fsecret.txt',
    'app://routewatch/..%2f..%2fsecret.txt',
    'app://routewatch/assets/..%2f..%2fsecret.txt',
    'app://routewatch/%2e%2e%2fsecret.txt',
    'app://routewatch/..%5csecret.txt',
    'app://routewatch/..%5c..%5csecret.txt',
    'app://routewatch/%2e%2e%5c%2e%2e%5csecret.txt',
    'app://routewatch/index.html%00.png',
    'app://routewatch/C:%5cWindows%5cwin.ini',
  ])('refuses the traversal %s with a 404', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it.each([
    // These are normalized by the URL parser before we see them: they must stay inside.
    'app://routewatch/../secret.txt',
    'app://routewatch/%2e%2e/%2e%2e/secret.txt',
    'app://routewatch/assets/../../secret.txt',
    // An absolute file path given as the URL path.
    `app://routewatch/${encodeURIComponent(path.join(os.tmpdir(), 'secret.txt'))}`,
    'app://routewatch//etc/passwd',
  ])('never serves a file outside the renderer for %s', async (url) => {
    const response = await get(url);
    expect(await response.text()).not.toContain(SECRET);
    expect([200, 404]).toContain(response.status);
  });

  // URLs with user-info cannot even be put in a Request; isAppUrl's tests cover them.
  it.each(['app://routewatch.evil/index.html', 'app://evil/index.html', 'app://routewatch:8080/index.html'])(
    'refuses the foreign host %s',
    async (url) => {
      expect((await get(url)).status).toBe(404);
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serve(new Request('app://routewatch/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });

  it('answers HEAD with headers and no body', async () => {
    const response = await serve(new Request('app://routewatch/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await response.text()).toBe('');
  });

  it('answers 500 when a file exists but cannot be read', async () => {
    const failing = createRendererRequestHandler({
      rendererRoot,
      readFile: () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
    });
    expect((await failing(new Request('app://routewatch/assets/index-abc.js'))).status).toBe(500);
  });

  it('answers 500 with a plain message when the renderer is not built', async () => {
    const empty = createRendererRequestHandler({
      rendererRoot: path.join(tempDir, 'nowhere'),
      readFile: (filePath) => readFile(filePath),
    });
    const response = await empty(new Request('app://routewatch/'));
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('not built');
  });

  it.each([
    // Mixed case in the escapes and in the scheme and host.
    'app://routewatch/%2E%2e%2Fsecret.txt',
    'app://routewatch/%2e%2E%2f%2E%2e%2fsecret.txt',
    'app://routewatch/..%2F..%2Fsecret.txt',
    'app://routewatch/..%5C..%5Csecret.txt',
    'app://routewatch/%2E%2E%5C%2e%2e%5Csecret.txt',
    'APP://ROUTEWATCH/..%2F..%2Fsecret.txt',
    'App://RouteWatch/%2E%2E%5Csecret.txt',
    // Encoded NUL, alone and to cut an extension.
    'app://routewatch/%00',
    'app://routewatch/secret.txt%00',
    'app://routewatch/..%2fsecret.txt%00.js',
    'app://routewatch/assets/index-abc.js%00/../../secret.txt',
    // Backslash variants and UNC.
    'app://routewatch/%5c%5cserver%5cshare%5csecret.txt',
    'app://routewatch/assets%5c..%5c..%5csecret.txt',
  ])('refuses the traversal %s, whatever its case', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('reads no file outside the renderer folder for any path made of hostile pieces (property)', async () => {
    const read: string[] = [];
    const watched = createRendererRequestHandler({
      rendererRoot,
      readFile: (filePath) => {
        read.push(filePath);
        return readFile(filePath);
      },
    });
    const pieces = ['..', '.', '%2e%2e', '%2E%2E', '%2e%2E', '%2e', '%2f', '%2F', '%5c', '%5C', '\\', '/', '//', '%00', '%2500', '%252e%252e', 'secret.txt', 'dist', 'assets', 'index.html', 'C:', 'c%3a', '%c0%ae%c0%ae', '%u002e', '~'];
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 10 }), async (parts) => {
        cases += 1;
        const url = `app://routewatch/${parts.join('')}`;
        let request: Request;
        try {
          request = new Request(url);
        } catch {
          return; // Not a URL at all: Chromium would never call the handler with it.
        }
        const response = await watched(request);
        expect(await response.text()).not.toContain(SECRET);
        for (const filePath of read) expect(filePath.startsWith(rendererRoot + path.sep), filePath).toBe(true);
      }),
      { numRuns: 2000 },
    );
    console.log(`app:// traversal property: ${String(cases)} URLs tried, ${String(read.length)} files read, 0 outside the renderer folder`);
  });

  it('sends the policy its host gives, asked again on every request', async () => {
    let origin = 'https://hq.example.org';
    const narrowed = createRendererRequestHandler({
      rendererRoot,
      readFile: (filePath) => readFile(filePath),
      contentSecurityPolicy: () => contentSecurityPolicy({ connectSources: [origin] }),
    });
    expect((await narrowed(new Request('app://routewatch/'))).headers.get('content-security-policy')).toContain("connect-src 'self' https://hq.example.org;");
    origin = 'https://hq2.example.org';
    expect((await narrowed(new Request('app://routewatch/assets/missing.js'))).headers.get('content-security-policy')).toContain("connect-src 'self' https://hq2.example.org;");
  });
});
