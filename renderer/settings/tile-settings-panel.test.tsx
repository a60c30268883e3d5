// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { lonLatToTile } from '../../shared/tiles/tile-math';
import { planViewedTrim, viewedTilesUsage, type CachedTileEntry } from '../../shared/tiles/viewed-tiles';
import { createTileServices, provideTileServices } from '../map/tiles/tile-services';
import { DEFAULT_TILE_SETTINGS, readTileSettings, writeTileSettings } from '../map/tiles/tile-settings';
import type { TileCache } from '../platform/tile-cache';
import { openDatabase } from '../store/database';
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

  it('keeps a pasted name over its limit whole, says so, and adds nothing', () => {
    render(<TileSettingsPanel />);
    type('Name', 'M'.repeat(3000));
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toHaveLength(3000);
    expect(screen.getByText(/^Name is too long: 3,000 characters, at most \d+\. Nothing was cut/)).toBeTruthy();
    type('Tile address (URL template)', 'https://tiles.example.org/{z}/{x}/{y}.png');
    type(/^Attribution/, '© Example');
    type('Deepest zoom', '16');
    fireEvent.click(screen.getByRole('button', { name: 'Add source' }));
    expect(readTileSettings().customSources).toEqual([]);
  });

  it('adds nothing while a field is over its limit, even one the source rules would take (padded subdomains)', () => {
    render(<TileSettingsPanel />);
    type('Name', 'Office tiles');
    type('Tile address (URL template)', 'https://{s}.tiles.example.org/{z}/{x}/{y}.png');
    type(/^Subdomains/, `a,${' '.repeat(250)}b`);
    type(/^Attribution/, '© Example');
    type('Deepest zoom', '16');
    fireEvent.click(screen.getByRole('button', { name: 'Add source' }));
    expect(screen.getByText(/^Subdomains.* is too long: 253 characters, at most 200\./)).toBeTruthy();
    expect(readTileSettings().customSources).toEqual([]);
    type(/^Subdomains/, 'a, b');
    fireEvent.click(screen.getByRole('button', { name: 'Add source' }));
    expect(readTileSettings().customSources).toHaveLength(1);
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

describe('tile settings panel: tiles kept as seen', () => {
  const savedArea = { west: 21.6, south: 42.25, east: 21.75, north: 42.35 };

  /** The real services over a tile cache in memory (the shared plan) and a fresh database. */
  async function withServices(entries: CachedTileEntry[]) {
    const cache: TileCache = {
      load: () => Promise.resolve({ outcome: 'not-cached', image: null }),
      sizes: (sourceId, tiles) =>
        Promise.resolve(tiles.map((tl) => entries.find((e) => e.sourceId === sourceId && e.tile.z === tl.z && e.tile.x === tl.x && e.tile.y === tl.y)?.bytes ?? null)),
      remove: () => Promise.resolve(0),
      viewedUsage: (protect) => Promise.resolve(viewedTilesUsage(entries, protect)),
      trimViewed: (protect, maxBytes, targetBytes) => {
        const plan = planViewedTrim(entries, protect, maxBytes, targetBytes);
        const gone = new Set(plan.evict);
        entries.splice(0, entries.length, ...entries.filter((e) => !gone.has(e)));
        return Promise.resolve({ removed: plan.removed, left: plan.left });
      },
    };
    const services = createTileServices(cache, openDatabase(`tile-panel-${crypto.randomUUID()}`));
    await services.areas.put({
      id: 'area-1',
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      name: 'Preševo valley',
      sourceId: 'org',
      bounds: savedArea,
      minZoom: 10,
      maxZoom: 10,
      total: 1,
      nextIndex: 1,
      cached: 1,
      failed: 0,
      bytes: 400_000,
      state: 'complete',
      stopReason: null,
    });
    provideTileServices(services);
    return services;
  }

  const viewedTile = (x: number, bytes: number, storedAt: number): CachedTileEntry => ({ sourceId: 'org', tile: { z: 10, x, y: 1 }, bytes, storedAt });

  afterEach(() => provideTileServices(null));

  it('shows the size and count of the viewed tiles only, clears them after a confirmation, and keeps the saved area', async () => {
    const entries = [{ sourceId: 'org', tile: lonLatToTile(21.7, 42.3, 10), bytes: 400_000, storedAt: 1 }, viewedTile(1, 1_200_000, 2), viewedTile(2, 300_000, 3)];
    await withServices(entries);
    render(<TileSettingsPanel />);
    const usage = screen.getByTestId('viewed-tiles-usage');
    await waitFor(() => expect(usage.textContent).toBe('Viewed tiles on this device: 1.5 MB in 2 tiles.'));

    // Asked first; "Keep them" changes nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Clear viewed tiles' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Clear viewed tiles?' });
    expect(confirm.textContent).toContain('This removes 2 tiles (1.5 MB)');
    expect(confirm.textContent).toContain('Saved areas stay.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep them' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(entries).toHaveLength(3);

    fireEvent.click(screen.getByRole('button', { name: 'Clear viewed tiles' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, clear them' }));
    await waitFor(() => expect(usage.textContent).toBe('Viewed tiles on this device: 0 kB in 0 tiles.'));
    expect(screen.getByTestId('viewed-tiles-notice').textContent).toBe('Cleared 2 viewed tiles (1.5 MB).');
    expect(entries.map((e) => e.storedAt)).toEqual([1]);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Clear viewed tiles' }).disabled).toBe(true);
    expect(await screen.findByText('Preševo valley')).toBeTruthy();
  });

  it('offers a size limit of 200 MB by default; a lower one is stored and applied at once, oldest first', async () => {
    const entries = [viewedTile(1, 30_000_000, 1), viewedTile(2, 40_000_000, 2), viewedTile(3, 20_000_000, 3)];
    await withServices(entries);
    render(<TileSettingsPanel />);
    const limit = screen.getByLabelText<HTMLSelectElement>('Keep viewed tiles up to');
    expect(limit.value).toBe('200');
    expect(limit.selectedOptions[0]?.textContent).toBe('200 MB');
    await waitFor(() => expect(screen.getByTestId('viewed-tiles-usage').textContent).toBe('Viewed tiles on this device: 90 MB in 3 tiles.'));

    fireEvent.change(limit, { target: { value: '50' } });
    expect(readTileSettings().viewedLimitMb).toBe(50);
    // Over 50 MB: the oldest go until at most 45 MB (90% of the limit) are left.
    await waitFor(() => expect(screen.getByTestId('viewed-tiles-usage').textContent).toBe('Viewed tiles on this device: 20 MB in 1 tile.'));
    expect(screen.getByTestId('viewed-tiles-notice').textContent).toBe('Removed the 2 oldest viewed tiles (70 MB) to stay within the limit.');
    expect(entries.map((e) => e.storedAt)).toEqual([3]);
  });
});
