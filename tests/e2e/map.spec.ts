/**
 * The Map screen with the network cut right after the page has loaded: training data,
 * the basemap and places, the observations as clusters and as density, flows, the time
 * slider (step, play), the shared filter, and "Show on map" from the list. Screenshots
 * of each layer go to test-results/screens/.
 */
import type { Page } from '@playwright/test';
import { choiceButton, choose, offlineWithTrainingData } from './app-actions';
import { expect, test } from './fixtures';

const format = (n: number) => new Intl.NumberFormat('en').format(n);

/** "N observations · M persons seen moving[ · S at sites (latest count)]" of the map's toolbar, as numbers. */
async function mapCounts(page: Page): Promise<{ records: number; moving: number; atSites: number }> {
  const counts = page.getByTestId('map-counts');
  await expect(counts).toContainText('observations');
  const text = (await counts.textContent()) ?? '';
  const match = /^([\d,]+) observations · ([\d,]+) persons seen moving(?: · ([\d,]+) at sites \(latest count\))?/.exec(text);
  if (match === null) throw new Error(`unexpected counts: ${text}`);
  const n = (s: string | undefined) => Number((s ?? '0').replaceAll(',', ''));
  return { records: n(match[1]), moving: n(match[2]), atSites: n(match[3]) };
}

async function setPeriod(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To (inclusive)', { exact: true }).fill(to);
}

test('the map with the network cut: clusters, density, flows and the time slider over 10,000 training records', async ({
  page,
  context,
  server,
  outsideRequests,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await offlineWithTrainingData(page, context, server.url);

  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const map = page.locator('.main-map');
  await expect(map.locator('path.rw-country-RS').first()).toBeAttached();
  const whole = await mapCounts(page);
  expect(whole.records).toBeGreaterThan(0);
  // Every observation of the period is in the clusters, and the badges add up persons
  // seen moving and persons at sites apart, never one into the other.
  expect(whole.moving).toBeGreaterThan(0);
  expect(whole.atSites).toBeGreaterThan(0);
  await expect(map).toHaveAttribute('data-point-count', String(whole.records));
  await expect(map).not.toHaveAttribute('data-cluster-count', '0');
  const sumOf = (key: 'moving' | 'atSites') =>
    map.locator('[data-measure]').evaluateAll((els, k) => els.reduce((sum, el) => sum + Number((el as HTMLElement).dataset[k]), 0), key);
  const movingSum = await sumOf('moving');
  expect(movingSum).toBeGreaterThan(0);
  expect(movingSum).toBeLessThanOrEqual(whole.moving);
  expect(await sumOf('atSites')).toBeLessThanOrEqual(whole.atSites);
  await page.screenshot({ path: 'test-results/screens/20-map-clusters.png' });
  // A badge's tooltip says which measure each of its figures is.
  await map.locator('.rw-cluster[data-measure="moving"]').first().hover();
  await expect(page.locator('.leaflet-tooltip .rw-map-cluster-measure').first()).toHaveText(/^Persons seen moving: [\d,]+ \([\d,]+ records?\)$/);
  await page.screenshot({ path: 'test-results/screens/20b-map-cluster-tooltip.png' });

  // Day by day: the slider's window and the counts follow.
  await page.getByLabel('Step', { exact: true }).selectOption('day');
  await expect(page.getByTestId('time-window')).not.toBeEmpty();
  const firstDay = await page.getByTestId('time-window').textContent();
  const dayCounts = await mapCounts(page);
  expect(dayCounts.records).toBeLessThan(whole.records);
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByTestId('time-window')).not.toHaveText(firstDay ?? '');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  const playing = await page.getByTestId('time-window').textContent();
  // The next step comes on the play timer; waited for up to the usual ceiling, not a tighter one.
  await expect(page.getByTestId('time-window')).not.toHaveText(playing ?? '');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: 'test-results/screens/21-map-day-step.png' });

  await page.getByLabel('Step', { exact: true }).selectOption('period');
  await page.getByRole('radio', { name: 'Density' }).check();
  // The density layer weighs the head counts of the period; the clusters are gone.
  await expect(map).not.toHaveAttribute('data-heat-persons', /^(0)?$/);
  await expect(map.locator('[data-measure]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/22-map-density.png' });
  await page.getByRole('radio', { name: 'Clusters' }).check();
  await expect(map).toHaveAttribute('data-point-count', String(whole.records));

  await page.getByRole('checkbox', { name: 'Flows' }).check();
  await expect(map).not.toHaveAttribute('data-flow-count', /^(0)?$/);
  const allFlows = Number(await map.getAttribute('data-flow-count'));
  await page.screenshot({ path: 'test-results/screens/23-map-flows.png' });
  // A threshold hides the smaller flows; the legend says how many are shown.
  await page.getByLabel(/Hide flows under/).fill('50000');
  await expect.poll(async () => Number(await map.getAttribute('data-flow-count'))).toBeLessThan(allFlows);
  await page.getByRole('checkbox', { name: 'Flows' }).uncheck();
  await expect(map).toHaveAttribute('data-flow-count', '0');

  expect(outsideRequests).toEqual([]);
});

