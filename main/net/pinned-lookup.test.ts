import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { pinnedAddresses, pinnedLookup } from './pinned-lookup';

type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family: number | undefined };

/** Calls the lookup as net.connect does and waits for its answer. */
function ask(lookup: ReturnType<typeof pinnedLookup>, hostname: string, options: LookupOptions): Promise<Answer> {
  return new Promise((resolve) => {
    lookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('pinned lookup', () => {
  it('hands the socket layer the checked address, never another', async () => {
    const lookup = pinnedLookup('tiles.example.org', ['93.184.215.14']);
    expect(await ask(lookup, 'tiles.example.org', {})).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    // The same answer every time: nothing is asked again between calls.
    expect(await ask(lookup, 'tiles.example.org', {})).toEqual({ error: null, address: '93.184.215.14', family: 4 });
  });

  it('answers every checked address, in order, when the socket layer asks for all (happy eyeballs)', async () => {
    const lookup = pinnedLookup('Tiles.Example.org', ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', '93.184.215.14']);
    expect((await ask(lookup, 'tiles.example.org', { all: true })).address).toEqual([
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      { address: '93.184.215.14', family: 4 },
    ]);
    expect(await ask(lookup, 'tiles.example.org', { family: 4 })).toEqual({ error: null, address: '93.184.215.14', family: 4 });
    expect(await ask(lookup, 'tiles.example.org', { family: 'IPv6' })).toMatchObject({ error: null, family: 6 });
  });

  it('is an error, not a fall back to DNS, for another host, an empty list, a family not checked or a name in the list', async () => {
    const cases: [ReturnType<typeof pinnedLookup>, string, LookupOptions][] = [
      [pinnedLookup('tiles.example.org', ['93.184.215.14']), 'localhost', {}],
      [pinnedLookup('tiles.example.org', ['93.184.215.14']), 'tiles.example.org.evil.example', { all: true }],
      [pinnedLookup('tiles.example.org', []), 'tiles.example.org', {}],
      [pinnedLookup('tiles.example.org', []), 'tiles.example.org', { all: true }],
      [pinnedLookup('tiles.example.org', ['93.184.215.14']), 'tiles.example.org', { family: 6 }],
      [pinnedLookup('tiles.example.org', ['93.184.215.14', 'localhost']), 'tiles.example.org', {}],
    ];
    for (const [lookup, hostname, options] of cases) {
      const answer = await ask(lookup, hostname, options);
      expect(answer.error?.code, hostname).toBe('ENOTFOUND');
      expect(answer.address).toBe('');
    }
  });

  it('takes only IP addresses', () => {
    expect(pinnedAddresses(['93.184.215.14', '::1'])).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '::1', family: 6 },
    ]);
    expect(pinnedAddresses(['93.184.215.14', 'evil.example'])).toEqual([]);
    expect(pinnedAddresses(['93.184.215.14%eth0'])).toEqual([]);
  });
});
