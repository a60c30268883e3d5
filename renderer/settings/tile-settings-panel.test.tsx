// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TILE_SETTINGS, readTileSettings, writeTileSettings } from '../map/tiles/tile-settings';
import { TileSettingsPanel } from './tile-settings-panel';

afterEach(() => {
  cleanup();
  writeTileSettings(DEFAULT_TILE_SETTINGS);
});

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('tile settings panel', () => {
  it('names every problem of a bad source and adds nothing', () => {
    render(<TileSettingsPanel />);
    type('Name', '');
    type('Tile address (URL template)', 'javascript:alert(1)//{z}');
    fireEvent.click(screen.getByRole('button', { name: 'Add source' }));
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/Give the source a name/)).toBeTruthy();
    expect(within(alert).getByText(/not a valid web address/)).toBeTruthy();
    expect(within(alert).getByText(/Give the attribution/)).toBeTruthy();
    expect(readTileSettings().customSources).toEqual([]);
  });

  it('adds a source shown as text, offers it, removes it; offline only is kept', () => {
    render(<TileSettingsPanel />);
    type('Name', '<img src=x onerror=alert(1)>');
    type('Tile address (URL template)', 'https://{s}.tiles.example.org/{z}/{x}/{y}.png');
    type(/^Subdomains/, 'a, b');
    type(/^Attribution/, '© HQ');
    type('Deepest zoom', '16');
    fireEvent.click(screen.getByRole('checkbox', { name: /allow saving areas/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add source' }));
    const [added] = readTileSettings().customSources;
    expect(added).toMatchObject({ name: '<img src=x onerror=alert(1)>', subdomains: ['a', 'b'], maxZoom: 16, allowsBulkDownload: true });
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('option', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'OpenStreetMap (viewing only)' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Tile source', { exact: true }), { target: { value: added?.id } });
    expect(readTileSettings().sourceId).toBe(added?.id);
    fireEvent.click(screen.getByRole('checkbox', { name: /^Offline only/ }));
    expect(readTileSettings().offlineOnly).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Remove <img src=x onerror=alert(1)>' }));
    expect(readTileSettings()).toEqual({ sourceId: null, offlineOnly: true, customSources: [], viewedLimitMb: 200 });
  });
});
