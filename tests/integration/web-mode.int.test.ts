import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';
import { describeEachDb } from './helpers/test-db';

let rendererDir: string;
beforeAll(() => {
  rendererDir = mkdtempSync(join(tmpdir(), 'rw-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Routewatch</title><script type="module" src="/assets/app.js"></script>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("routewatch");');
  writeFileSync(join(rendererDir, '.env'), 'SECRET=1');
});
afterAll(() => {
  rmSync(rendererDir, { recursive: true, force: true });
});

describeEachDb('web mode, CORS and security headers', (h) => {
  it('serves the renderer with the CSP header on HTML and nosniff everywhere', async () => {
    const app = await h.app({ rendererDir });
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<title>Routewatch</title>');

    const script = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['x-content-type-options']).toBe('nosniff');

    const api = await app.inject({ method: 'GET', url: '/health' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers page navigations with index.html, and unknown API paths with JSON 404', async () => {
    const app = await h.app({ rendererDir });
    const page = await app.inject({ method: 'GET', url: '/observations/new', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(page.body).toContain('<title>Routewatch</title>');

    const api = await app.inject({ method: 'GET', url: '/api/v1/unknown', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'invalid_request' } });

    const asset = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(asset.statusCode).toBe(404);
    expect(asset.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('does not serve dot files or paths outside the renderer folder', async () => {
    const app = await h.app({ rendererDir });
    for (const url of ['/.env', '/../package.json', '/assets/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body).not.toContain('SECRET');
      expect(res.body).not.toContain('"name": "routewatch"');
    }
  });

  it('serves no web app without a renderer folder', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
  });

  it('allows CORS from the Electron renderer and configured origins only', async () => {
    const app = await h.app({ allowedOrigins: ['http://localhost:5173'] });
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/v1/sync/push',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    for (const origin of ['app://routewatch', 'http://localhost:5173']) {
      const res = await preflight(origin);
      expect(res.statusCode, origin).toBeLessThan(300);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(String(res.headers['access-control-allow-headers'])).toMatch(/authorization/i);
    }
    for (const origin of ['https://evil.example', 'null', 'app://routewatch.evil']) {
      const res = await preflight(origin);
      expect(res.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
    const simple = await app.inject({ method: 'GET', url: '/health', headers: { origin: 'app://routewatch' } });
    expect(simple.headers['access-control-allow-origin']).toBe('app://routewatch');
  });
});
