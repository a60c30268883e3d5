/**
 * Map tiles in the desktop app: fetched by main into files under the profile's data
 * folder (`<userData>/tiles`), and shown again from there with the tile server gone.
 * Like app.electron.spec.ts, it runs only where an Electron binary exists and is
 * skipped, with the reason, elsewhere. Build first (`npm run build`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { guardLock } from '../support/lock-screen';
import { startTileServer } from '../support/tile-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lookup = findElectronBinary({
  env: process.env,
  electronPackageDir: path.join(root, 'node_modules', 'electron'),
  platform: process.platform,
  exists: existsSync,
  readText: (filePath: string) => {
    try {
      return readFileSync(filePath, 'utf8');
    } catch {
      return null;
    }
  },
});
test.skip(!lookup.found, 'No Electron binary here (see app.electron.spec.ts for how to point at one).');

/** Every cached tile file under a folder, as `z/x/y.tile` paths. */
function tileFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tile'));
}

test('tiles are fetched by main into the data folder and shown from there offline', async () => {
  if (!lookup.found) return;
  const tiles = await startTileServer();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'routewatch-electron-tiles-'));
  const app = await electron.launch({
    executablePath: lookup.path,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
    cwd: root,
    env: { ...process.env, ROUTEWATCH_USER_DATA_DIR: userDataDir },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    // The app starts behind its lock: pass it whenever it stands in front (tests/support/lock-screen.ts).
    await guardLock(page);
    const source = {
      id: 'org-tiles',
      name: 'Org tiles',
      urlTemplate: `${tiles.origin}/org/{z}/{x}/{y}.png`,
      subdomains: [],
      attribution: '© Org',
      maxZoom: 14,
      allowsBulkDownload: true,
    };
    await page.evaluate((s) => {
      localStorage.setItem('routewatch.tiles.settings', JSON.stringify({ sourceId: s.id, offlineOnly: false, customSources: [s] }));
      window.location.hash = '#/map';
      window.location.reload();
    }, source);
    await page.waitForLoadState('domcontentloaded');
    const fetched = page.locator('.main-map img.rw-tile[data-tile-outcome="fetched"]');
    await expect(fetched.first()).toBeVisible();
    await expect(page.locator('.main-map img.rw-tile:not([data-tile-outcome])')).toHaveCount(0);
    const seen = await fetched.count();
    expect(tileFiles(path.join(userDataDir, 'tiles', 'org-tiles'))).toHaveLength(seen);
    expect(tiles.requests).toHaveLength(seen);

    await tiles.stop();
    await page.getByRole('link', { name: 'Device & sync' }).click();
    await page.getByRole('link', { name: 'Map', exact: true }).click();
    const cached = page.locator('.main-map img.rw-tile[data-tile-outcome="cached"]');
    await expect(cached.first()).toBeVisible();
    await expect(page.locator('.main-map img.rw-tile:not([data-tile-outcome])')).toHaveCount(0);
    expect(await cached.count()).toBe(seen);
  } finally {
    await app.close();
    await tiles.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
