import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract';
import type { ConfiguredTileSource } from '../../settings/shell-settings';
import { deleteTiles, loadTile, MAX_TILE_REDIRECTS, statTiles, tileFilePath, type TileCacheEffects, type TileFetchAnswer } from './tile-cache';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const NEWER = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const HTML = new TextEncoder().encode('<html>rate limited</html>');
const root = path.resolve('/data/routewatch/tiles');
const PUBLIC_ADDRESS = '93.184.215.14';

const DAY = 24 * 60 * 60 * 1000;

const hqTiles = (allowPrivateAddresses = false, urlTemplate = 'https://t.example.org/{z}/{x}/{y}.png'): ConfiguredTileSource => ({
  source: { id: 'hq-tiles', name: 'HQ', urlTemplate, subdomains: [], attribution: '© HQ', maxZoom: 17, allowsBulkDownload: true },
  allowPrivateAddresses,
});

interface FakeOptions {
  readonly source?: ConfiguredTileSource | undefined;
  /** What each host resolves to; a host not listed does not resolve. */
  readonly dns?: Record<string, readonly string[]>;
}

function fakeEffects(answer: (url: string) => Promise<TileFetchAnswer>, options: FakeOptions = {}) {
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const written = new Map<string, number>();
  const fetched: string[] = [];
  /** The addresses each fetch was pinned to, in order. */
  const pinned: (readonly string[])[] = [];
  const resolved: string[] = [];
  const clock = { now: 100 * DAY };
  const source = 'source' in options ? options.source : hqTiles();
  const dns = options.dns ?? { 't.example.org': [PUBLIC_ADDRESS] };
  const effects: TileCacheEffects = {
    root,
    now: () => clock.now,
    files: {
      read: (p) => {
        const bytes = files.get(p);
        return Promise.resolve(bytes === undefined ? null : { bytes, modifiedMs: written.get(p) ?? 0 });
      },
      writeAtomic: (p, data) => {
        files.set(p, data);
        written.set(p, clock.now);
        return Promise.resolve();
      },
      size: (p) => Promise.resolve(files.get(p)?.length ?? null),
      remove: (p) => Promise.resolve(files.delete(p)),
      list: () => Promise.resolve([...files].map(([p, bytes]) => ({ path: p, bytes: bytes.length, modifiedMs: written.get(p) ?? 0 }))),
    },
    sourceOf: (id) => (source !== undefined && source.source.id === id ? source : undefined),
    resolveHost: (host) => {
      resolved.push(host);
      const addresses = dns[host];
      return addresses === undefined ? Promise.reject(new Error('ENOTFOUND')) : Promise.resolve(addresses);
    },
    fetchTile: (url, addresses) => {
      fetched.push(url);
      pinned.push(addresses);
      return answer(url);
    },
  };
  return { effects, files, fetched, pinned, resolved, clock };
}

const tile = { z: 9, x: 285, y: 184 };
const TILE_URL = 'https://t.example.org/9/285/184.png';
const request = (network: boolean) => ({ sourceId: 'hq-tiles', tile, network });
const ok = (status = 200, bytes: Uint8Array<ArrayBuffer> = PNG) => Promise.resolve({ status, bytes });
const redirect = (location: string, status = 302) => Promise.resolve({ status, bytes: new Uint8Array(), location });