test('the filter is shared with the list, and "Show on map" centres a record from the list', async ({ page, context, server }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await offlineWithTrainingData(page, context, server.url);
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const all = await mapCounts(page);

  // A narrower period on the map is the list's period too (the training data lies in 2015-2020).
  await setPeriod(page, '2016-02-01', '2016-02-29');
  const week = await mapCounts(page);
  expect(week.records).toBeGreaterThan(0);
  expect(week.records).toBeLessThan(all.records);
  await page.getByRole('link', { name: 'Observations', exact: true }).click();
  await expect(page.getByTestId('observations-count')).toContainText(`${format(week.records)} observation`);
  // The list's totals are the map's, in the same words.
  await expect(page.getByTestId('observations-count')).toContainText(`${format(week.moving)} persons seen moving`);
  if (week.atSites > 0) await expect(page.getByTestId('observations-count')).toContainText(`${format(week.atSites)} at sites (latest count)`);
  await page.screenshot({ path: 'test-results/screens/24b-list-totals.png' });

  // A kind narrows the map (in memory, from the period's columns) to what the list shows.
  // The map keeps its place and size (no jump, no redraw of the land). The choices open
  // over the map, the last one clickable (the screenshot shows whether it is seen).
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const mapBox = await page.locator('.main-map').boundingBox();
  await choiceButton(page, 'Kinds').click();
  await page.getByRole('group', { name: 'Kinds', exact: true }).getByRole('checkbox', { name: 'Secondary source', exact: true }).click({ trial: true });
  await page.screenshot({ path: 'test-results/screens/25-map-kinds-open.png' });
  await page.keyboard.press('Escape');
  await choose(page, 'Kinds', 'Group sighting');
  await expect.poll(async () => (await mapCounts(page)).records).toBeLessThan(week.records);
  const sightings = await mapCounts(page);
  expect(sightings.records).toBeGreaterThan(0);
  await expect(page.locator('.main-map')).toHaveAttribute('data-point-count', String(sightings.records));
  expect(await page.locator('.main-map').boundingBox()).toEqual(mapBox);
  await page.getByRole('link', { name: 'Observations', exact: true }).click();
  await expect(page.getByTestId('observations-count')).toContainText(`${format(sightings.records)} observation`);
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await choose(page, 'Kinds', 'Group sighting', false);
  await expect.poll(async () => (await mapCounts(page)).records).toBe(week.records);
  await page.getByRole('link', { name: 'Observations', exact: true }).click();

  // Show on map from the list: the map opens on the record with its popup.
  const firstRow = page.getByTestId('observations-table').locator('[role=row][data-id]').first();
  const id = await firstRow.getAttribute('data-id');
  await firstRow.getByRole('link', { name: 'Show on map' }).click();
  await expect(page).toHaveURL(new RegExp(`#/map\\?focus=${id ?? ''}`));
  const popup = page.locator('.rw-map-popup');
  await expect(popup.getByRole('link', { name: 'Open record' })).toHaveAttribute('href', `#/observation?id=${id ?? ''}`);
  await page.screenshot({ path: 'test-results/screens/24-map-focus.png' });
  await popup.getByRole('link', { name: 'Open record' }).click();
  await expect(page).toHaveURL(new RegExp(`#/observation\\?id=${id ?? ''}`));
});
