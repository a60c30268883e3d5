import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
});
