import { describe, expect, it } from 'vitest';
import { OSM_STANDARD } from '../../shared/tiles/tile-source';
import { parseShellSettings, ShellSettings, syncServerOrigin, templateHost, type ConfiguredTileSource } from './shell-settings';

const office: ConfiguredTileSource = {
  source: { id: 'office', name: 'Office', urlTemplate: 'http://tiles.office.lan/{z}/{x}/{y}.png', subdomains: [], attribution: 'Office', maxZoom: 18, allowsBulkDownload: true },
  allowPrivateAddresses: true,
};

function memory(text: string | null) {
  const file = { text, writes: 0 };
  const warnings: string[] = [];
  return {
    file,
    warnings,
    effects: {
      read: () => Promise.resolve(file.text),
      write: (next: string) => {
        file.text = next;
        file.writes += 1;
        return Promise.resolve();
      },
      warn: (message: string) => warnings.push(message),
    },
  };
}

describe('syncServerOrigin', () => {
  it.each([
    ['https://hq.example.org/', 'https://hq.example.org'],
    ['https://HQ.example.org:8443/api/v1?x=1#y', 'https://hq.example.org:8443'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('takes %s as %s', (text, origin) => {
    expect(syncServerOrigin(text)).toBe(origin);
  });

  it.each([
    'http://hq.example.org/',
    'http://192.168.1.2/',
    'https://user:pw@hq.example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,x',
    'ws://hq.example.org/',
    'https://*.example.org/',
    'https://hq.example.org*/',
    'hq.example.org',
    '',
  ])('refuses %s', (text) => {
    expect(syncServerOrigin(text)).toBeNull();
  });
});

describe('parseShellSettings', () => {
  it('starts empty without a file, and says so for a file that is not JSON or not valid', () => {
    const warnings: string[] = [];
    expect(parseShellSettings(null, (m) => warnings.push(m))).toEqual({ version: 1, tileSources: [], syncServerOrigin: null });
    expect(parseShellSettings('{', (m) => warnings.push(m)).tileSources).toEqual([]);
    expect(parseShellSettings(JSON.stringify({ version: 1, tileSources: [], syncServerOrigin: 'https://x.example/ ; script-src *' }), (m) => warnings.push(m)).syncServerOrigin).toBeNull();
    expect(parseShellSettings(JSON.stringify({ version: 1, tileSources: [{ ...office, source: { ...office.source, urlTemplate: 'file:///{z}/{x}/{y}' } }], syncServerOrigin: null }), (m) => warnings.push(m)).tileSources).toEqual([]);
    expect(warnings).toHaveLength(3);
  });

  it('never lets the file redefine a built-in source', () => {
    const hijack = { ...office, source: { ...office.source, id: OSM_STANDARD.id } };
    const parsed = parseShellSettings(JSON.stringify({ version: 1, tileSources: [hijack, office], syncServerOrigin: null }), () => undefined);
    expect(parsed.tileSources).toEqual([office]);
  });
});

describe('ShellSettings', () => {
  it('knows the built-in sources, never private', async () => {
    const settings = await ShellSettings.load(memory(null).effects);
    expect(settings.tileSource(OSM_STANDARD.id)).toEqual({ source: OSM_STANDARD, allowPrivateAddresses: false });
    expect(settings.tileSource('office')).toBeUndefined();
  });

  it('writes every change before it counts, and reads it back', async () => {
    const store = memory(null);
    const settings = await ShellSettings.load(store.effects);
    await settings.saveTileSource(office);
    await settings.saveSyncServerOrigin('https://hq.example.org');
    expect(store.file.writes).toBe(2);
    const again = await ShellSettings.load(store.effects);
    expect(again.tileSource('office')).toEqual(office);
    expect(again.syncServerOrigin).toBe('https://hq.example.org');
    expect(again.configuredTileSourceCount()).toBe(1);
  });

  it('keeps the old settings when the write fails', async () => {
    const store = memory(null);
    const settings = await ShellSettings.load({ ...store.effects, write: () => Promise.reject(new Error('disk full')) });
    await expect(settings.saveSyncServerOrigin('https://hq.example.org')).rejects.toThrow('disk full');
    expect(settings.syncServerOrigin).toBeNull();
  });

  it('starts from none when the file cannot be read', async () => {
    const store = memory(null);
    const settings = await ShellSettings.load({ ...store.effects, read: () => Promise.reject(new Error('EACCES')) });
    expect(settings.configuredTileSourceCount()).toBe(0);
    expect(store.warnings).toHaveLength(1);
  });
});

describe('templateHost', () => {
  it('is the host and port a template is fetched from', () => {
    expect(templateHost({ urlTemplate: 'https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png', subdomains: ['a', 'b'] })).toBe('a.tiles.example.org:8443');
    expect(templateHost(OSM_STANDARD)).toBe('tile.openstreetmap.org');
  });
});
