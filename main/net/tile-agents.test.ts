import { describe, expect, it } from 'vitest';
import type { ConfiguredTileSource } from '../settings/shell-settings';
import { TILE_IDLE_TIMEOUT_MS, TILE_SOCKETS_PER_HOST, TILE_SOCKETS_PER_SOURCE, TileAgents } from './tile-agents';

const office = (allowPrivateAddresses: boolean, urlTemplate = 'https://tiles.office.example/{z}/{x}/{y}.png'): ConfiguredTileSource => ({
  source: { id: 'office', name: 'Office', urlTemplate, subdomains: [], attribution: 'Office', maxZoom: 18, allowsBulkDownload: true },
  allowPrivateAddresses,
});
const tile = new URL('https://tiles.office.example/1/1/1.png');

describe('keep-alive pools for tile sources', () => {
  it('are one per source, by scheme, bounded, kept alive and closed when idle', () => {
    const agents = new TileAgents();
    const https = agents.agentFor(office(false), tile);
    expect(agents.agentFor(office(false), new URL('https://tiles.office.example/2/1/1.png'))).toBe(https);
    expect(agents.agentFor(office(false), new URL('http://tiles.office.example/2/1/1.png'))).not.toBe(https);
    expect((https as unknown as { options: unknown }).options).toMatchObject({ keepAlive: true, timeout: TILE_IDLE_TIMEOUT_MS });
    expect(https.maxSockets).toBe(TILE_SOCKETS_PER_HOST);
    expect(https.maxTotalSockets).toBe(TILE_SOCKETS_PER_SOURCE);
    const other: ConfiguredTileSource = { ...office(false), source: { ...office(false).source, id: 'other' } };
    expect(agents.agentFor(other, tile)).not.toBe(https);
    expect(agents.size).toBe(2);
    agents.destroy();
    expect(agents.size).toBe(0);
  });

  it('are dropped when the source changes: a pool opened while it could reach the local network never serves it after', () => {
    const agents = new TileAgents();
    const whileAllowed = agents.agentFor(office(true), tile);
    const destroyed: string[] = [];
    const original = whileAllowed.destroy.bind(whileAllowed);
    whileAllowed.destroy = () => {
      destroyed.push('pool');
      original();
    };
    const afterwards = agents.agentFor(office(false), tile);
    expect(afterwards).not.toBe(whileAllowed);
    expect(destroyed).toEqual(['pool']);
    expect(agents.agentFor(office(false, 'https://tiles2.office.example/{z}/{x}/{y}.png'), tile)).not.toBe(afterwards);
    expect(agents.size).toBe(1);
    agents.destroy();
  });
});
