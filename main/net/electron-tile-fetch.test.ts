/**
 * The route wiring of net/electron-tile-fetch.ts against a fake `electron` (no binary here):
 * which session a proxied tile goes through, with which proxy rules, and that a DIRECT leg,
 * also as a PAC answer's fallback, goes over the pinned fetch and never through Chromium.
 */
import { EventEmitter } from 'node:events';
import type { Session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const state = {
    /** What each net.request does: answer a tile, or fail to connect. */
    proxyAnswer: 'tile' as 'tile' | 'unreachable',
    requests: [] as { url: string; session: string }[],
    partitions: [] as { name: string; rules: string | null }[],
    pinned: [] as { url: string; addresses: readonly string[] }[],
  };
  return { state };
});

vi.mock('electron', () => {
  const partition = (name: string) => {
    const made = { name, rules: null as string | null };
    fake.state.partitions.push(made);
    return {
      label: `partition ${name}`,
      setUserAgent: () => undefined,
      setProxy: (config: { mode: string; proxyRules: string }) => {
        made.rules = `${config.mode} ${config.proxyRules}`;
        return Promise.resolve();
      },
    };
  };
  const request = (options: { url: string; session: { label: string } }) => {
    fake.state.requests.push({ url: options.url, session: options.session.label });
    const outgoing = new EventEmitter() as EventEmitter & { end: () => void; abort: () => void };
    outgoing.abort = () => undefined;
    outgoing.end = () => {
      queueMicrotask(() => {
        if (fake.state.proxyAnswer === 'unreachable') {
          outgoing.emit('error', new Error('net::ERR_PROXY_CONNECTION_FAILED'));
          return;
        }
        const response = new EventEmitter() as EventEmitter & { statusCode: number; headers: Record<string, string> };
        response.statusCode = 200;
        response.headers = {};
        outgoing.emit('response', response);
        response.emit('data', Buffer.from('via proxy'));
        response.emit('end');
      });
    };
    return outgoing;
  };
  return { net: { request }, session: { fromPartition: partition } };
});

vi.mock('./pinned-tile-fetch', () => ({
  fetchTilePinned: (url: string, addresses: readonly string[]) => {
    fake.state.pinned.push({ url, addresses });
    return Promise.resolve({ status: 200, bytes: new TextEncoder().encode('pinned') });
  },
}));

const { fetchTileForSession } = await import('./electron-tile-fetch');
const { Agent } = await import('node:http');

const defaultSession = (proxyAnswer: string) =>
  ({ label: 'default', resolveProxy: () => Promise.resolve(proxyAnswer), getUserAgent: () => 'Routewatch' }) as unknown as Session;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const URL_ = 'https://tiles.example.org/1/1/1.png';
const ADDRESSES = ['93.184.215.14'];

beforeEach(() => {
  fake.state.proxyAnswer = 'tile';
  fake.state.requests = [];
  fake.state.pinned = [];
});

describe('the tile route in main', () => {
  it('DIRECT: the pinned fetch, to the checked addresses; Chromium is not asked', async () => {
    const answer = await fetchTileForSession(defaultSession('DIRECT'), URL_, ADDRESSES, new Agent());
    expect(text(answer.bytes)).toBe('pinned');
    expect(fake.state.pinned).toEqual([{ url: URL_, addresses: ADDRESSES }]);
    expect(fake.state.requests).toEqual([]);
  });

  it('PROXY p; DIRECT: the proxy through a session of its own whose fixed rules have no DIRECT, and the pinned fetch when the proxy cannot be reached', async () => {
    const answer = await fetchTileForSession(defaultSession('PROXY proxy.office.example:3128; DIRECT'), URL_, ADDRESSES, new Agent());
    expect(text(answer.bytes)).toBe('via proxy');
    expect(fake.state.pinned).toEqual([]);
    const session = fake.state.partitions.at(-1);
    expect(session?.rules).toBe('fixed_servers http://proxy.office.example:3128');
    expect(fake.state.requests).toEqual([{ url: URL_, session: `partition ${String(session?.name)}` }]);
    expect(fake.state.requests.some((r) => r.session === 'default')).toBe(false);

    fake.state.proxyAnswer = 'unreachable';
    const fallback = await fetchTileForSession(defaultSession('PROXY proxy.office.example:3128; DIRECT'), URL_, ADDRESSES, new Agent());
    expect(text(fallback.bytes)).toBe('pinned');
    expect(fake.state.pinned).toEqual([{ url: URL_, addresses: ADDRESSES }]);
    // The same proxy list keeps its session.
    expect(fake.state.partitions.filter((p) => p.rules === 'fixed_servers http://proxy.office.example:3128')).toHaveLength(1);
  });

  it('a proxy alone: no fallback at all; an answer with nothing readable: nothing sent', async () => {
    fake.state.proxyAnswer = 'unreachable';
    await expect(fetchTileForSession(defaultSession('SOCKS5 socks.office.example:1080'), URL_, ADDRESSES, new Agent())).rejects.toThrow(/PROXY_CONNECTION_FAILED/);
    expect(fake.state.pinned).toEqual([]);
    await expect(fetchTileForSession(defaultSession('PROXY'), URL_, ADDRESSES, new Agent())).rejects.toThrow(/no way/);
    expect(fake.state.requests).toHaveLength(1);
  });
});
