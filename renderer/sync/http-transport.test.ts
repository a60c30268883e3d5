import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import type { PushRequest } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-engine';
import { COMPRESS_FROM_BYTES, createHttpTransport, enrolDevice, parseServerUrl } from './http-transport';
import type { FetchLike } from './http-transport';
import { storedRecord } from '../../test-support/renderer/record-fixtures';

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
    expect(await codeOf(createHttpTransport(down, url, 't').pull(null, 10, 0))).toBe('network_unreachable');
  });

  it('passes on the server error code', async () => {
    const revoked = respond(401, { error: { code: 'device_revoked', message: 'revoked' } });
    expect(await codeOf(createHttpTransport(revoked, url, 't').pull(null, 10, 0))).toBe('device_revoked');
  });

  it('falls back on the HTTP status when the body is not ours', async () => {
    expect(await codeOf(createHttpTransport(respond(502, '<html>bad gateway</html>'), url, 't').pull(null, 1, 0))).toBe('server_error');
    expect(await codeOf(createHttpTransport(respond(429, 'slow down'), url, 't').pull(null, 1, 0))).toBe('rate_limited');
    expect(await codeOf(enrolDevice(respond(401, {}), url, { code: 'ABCDEFGH', deviceName: 'x' }))).toBe('unauthorized');
  });

  it('refuses a success body that does not match the protocol', async () => {
    expect(await codeOf(createHttpTransport(respond(200, { changes: 'lots' }), url, 't').pull(null, 1, 0))).toBe('server_error');
  });

  it('sends the token and the cursor', async () => {
    let seen: { url: string; auth: string | null } | null = null;
    const spy: FetchLike = (input, init) => {
      seen = { url: input, auth: new Headers(init?.headers).get('authorization') };
      return Promise.resolve(new Response(JSON.stringify({ changes: [], cursor: '42', hasMore: false, serverTime: 'x' })));
    };
    const page = await createHttpTransport(spy, url, 'secret').pull('41', 100, 7);
    expect(page.cursor).toBe('42');
    expect(seen).toEqual({ url: 'http://127.0.0.1:1/api/v1/sync/pull?protocolVersion=2&limit=100&after=41&pending=7', auth: 'Bearer secret' });
  });

  it.each([
    ['app_too_old', 400],
    ['app_too_new', 400],
    ['forbidden', 403],
    ['mass_change', 409],
  ])('passes on %s from the body', async (code, status) => {
    const transport = createHttpTransport(respond(status, { error: { code, message: 'm' } }), url, 't');
    expect(await codeOf(transport.pull(null, 1, 0))).toBe(code);
  });

  it('maps 403 and 426 without a body of ours', async () => {
    expect(await codeOf(createHttpTransport(respond(403, 'no'), url, 't').pull(null, 1, 0))).toBe('forbidden');
    expect(await codeOf(createHttpTransport(respond(426, 'upgrade'), url, 't').pull(null, 1, 0))).toBe('app_too_old');
  });

  it('refuses a push answer in the protocol 1 shape', async () => {
    const old = respond(200, { accepted: ['x'], serverTime: 't' });
    expect(await codeOf(createHttpTransport(old, url, 't').push({ protocolVersion: 2, changes: [] }))).toBe('server_error');
  });
});

/** The shared stored record, numbered: records that differ in a digit or two. */
const record = (i: number): Observation =>
  storedRecord({
    id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    totalPersons: i,
    summary: 'a group seen at the station, most of them walking north along the rails',
  });

function pushOf(count: number): PushRequest {
  return {
    protocolVersion: 2,
    pending: count,
    changes: Array.from({ length: count }, (_, i) => ({ changeId: `01900000-0000-7000-9000-${String(i).padStart(12, '0')}`, record: record(i) })),
  };
}

describe('HTTP transport bodies and clock', () => {
  const url = new URL('https://hq.example.org/');
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** A fake server that reads the body as the real one must: gunzip when the header says so. */
  function recording() {
    const seen: { encoding: string | null; bytes: number; body: unknown }[] = [];
    const fetchFn = async (_input: string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      const raw = init?.body;
      const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : new Uint8Array(raw as Uint8Array);
      const text =
        headers.get('content-encoding') === 'gzip'
          ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
          : new TextDecoder().decode(bytes);
      const body = JSON.parse(text) as PushRequest;
      seen.push({ encoding: headers.get('content-encoding'), bytes: bytes.length, body });
      return new Response(
        JSON.stringify({ results: body.changes.map((c) => ({ changeId: c.changeId, outcome: 'accepted' })), serverTime: '2026-03-10T12:00:00.000Z' }),
      );
    };
    return { seen, fetchFn };
  }

  it('sends a large push gzip-compressed, and the server reads the same request', async () => {
    const { seen, fetchFn } = recording();
    const request = pushOf(50);
    const response = await createHttpTransport(fetchFn, url, 't').push(request);
    expect(response.results).toHaveLength(50);
    expect(seen[0]?.encoding).toBe('gzip');
    expect(seen[0]?.body).toEqual(request);
    // Fifty records that differ in a digit or two: compressed to a fraction.
    expect(seen[0]?.bytes).toBeLessThan(JSON.stringify(request).length / 5);
  });

  it('sends a small body as plain JSON', async () => {
    const { seen, fetchFn } = recording();
    const request = pushOf(0);
    expect(JSON.stringify(request).length).toBeLessThan(COMPRESS_FROM_BYTES);
    await createHttpTransport(fetchFn, url, 't').push(request);
    expect(seen[0]).toMatchObject({ encoding: null, body: request });
  });

  it('falls back to plain JSON where CompressionStream is missing', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const { seen, fetchFn } = recording();
    const request = pushOf(50);
    await createHttpTransport(fetchFn, url, 't').push(request);
    expect(seen[0]).toMatchObject({ encoding: null, body: request });
  });

  it("keeps the server's time of the last answer beside the device's", async () => {
    const { fetchFn } = recording();
    const deviceNow = Date.parse('2026-03-09T12:00:00.000Z');
    const transport = createHttpTransport(fetchFn, url, 't', () => deviceNow);
    expect(transport.lastServerClock()).toBeNull();
    await transport.push(pushOf(1));
    expect(transport.lastServerClock()).toEqual({ serverTime: '2026-03-10T12:00:00.000Z', deviceTime: '2026-03-09T12:00:00.000Z' });
  });
});
