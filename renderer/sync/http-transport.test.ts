import { describe, expect, it } from 'vitest';
import { SyncError } from '../../shared/sync/sync-engine';
import { createHttpTransport, enrolDevice, parseServerUrl } from './http-transport';
import type { FetchLike } from './http-transport';

function respond(status: number, body: unknown): FetchLike {
  return () => Promise.resolve(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
}
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SyncError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('parseServerUrl', () => {
  it('keeps a sub-path as the base of the API', () => {
    expect(parseServerUrl(' https://hq.example.org/routewatch ').href).toBe('https://hq.example.org/routewatch/');
    expect(new URL('api/v1/sync/push', parseServerUrl('https://hq.example.org/routewatch')).pathname).toBe(
      '/routewatch/api/v1/sync/push',
    );
  });

  it.each(['ftp://hq.example.org', 'javascript:alert(1)', 'https://user:pw@hq.example.org', 'not a url'])(
    'refuses %s',
    (text) => {
      expect(() => parseServerUrl(text)).toThrow();
    },
  );
});

describe('HTTP transport errors', () => {
  const url = new URL('http://127.0.0.1:1/');
  it('maps a network failure to network_unreachable', async () => {
    const down: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await codeOf(createHttpTransport(down, url, 't').pull(null, 10))).toBe('network_unreachable');
  });

  it('passes on the server error code', async () => {
    const revoked = respond(401, { error: { code: 'device_revoked', message: 'revoked' } });
    expect(await codeOf(createHttpTransport(revoked, url, 't').pull(null, 10))).toBe('device_revoked');
  });

  it('falls back on the HTTP status when the body is not ours', async () => {
    expect(await codeOf(createHttpTransport(respond(502, '<html>bad gateway</html>'), url, 't').pull(null, 1))).toBe('server_error');
    expect(await codeOf(createHttpTransport(respond(429, 'slow down'), url, 't').pull(null, 1))).toBe('rate_limited');
    expect(await codeOf(enrolDevice(respond(401, {}), url, { code: 'ABCDEFGH', deviceName: 'x' }))).toBe('unauthorized');
  });

  it('refuses a success body that does not match the protocol', async () => {
    expect(await codeOf(createHttpTransport(respond(200, { changes: 'lots' }), url, 't').pull(null, 1))).toBe('server_error');
  });

  it('sends the token and the cursor', async () => {
    let seen: { url: string; auth: string | null } | null = null;
    const spy: FetchLike = (input, init) => {
      seen = { url: input, auth: new Headers(init?.headers).get('authorization') };
      return Promise.resolve(new Response(JSON.stringify({ changes: [], cursor: '42', hasMore: false, serverTime: 'x' })));
    };
    const page = await createHttpTransport(spy, url, 'secret').pull('41', 100);
    expect(page.cursor).toBe('42');
    expect(seen).toEqual({ url: 'http://127.0.0.1:1/api/v1/sync/pull?protocolVersion=1&limit=100&after=41', auth: 'Bearer secret' });
  });
});