describe('tile cache handlers', () => {
  it('builds the URL from the configured source, fetches, stores under the data folder, then serves from disk', async () => {
    const { effects, files, fetched, resolved } = fakeEffects(() => ok());
    expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: PNG } });
    expect(fetched).toEqual([TILE_URL]);
    expect(resolved).toEqual(['t.example.org']);
    expect([...files.keys()]).toEqual([path.join(root, 'hq-tiles', '9', '285', '184.tile')]);
    expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(fetched).toHaveLength(1);
  });

  it('fetches a tile older than 30 days again when it may, and keeps the old one when it cannot', async () => {
    const answers: (() => Promise<TileFetchAnswer>)[] = [() => ok(), () => Promise.reject(new Error('ECONNREFUSED')), () => ok(200, NEWER)];
    const { effects, fetched, clock } = fakeEffects(() => answers.shift()?.() ?? Promise.reject(new Error('no more answers')));
    await loadTile(request(true), effects);
    clock.now += 29 * DAY;
    expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(fetched).toHaveLength(1);
    clock.now += 2 * DAY;
    expect(await loadTile(request(false), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: NEWER } });
    expect(fetched).toHaveLength(3);
    expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: NEWER } });
  });

  it('never touches the network when it may not', async () => {
    const { effects, fetched, resolved } = fakeEffects(() => ok());
    expect(await loadTile(request(false), effects)).toEqual({ ok: true, data: { outcome: 'not-cached', bytes: null } });
    expect(fetched).toEqual([]);
    expect(resolved).toEqual([]);
  });

  it('tells a refusal from an unreachable server, and caches neither', async () => {
    const cases: [() => Promise<TileFetchAnswer>, string][] = [
      [() => ok(404, new Uint8Array()), 'refused'],
      [() => ok(200, HTML), 'refused'],
      [() => ok(429, new Uint8Array()), 'unreachable'],
      [() => ok(503, new Uint8Array()), 'unreachable'],
      [() => Promise.reject(new Error('ECONNREFUSED')), 'unreachable'],
    ];
    for (const [answer, outcome] of cases) {
      const { effects, files } = fakeEffects(answer);
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome, bytes: null } });
      expect(files.size).toBe(0);
    }
  });

  it('a host that does not resolve is unreachable, not refused', async () => {
    const { effects, fetched } = fakeEffects(() => ok(), { dns: {} });
    expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'unreachable', bytes: null } });
    expect(fetched).toEqual([]);
  });

  it('refuses a source main is not configured with, and zoom levels past the source’s deepest', async () => {
    const unknown = fakeEffects(() => ok(), { source: undefined });
    expect(await loadTile(request(true), unknown.effects)).toEqual({ ok: false, error: { code: 'refused' } });
    const deep = fakeEffects(() => ok());
    expect(await loadTile({ sourceId: 'hq-tiles', tile: { z: 18, x: 0, y: 0 }, network: true }, deep.effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect([...unknown.fetched, ...deep.fetched]).toEqual([]);
  });

  describe('addresses', () => {
    // Every form of a non-public address a DNS answer (or a literal) can carry.
    const NON_PUBLIC: readonly string[] = [
      '127.0.0.1',
      '127.1.2.3',
      '0.0.0.0',
      '10.0.0.5',
      '172.16.3.4',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '198.18.0.1',
      '::1',
      '::',
      'fe80::1',
      'fe80::1%eth0',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '::127.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
      'ff02::1',
      'not-an-address',
    ];

    it.each(NON_PUBLIC)('refuses a host that resolves to %s, without fetching', async (address) => {
      const { effects, fetched } = fakeEffects(() => ok(), { dns: { 't.example.org': [address] } });
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
      expect(fetched).toEqual([]);
    });

    it('prints its figure', () => {
      console.log(`tile fetch: ${String(NON_PUBLIC.length)} non-public address forms, each refused without a request (see the cases above)`);
      expect(NON_PUBLIC.length).toBeGreaterThan(20);
    });

    it('checks every address, not the first: one private address among public ones is a refusal', async () => {
      for (const dns of [[PUBLIC_ADDRESS, '127.0.0.1'], ['2606:4700::1111', '::ffff:192.168.0.1'], []]) {
        const { effects, fetched } = fakeEffects(() => ok(), { dns: { 't.example.org': dns } });
        expect(await loadTile(request(true), effects), dns.join()).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
        expect(fetched).toEqual([]);
      }
    });

    it('fetches from public IPv4 and IPv6 addresses', async () => {
      const { effects, fetched } = fakeEffects(() => ok(), { dns: { 't.example.org': [PUBLIC_ADDRESS, '2606:4700::1111'] } });
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: PNG } });
      expect(fetched).toEqual([TILE_URL]);
    });

    it('refuses literal private hosts in the template too, brackets and all', async () => {
      for (const [template, host] of [
        ['http://127.0.0.1:8080/{z}/{x}/{y}.png', '127.0.0.1'],
        ['http://[::1]:8080/{z}/{x}/{y}.png', '::1'],
        ['http://[::ffff:7f00:1]/{z}/{x}/{y}.png', '::ffff:7f00:1'],
      ] as const) {
        // A real resolver returns a literal as itself.
        const { effects, fetched, resolved } = fakeEffects(() => ok(), { source: hqTiles(false, template), dns: { [host]: [host] } });
        expect(await loadTile(request(true), effects), template).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
        expect(fetched).toEqual([]);
        expect(resolved).toHaveLength(1);
      }
    });

    it('fetches from a private address when the source is configured to allow it, pinned to the address it resolved to', async () => {
      const { effects, fetched, pinned } = fakeEffects(() => ok(), { source: hqTiles(true, 'http://tiles.office.lan/{z}/{x}/{y}.png'), dns: { 'tiles.office.lan': ['192.168.1.20'] } });
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: PNG } });
      expect(fetched).toEqual(['http://tiles.office.lan/9/285/184.png']);
      expect(pinned).toEqual([['192.168.1.20']]);
    });
  });

  describe('DNS pinning', () => {
    it('connects to the address that was checked: a host answering public then loopback never gets loopback to the connection', async () => {
      // A rebinding resolver: the first answer is public, every later one is loopback.
      let answers = 0;
      const { effects, fetched, pinned } = fakeEffects(() => ok());
      const rebinding: TileCacheEffects = {
        ...effects,
        resolveHost: () => {
          answers += 1;
          return Promise.resolve(answers === 1 ? [PUBLIC_ADDRESS] : ['127.0.0.1']);
        },
      };
      expect(await loadTile(request(true), rebinding)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: PNG } });
      expect(fetched).toEqual([TILE_URL]);
      // Asked once, and the fetch was handed exactly that answer: nothing resolves the host again.
      expect(answers).toBe(1);
      expect(pinned).toEqual([[PUBLIC_ADDRESS]]);
      expect(pinned.flat()).not.toContain('127.0.0.1');
    });

    it('pins each redirect hop to the addresses checked for that hop', async () => {
      const dns: Record<string, readonly string[]> = { 't.example.org': [PUBLIC_ADDRESS] };
      const { effects, pinned } = fakeEffects(
        (url) => {
          dns['t.example.org'] = ['93.184.215.15', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'];
          return url === TILE_URL ? redirect('/v2.png') : ok();
        },
        { dns },
      );
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: PNG } });
      expect(pinned).toEqual([[PUBLIC_ADDRESS], ['93.184.215.15', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']]);
    });

    it('refuses a host resolving to a mix of public and loopback addresses, and fetches nothing', async () => {
      const { effects, fetched } = fakeEffects(() => ok(), { dns: { 't.example.org': [PUBLIC_ADDRESS, '127.0.0.1'] } });
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
      expect(fetched).toEqual([]);
    });

    it('an empty answer is no address to connect to', async () => {
      for (const source of [hqTiles(false), hqTiles(true)]) {
        const { effects, fetched } = fakeEffects(() => ok(), { source, dns: { 't.example.org': [] } });
        const loaded = await loadTile(request(true), effects);
        expect(loaded.ok && loaded.data.bytes).toBeNull();
        expect(fetched).toEqual([]);
      }
    });
  });

  describe('redirects', () => {
    it('follows a redirect on the same host, checking its addresses again', async () => {
      const { effects, fetched, resolved } = fakeEffects((url) => (url === TILE_URL ? redirect('/v2/9/285/184.png', 301) : ok()));
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'fetched', bytes: PNG } });
      expect(fetched).toEqual([TILE_URL, 'https://t.example.org/v2/9/285/184.png']);
      expect(resolved).toEqual(['t.example.org', 't.example.org']);
    });

    it.each([
      'https://evil.example/9/285/184.png',
      'https://t.example.org.evil.example/9/285/184.png',
      'https://t.example.org:8443/9/285/184.png',
      'https://T.EXAMPLE.ORG:6379/',
      'https://t.example.org@evil.example/9/285/184.png',
      'https://user:pw@t.example.org/9/285/184.png',
      'http://t.example.org/9/285/184.png',
      'http://127.0.0.1/latest/meta-data/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:image/png;base64,iVBORw0KGgo=',
      '//evil.example/x.png',
      'http://[::1',
    ])('does not follow a redirect to %s', async (location) => {
      const { effects, fetched, files } = fakeEffects((url) => (url === TILE_URL ? redirect(location) : ok()));
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
      expect(fetched).toEqual([TILE_URL]);
      expect(files.size).toBe(0);
    });

    it('does not follow a same-host redirect once the host resolves to a private address (DNS rebinding)', async () => {
      const dns: Record<string, readonly string[]> = { 't.example.org': [PUBLIC_ADDRESS] };
      const { effects, fetched } = fakeEffects(
        (url) => {
          dns['t.example.org'] = ['127.0.0.1'];
          return url === TILE_URL ? redirect('/again.png') : ok();
        },
        { dns },
      );
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
      expect(fetched).toEqual([TILE_URL]);
    });

    it(`stops after ${String(MAX_TILE_REDIRECTS)} redirects`, async () => {
      const { effects, fetched } = fakeEffects((url) => redirect(`${url}x`));
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'refused', bytes: null } });
      expect(fetched).toHaveLength(MAX_TILE_REDIRECTS + 1);
    });

    it('keeps a stale cached tile when a refresh is refused by the policy', async () => {
      let first = true;
      const { effects, clock } = fakeEffects((url) => {
        if (first) {
          first = false;
          return ok();
        }
        return url === TILE_URL ? redirect('https://evil.example/') : ok(200, NEWER);
      });
      await loadTile(request(true), effects);
      clock.now += 31 * DAY;
      expect(await loadTile(request(true), effects)).toEqual({ ok: true, data: { outcome: 'cached', bytes: PNG } });
    });
  });

  it('states sizes and deletes tiles', async () => {
    const { effects } = fakeEffects(() => ok());
    await loadTile(request(true), effects);
    const other = { z: 9, x: 286, y: 184 };
    expect(await statTiles({ sourceId: 'hq-tiles', tiles: [tile, other] }, effects)).toEqual({ ok: true, data: { sizes: [PNG.length, null] } });
    expect(await deleteTiles({ sourceId: 'hq-tiles', tiles: [tile, other] }, effects)).toEqual({ ok: true, data: { deleted: 1 } });
    expect(await statTiles({ sourceId: 'hq-tiles', tiles: [tile] }, effects)).toEqual({ ok: true, data: { sizes: [null] } });
  });

  it('keeps every path inside the cache folder', () => {
    expect(tileFilePath(root, 'osm-standard', { z: 0, x: 0, y: 0 })).toBe(path.join(root, 'osm-standard', '0', '0', '0.tile'));
    for (const sourceId of ['..', '../..', '../etc', 'a/../../b', '', '/abs', 'a\\..\\b']) {
      expect(() => tileFilePath(root, sourceId, tile), sourceId).toThrow();
    }
  });

  it('has a contract that refuses hostile keys, and any URL, before any handler runs', () => {
    const load = ipcContract['tiles:load'].request;
    expect(load.safeParse(request(false)).success).toBe(true);
    for (const bad of [
      { ...request(false), sourceId: '../../etc' },
      { ...request(false), sourceId: 'A' },
      { ...request(false), tile: { z: 2, x: 4, y: 0 } },
      { ...request(false), tile: { z: 1, x: -1, y: 0 } },
      { ...request(false), tile: { z: 1, x: 0.5, y: 0 } },
      { ...request(false), tile: { z: 1, x: '0', y: 0 } },
      { ...request(false), tile: { z: 99, x: 0, y: 0 } },
      { ...request(false), tile: { z: 1, x: Number.NaN, y: 0 } },
      { ...request(false), network: 'yes' },
      { sourceId: 'hq-tiles', tile, url: TILE_URL },
      { ...request(true), url: 'http://127.0.0.1/' },
      { ...request(false), extra: true },
    ]) {
      expect(load.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const stat = ipcContract['tiles:stat'].request;
    expect(stat.safeParse({ sourceId: 'a', tiles: Array.from({ length: 501 }, () => tile) }).success).toBe(false);
  });
});
