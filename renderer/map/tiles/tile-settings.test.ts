import { describe, expect, it } from 'vitest';
import { OSM_STANDARD } from '../../../shared/tiles/tile-source';
import { activeTileSource, DEFAULT_TILE_SETTINGS, parseTileSettings, tileNetworkAllowed, viewedLimitBytes } from './tile-settings';

const org = {
  id: 'custom-1a2b3c4d',
  name: 'Org tiles',
  urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
  subdomains: [],
  attribution: '© Org',
  maxZoom: 16,
  allowsBulkDownload: true,
};

describe('tile settings', () => {
  it('start with no source: no map view leaves the device until someone chooses one', () => {
    expect(parseTileSettings(null)).toEqual(DEFAULT_TILE_SETTINGS);
    expect(activeTileSource(DEFAULT_TILE_SETTINGS)).toBeNull();
  });

  it('read back a chosen source, offline only and user-added sources', () => {
    const settings = parseTileSettings(JSON.stringify({ sourceId: org.id, offlineOnly: true, customSources: [org] }));
    expect(activeTileSource(settings)).toEqual(org);
    expect(settings.offlineOnly).toBe(true);
    expect(activeTileSource(parseTileSettings(JSON.stringify({ sourceId: 'osm-standard', offlineOnly: false, customSources: [] })))).toEqual(OSM_STANDARD);
  });

  it('drop what does not parse, whatever was stored', () => {
    const hostile = { ...org, id: 'custom-evil', urlTemplate: 'javascript:alert(1)//{z}/{x}/{y}' };
    const takeover = { ...org, id: 'osm-standard', allowsBulkDownload: true };
    const settings = parseTileSettings(JSON.stringify({ sourceId: 'custom-evil', offlineOnly: 'yes', customSources: [hostile, takeover, org, org, 42] }));
    expect(settings).toEqual({ sourceId: null, offlineOnly: false, customSources: [org], viewedLimitMb: 200 });
    expect(parseTileSettings('{not json')).toEqual(DEFAULT_TILE_SETTINGS);
    expect(parseTileSettings('[]')).toEqual(DEFAULT_TILE_SETTINGS);
    expect(parseTileSettings(JSON.stringify({ sourceId: 'nowhere', offlineOnly: true, customSources: [] }))).toEqual({ ...DEFAULT_TILE_SETTINGS, offlineOnly: true });
  });

  it('keep a viewed-tile limit of 200 MB unless a whole number of MB within bounds was stored', () => {
    expect(DEFAULT_TILE_SETTINGS.viewedLimitMb).toBe(200);
    expect(viewedLimitBytes(DEFAULT_TILE_SETTINGS)).toBe(200_000_000);
    const stored = (viewedLimitMb: unknown) => parseTileSettings(JSON.stringify({ sourceId: null, offlineOnly: false, customSources: [], viewedLimitMb })).viewedLimitMb;
    expect(stored(500)).toBe(500);
    expect(stored(10)).toBe(10);
    for (const bad of [9, 0, -1, 12.5, '500', null, 1e9]) expect(stored(bad), String(bad)).toBe(200);
    // Settings stored before the limit existed read as the default.
    expect(parseTileSettings(JSON.stringify({ sourceId: null, offlineOnly: true, customSources: [] })).viewedLimitMb).toBe(200);
  });

  it('allow the network only when online and not offline only', () => {
    expect(tileNetworkAllowed(DEFAULT_TILE_SETTINGS, true)).toBe(true);
    expect(tileNetworkAllowed(DEFAULT_TILE_SETTINGS, false)).toBe(false);
    expect(tileNetworkAllowed({ ...DEFAULT_TILE_SETTINGS, offlineOnly: true }, true)).toBe(false);
  });
});
