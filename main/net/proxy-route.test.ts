import { describe, expect, it } from 'vitest';
import { fetchAlongRoute, pacLegs, tileRoute } from './proxy-route';

describe('the proxy answer for a tile URL', () => {
  it('reads PAC answers leg by leg, keywords in any case, proxies in the form Chromium’s fixed rules take', () => {
    expect(pacLegs('DIRECT')).toEqual([{ kind: 'direct' }]);
    expect(pacLegs('PROXY proxy.example.org:8080; DIRECT')).toEqual([{ kind: 'proxy', uri: 'http://proxy.example.org:8080' }, { kind: 'direct' }]);
    expect(pacLegs('  https  secure.example.org:443 ;socks 10.0.0.1:1080;SOCKS5 [2001:db8::1]:1080;socks4 s4:1;direct')).toEqual([
      { kind: 'proxy', uri: 'https://secure.example.org:443' },
      { kind: 'proxy', uri: 'socks4://10.0.0.1:1080' },
      { kind: 'proxy', uri: 'socks5://[2001:db8::1]:1080' },
      { kind: 'proxy', uri: 'socks4://s4:1' },
      { kind: 'direct' },
    ]);
  });

  it('skips a leg it cannot read, so no text of a PAC answer reaches the proxy rules', () => {
    for (const answer of [
      '',
      ';;',
      'PROXY',
      'PROXY proxy.example.org',
      'PROXY proxy.example.org:0',
      'PROXY proxy.example.org:70000',
      'PROXY a:1 b:2',
      'PROXY a:1,direct://',
      'PROXY user:pass@a:1',
      'PROXY http://a:1',
      'QUIC a:443',
      'FTP a:21',
      'DIRECT a:1',
      'PROXY -a:1',
      'PROXY [::1:1',
      `PROXY ${'a'.repeat(300)}:1`,
      `PROXY a:1; ${'DIRECT;'.repeat(1000)}`,
    ]) {
      expect(pacLegs(answer), answer).toEqual([]);
      expect(tileRoute(answer), answer).toEqual([]);
    }
    expect(pacLegs('FOO bar; PROXY a:1, b:2; DIRECT')).toEqual([{ kind: 'direct' }]);
  });

  it('DIRECT goes pinned; proxies as configured, together, never with a direct fallback of Chromium’s own', () => {
    expect(tileRoute('DIRECT')).toEqual([{ kind: 'pinned' }]);
    expect(tileRoute('PROXY p:3128')).toEqual([{ kind: 'proxy', rules: 'http://p:3128' }]);
    // The case that went unpinned before: the proxy first, then the DIRECT leg over the pinned fetch.
    expect(tileRoute('PROXY p:3128; DIRECT')).toEqual([{ kind: 'proxy', rules: 'http://p:3128' }, { kind: 'pinned' }]);
    expect(tileRoute('PROXY p:3128; HTTPS q:443; DIRECT; SOCKS5 s:1080; DIRECT')).toEqual([
      { kind: 'proxy', rules: 'http://p:3128,https://q:443' },
      { kind: 'pinned' },
      { kind: 'proxy', rules: 'socks5://s:1080' },
    ]);
    expect(tileRoute('DIRECT; PROXY p:3128')).toEqual([{ kind: 'pinned' }, { kind: 'proxy', rules: 'http://p:3128' }]);
    for (const steps of [tileRoute('PROXY p:3128; DIRECT'), tileRoute('PROXY p:1; PROXY q:2; DIRECT')]) {
      for (const step of steps) if (step.kind === 'proxy') expect(step.rules).not.toMatch(/direct/i);
    }
  });

  it('tries the next step only when one could not connect; an HTTP answer, a refusal included, is the answer', async () => {
    const tried: string[] = [];
    const ways = (pinned: () => Promise<number>, proxied: () => Promise<number>) => ({
      pinned: () => (tried.push('pinned'), pinned()),
      proxied: (rules: string) => (tried.push(rules), proxied()),
    });
    const down = () => Promise.reject(new Error('ECONNREFUSED'));
    expect(await fetchAlongRoute(tileRoute('PROXY p:1; DIRECT'), ways(() => Promise.resolve(200), down))).toBe(200);
    expect(tried).toEqual(['http://p:1', 'pinned']);
    tried.length = 0;
    expect(await fetchAlongRoute(tileRoute('PROXY p:1; DIRECT'), ways(down, () => Promise.resolve(403)))).toBe(403);
    expect(tried).toEqual(['http://p:1']);
    tried.length = 0;
    await expect(fetchAlongRoute(tileRoute('PROXY p:1; DIRECT'), ways(down, down))).rejects.toThrow('ECONNREFUSED');
    await expect(fetchAlongRoute(tileRoute('nonsense'), ways(down, down))).rejects.toThrow(/no way/);
    expect(tried).toEqual(['http://p:1', 'pinned']);
  });
});
