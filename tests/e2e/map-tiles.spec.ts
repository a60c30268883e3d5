/**
 * Online tiles against a tile server of our own on loopback (tests/support/tile-server.ts):
 * tiles cached as seen and shown again with the network cut, "offline only" making no
 * request, "save this area for offline use" (count and estimate first, progress,
 * cancel, resume after a cut, size, delete), "Clear viewed tiles" leaving a saved area
 * whole, and OpenStreetMap viewed but never prefetched. Screenshots go to
 * test-results/screens/.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { startTileServer, tilePng, type TileServer } from '../support/tile-server';
import { DOWNLOAD_BATCH } from '../../renderer/map/tiles/area-downloads';
import { expect, openApp, test } from './fixtures';

let tiles: TileServer;

test.beforeEach(async () => {
  tiles = await startTileServer();
});
test.afterEach(async () => {
  await tiles.stop();
});

/** Collects Content-Security-Policy violations in the page. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** Every request that tries to leave the machine is refused and listed (except those a test routes itself). */
async function blockOutside(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:' && url.hostname !== 'tile.openstreetmap.org',
    async (route) => {
      outside.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return outside;
}

async function addOrgSource(page: Page): Promise<void> {
  const panel = page.getByTestId('tile-settings');
  // A bad address first: every problem is named, nothing is added.
  await panel.getByLabel('Name', { exact: true }).fill('<b>Org</b> tiles');
  await panel.getByLabel('Tile address (URL template)').fill('ftp://user:pw@tiles/{z}/{x}.png');
  await panel.getByLabel('Attribution (shown under the map)').fill('© Org <script>alert(1)</script>');
  await panel.getByRole('button', { name: 'Add source' }).click();
  const problems = panel.getByRole('alert');
  await expect(problems).toContainText('must start with https:// or http://');
  await expect(problems).toContainText('must not hold a user name or password');
  await expect(problems).toContainText('must hold {z}, {x} and {y}');
  await expect(panel.getByText('None added.')).toBeVisible();

  await panel.getByLabel('Tile address (URL template)').fill(`${tiles.origin}/org/{z}/{x}/{y}.png`);
  await panel.getByLabel('Deepest zoom').fill('14');
  await panel.getByLabel('Its terms allow saving areas').check();
  await panel.getByRole('button', { name: 'Add source' }).click();
  await expect(panel.getByRole('status')).toHaveText('Tile source "<b>Org</b> tiles" added.');
  await panel.getByLabel('Tile source', { exact: true }).selectOption({ label: '<b>Org</b> tiles' });
}

async function openMap(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await expect(page.locator('.main-map path.rw-country-RS').first()).toBeAttached();
}

/** Tiles on the map by how they were loaded. */
function tileImages(page: Page, outcome: string) {
  return page.locator(`.main-map img.rw-tile[data-tile-outcome="${outcome}"]`);
}

/** Waits until the tile layer has settled: every tile of the view loaded (the map no longer busy), each with its outcome. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('.main-map[aria-busy="false"]')).toHaveCount(1);
  await expect(page.locator('.main-map img.rw-tile:not([data-tile-outcome])')).toHaveCount(0);
}

async function cachedTileCount(page: Page): Promise<number> {
  return page.evaluate(async () => (await (await caches.open('routewatch-tiles-v1')).keys()).length);
}

test('tiles are cached as seen, shown again with the network cut, and "offline only" makes no request', async ({ page, context, server }) => {
  const violations = await watchCsp(page);
  const outside = await blockOutside(context);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page, server, '#/settings');
  await addOrgSource(page);
  await openMap(page);

  await expect(tileImages(page, 'fetched').first()).toBeVisible();
  await settle(page);
  const seen = await tileImages(page, 'fetched').count();
  expect(seen).toBeGreaterThan(4);
  expect(tiles.requests).toHaveLength(seen);
  await expect(page.locator('.rw-tile-attribution')).toHaveText('Map tiles: © Org <script>alert(1)</script>');
  await page.screenshot({ path: 'test-results/screens/tiles-01-map-online.png' });

  // The network cut (the browser offline, the tile server gone): the same view from the cache.
  await context.setOffline(true);
  await tiles.stop();
  await page.getByRole('link', { name: 'Device & sync' }).click();
  await openMap(page);
  await expect(tileImages(page, 'cached').first()).toBeVisible();
  await settle(page);
  expect(await tileImages(page, 'cached').count()).toBe(seen);
  await expect(page.locator('.main-map path.rw-country-RS').first()).toBeAttached();
  await page.screenshot({ path: 'test-results/screens/tiles-02-map-offline-cached.png' });

  // Panned to where no tile was seen: the offline basemap shows, nothing is asked for.
  const box = await page.locator('.main-map').boundingBox();
  if (box === null) throw new Error('no map');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 500, box.y + box.height / 2 - 300, { steps: 8 });
  await page.mouse.up();
  await expect(tileImages(page, 'not-cached').first()).toBeAttached();

  // "Offline only", then back online: still no request.
  await page.getByRole('link', { name: 'Device & sync' }).click();
  await page.getByRole('checkbox', { name: /^Offline only/ }).check();
  await tiles.start();
  await context.setOffline(false);
  const before = tiles.requests.length;
  await openMap(page);
  await settle(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 400, box.y + box.height / 2 + 300, { steps: 8 });
  await page.mouse.up();
  await settle(page);
  expect(tiles.requests.length).toBe(before);
  expect(await tileImages(page, 'fetched').count()).toBe(0);

  // Offline only off: tiles come again.
  await page.getByRole('link', { name: 'Device & sync' }).click();
  await page.getByRole('checkbox', { name: /^Offline only/ }).uncheck();
  await openMap(page);
  await settle(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 500, box.y + box.height / 2 - 300, { steps: 8 });
  await page.mouse.up();
  await expect(tileImages(page, 'fetched').first()).toBeVisible();
  expect(tiles.requests.length).toBeGreaterThan(before);

  expect(await violations()).toEqual([]);
  expect(outside).toEqual([]);
});

test('save this area: count and estimate first, progress, cancel, resume after a cut, size, delete', async ({ page, context, server }) => {
  test.setTimeout(150_000);
  const violations = await watchCsp(page);
  const outside = await blockOutside(context);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page, server, '#/settings');
  await addOrgSource(page);
  await openMap(page);
  await settle(page);
  const seenByViewing = tiles.requests.length;

  await page.getByRole('button', { name: 'Save area offline' }).click();
  const panel = page.getByRole('region', { name: 'Save this area for offline use' });
  await panel.getByLabel('Name', { exact: true }).fill('Preševo valley <i>test</i>');
  const zoom = Number(await panel.getByLabel('From zoom').inputValue());
  await panel.getByLabel('To zoom').selectOption(String(zoom + 2));
  const estimate = panel.getByTestId('save-area-estimate');
  await expect(estimate).toContainText(/[\d,]+ tiles, about [\d.,]+ (MB|kB)\./);
  const total = Number(/([\d,]+) tiles/.exec((await estimate.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
  expect(total).toBeGreaterThan(seenByViewing);
  await expect(estimate).toContainText('already on this device');

  // A drawn rectangle inside the view holds fewer tiles; then back to the whole view.
  await panel.getByRole('button', { name: 'Draw a rectangle' }).click();
  const mapBox = await page.locator('.main-map').boundingBox();
  if (mapBox === null) throw new Error('no map');
  await page.mouse.move(mapBox.x + mapBox.width * 0.55, mapBox.y + mapBox.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(mapBox.x + mapBox.width * 0.7, mapBox.y + mapBox.height * 0.6, { steps: 6 });
  await page.mouse.up();
  await expect(panel).toContainText('Area: The rectangle you drew');
  await expect(page.locator('.main-map path.rw-draw-rectangle')).toHaveCount(1);
  const drawn = Number(/([\d,]+) tiles?,/.exec((await estimate.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(total);
  await page.screenshot({ path: 'test-results/screens/tiles-03a-save-area-drawn.png' });
  await panel.getByRole('button', { name: 'Use the current view' }).click();
  await expect(page.locator('.main-map path.rw-draw-rectangle')).toHaveCount(0);
  await expect(estimate).toContainText(`${new Intl.NumberFormat('en').format(total)} tiles`);

  // Too many: the cap is explained and the button disabled.
  await panel.getByLabel('To zoom').selectOption('14');
  await expect(panel.getByRole('alert')).toContainText('one area can hold at most 20,000');
  await expect(panel.getByRole('button', { name: 'Save area' })).toBeDisabled();
  await panel.getByLabel('To zoom').selectOption(String(zoom + 2));

  // The server answers one batch and a little more, then holds the rest: the download
  // is caught part-way however fast the machine, and cancelled there.
  tiles.holdAfter(DOWNLOAD_BATCH + 12);
  await panel.getByRole('button', { name: 'Save area' }).click();
  const area = panel.locator('.rw-saved-area').first();
  const progress = area.getByRole('progressbar');
  await expect(area).toHaveAttribute('data-area-state', 'running');
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
  await expect.poll(() => tiles.held).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/tiles-03-save-area-progress.png' });
  await area.getByRole('button', { name: 'Cancel' }).click();
  // A cancel lets the loads in flight finish (their tiles are kept): answer them.
  tiles.release();
  await expect(area).toHaveAttribute('data-area-state', 'stopped');
  await expect(area.getByRole('status')).toHaveText('Stopped. Resume to finish.');

  // Resume, then cut the tile server mid-way: the download pauses and says why.
  tiles.holdAfter(DOWNLOAD_BATCH);
  await area.getByRole('button', { name: 'Resume' }).click();
  await expect(area).toHaveAttribute('data-area-state', 'running');
  await expect.poll(() => tiles.requests.length).toBeGreaterThan(seenByViewing + DOWNLOAD_BATCH);
  await expect.poll(() => tiles.held).toBeGreaterThan(0);
  await tiles.stop();
  await expect(area.getByRole('status')).toHaveText('Paused: the tile server could not be reached. Resume when connected.');
  const cutAt = Number(await progress.getAttribute('value'));
  expect(cutAt).toBeLessThan(total);

  // The app closed during the download: the record keeps its state.
  await tiles.start();
  tiles.release();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('button', { name: 'Save area offline' }).click();
  await expect(area.getByRole('status')).toContainText(/Paused|Interrupted/);
  await area.getByRole('button', { name: 'Resume' }).click();
  await expect(area).toHaveAttribute('data-area-state', 'complete', { timeout: 60_000 });
  await expect(area.getByRole('status')).toHaveText('Saved');
  await expect(area).toContainText(`${new Intl.NumberFormat('en').format(total)} of ${new Intl.NumberFormat('en').format(total)} tiles`);
  await expect(area.getByTestId('area-size')).toHaveText(/[\d.,]+ (MB|kB) on disk/);
  await expect(area.locator('.rw-saved-area-name')).toHaveText('Preševo valley <i>test</i>');
  // No tile was downloaded twice: cached tiles are skipped on resume. Only the few
  // requests in flight when the server was cut were asked again.
  expect(new Set(tiles.served).size).toBe(tiles.served.length);
  expect(tiles.served.length).toBe(total);
  expect(tiles.requests.length - tiles.served.length).toBeLessThanOrEqual(4);
  await page.screenshot({ path: 'test-results/screens/tiles-04-saved-area.png' });

  // Listed in Settings too, with its size; Delete removes it and its tiles.
  await page.getByRole('link', { name: 'Device & sync' }).click();
  const settingsList = page.getByTestId('tile-settings').getByRole('list', { name: 'Saved areas' });
  await expect(settingsList).toContainText('Preševo valley <i>test</i>');
  await settingsList.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/tiles-05-settings-saved-areas.png', fullPage: true });
  const cachedBefore = await cachedTileCount(page);
  expect(cachedBefore).toBeGreaterThanOrEqual(total);
  await settingsList.getByRole('button', { name: 'Delete Preševo valley <i>test</i>' }).click();
  await expect(page.getByTestId('tile-settings').getByText('No areas saved yet.')).toBeVisible();
  expect(await cachedTileCount(page)).toBeLessThanOrEqual(cachedBefore - total);

  expect(await violations()).toEqual([]);
  expect(outside).toEqual([]);
});

test('Clear viewed tiles: the size of the tiles kept as seen, cleared after a confirmation, a saved area kept and shown offline', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(120_000);
  const violations = await watchCsp(page);
  const outside = await blockOutside(context);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page, server, '#/settings');
  await addOrgSource(page);
  const viewedSize = page.getByTestId('viewed-tiles-usage');
  await expect(viewedSize).toHaveText('Viewed tiles on this device: 0 kB in 0 tiles.');
  await expect(page.getByLabel('Keep viewed tiles up to')).toHaveValue('200');
  await openMap(page);
  await expect(tileImages(page, 'fetched').first()).toBeVisible();
  await settle(page);
  const seen = await tileImages(page, 'fetched').count();

  // A small saved area inside the view (a drawn rectangle), two zoom levels.
  await page.getByRole('button', { name: 'Save area offline' }).click();
  const savePanel = page.getByRole('region', { name: 'Save this area for offline use' });
  await savePanel.getByLabel('Name', { exact: true }).fill('Border crossing');
  const zoom = Number(await savePanel.getByLabel('From zoom').inputValue());
  await savePanel.getByLabel('To zoom').selectOption(String(zoom + 1));
  await savePanel.getByRole('button', { name: 'Draw a rectangle' }).click();
  const mapBox = await page.locator('.main-map').boundingBox();
  if (mapBox === null) throw new Error('no map');
  await page.mouse.move(mapBox.x + mapBox.width * 0.45, mapBox.y + mapBox.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(mapBox.x + mapBox.width * 0.6, mapBox.y + mapBox.height * 0.6, { steps: 6 });
  await page.mouse.up();
  await expect(savePanel).toContainText('Area: The rectangle you drew');
  const estimate = savePanel.getByTestId('save-area-estimate');
  const areaTiles = Number(/([\d,]+) tiles?,/.exec((await estimate.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
  expect(areaTiles).toBeGreaterThan(0);
  await savePanel.getByRole('button', { name: 'Save area' }).click();
  const area = savePanel.locator('.rw-saved-area').first();
  await expect(area).toHaveAttribute('data-area-state', 'complete', { timeout: 60_000 });
  const areaSize = (await area.getByTestId('area-size').textContent()) ?? '';
  expect(areaSize).toMatch(/[\d.,]+ (MB|kB) on disk/);

  // Settings: the tiles seen outside the area are counted, the area's are not.
  await page.getByRole('link', { name: 'Device & sync' }).click();
  const panel = page.getByTestId('tile-settings');
  await expect(viewedSize).toHaveText(/^Viewed tiles on this device: [\d.,]+ (kB|MB) in [\d,]+ tiles?\.$/);
  const viewedCount = Number(await viewedSize.getAttribute('data-viewed-count'));
  expect(Number(await viewedSize.getAttribute('data-viewed-bytes'))).toBeGreaterThan(0);
  expect(viewedCount).toBeGreaterThan(0);
  expect(viewedCount).toBeLessThan(seen);
  expect(await cachedTileCount(page)).toBe(viewedCount + areaTiles);
  const settingsArea = panel.getByRole('list', { name: 'Saved areas' }).locator('.rw-saved-area');
  await expect(settingsArea.getByTestId('area-size')).toHaveText(areaSize);
  await panel.getByRole('button', { name: 'Clear viewed tiles' }).click();
  const confirm = panel.getByRole('alertdialog', { name: 'Clear viewed tiles?' });
  await expect(confirm).toContainText(`This removes ${viewedCount} tiles`);
  await expect(confirm).toContainText('Saved areas stay.');
  await panel.getByRole('group', { name: 'Tiles kept as seen' }).screenshot({ path: 'test-results/screens/tiles-07-settings-clear-viewed-confirm.png' });
  await confirm.getByRole('button', { name: 'Yes, clear them' }).click();
  await expect(viewedSize).toHaveText('Viewed tiles on this device: 0 kB in 0 tiles.');
  await expect(panel.getByTestId('viewed-tiles-notice')).toHaveText(new RegExp(`^Cleared ${viewedCount} viewed tiles \\([\\d.,]+ (kB|MB)\\)\\.$`));
  await expect(panel.getByRole('button', { name: 'Clear viewed tiles' })).toBeDisabled();
  await expect(settingsArea.locator('.rw-saved-area-name')).toHaveText('Border crossing');
  await expect(settingsArea.getByTestId('area-size')).toHaveText(areaSize);
  expect(await cachedTileCount(page)).toBe(areaTiles);
  await panel.getByRole('group', { name: 'Tiles kept as seen' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/tiles-08-settings-viewed-cleared.png' });

  // Offline: the saved area's tiles still show; the tiles seen only in passing are gone.
  await context.setOffline(true);
  await tiles.stop();
  await openMap(page);
  await expect(tileImages(page, 'cached').first()).toBeVisible();
  await settle(page);
  const cachedShown = await tileImages(page, 'cached').count();
  expect(cachedShown).toBeGreaterThan(0);
  expect(cachedShown).toBeLessThanOrEqual(areaTiles);
  expect(await tileImages(page, 'not-cached').count()).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/tiles-09-map-offline-saved-area-only.png' });

  expect(await violations()).toEqual([]);
  expect(outside).toEqual([]);
});

test('OpenStreetMap is shown with its attribution, cannot be bulk-saved, and is never prefetched', async ({ page, context, server }) => {
  const violations = await watchCsp(page);
  const outside = await blockOutside(context);
  const osmRequests: string[] = [];
  await context.route('https://tile.openstreetmap.org/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    osmRequests.push(path);
    const match = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(path);
    if (match === null) return route.fulfill({ status: 404 });
    return route.fulfill({
      status: 200,
      contentType: 'image/png',
      headers: { 'access-control-allow-origin': '*' },
      body: tilePng(Number(match[1]), Number(match[2]), Number(match[3])),
    });
  });
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page, server, '#/settings');
  await page.getByTestId('tile-settings').getByLabel('Tile source', { exact: true }).selectOption({ label: 'OpenStreetMap (viewing only)' });
  await openMap(page);
  await expect(tileImages(page, 'fetched').first()).toBeVisible();
  await settle(page);
  await expect(page.locator('.rw-tile-attribution')).toHaveText('Map tiles: © OpenStreetMap contributors');

  await page.getByRole('button', { name: 'Save area offline' }).click();
  const panel = page.getByRole('region', { name: 'Save this area for offline use' });
  await expect(panel.getByTestId('save-area-refused')).toContainText('its tile usage policy forbids bulk downloading');
  await expect(panel.getByRole('button', { name: 'Save area' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/tiles-06-osm-view-only.png' });

  // Only the tiles on screen were asked for, each once: opening the save panel (where a
  // bulk download would begin) fetched nothing more once the map settled again.
  await settle(page);
  const shown = await page.locator('.main-map img.rw-tile[data-tile-outcome="fetched"]').evaluateAll((imgs) => imgs.map((img) => `/${(img as HTMLElement).dataset.tile}.png`));
  expect([...osmRequests].sort()).toEqual([...shown].sort());
  expect(await violations()).toEqual([]);
  expect(outside).toEqual([]);
});
