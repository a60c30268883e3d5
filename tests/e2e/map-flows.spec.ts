/**
 * Flows on the Map screen over 10,000 training records, with the network cut: arrows
 * drawn and counted, hover totals, the threshold hiding small flows, the legend.
 * Screenshots go to test-results/screens/.
 */
import type { Locator, Page } from '@playwright/test';
import { offlineWithTrainingData } from './app-actions';
import { expect, test } from './fixtures';

async function flowCount(map: Locator): Promise<number> {
  return Number(await map.getAttribute('data-flow-count'));
}

/**
 * The screen position of the middle of an arrow that nothing covers there (cluster badges
 * lie above the flows), the smallest arrows first: they are drawn last, on top.
 */
async function uncoveredArrowMiddle(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const shafts = [...document.querySelectorAll<SVGPathElement>('.main-map path.rw-flow-shaft')].reverse();
    for (const shaft of shafts) {
      const middle = shaft.getPointAtLength(shaft.getTotalLength() / 2);
      const m = shaft.getScreenCTM();
      if (m === null) continue;
      const x = middle.x * m.a + middle.y * m.c + m.e;
      const y = middle.x * m.b + middle.y * m.d + m.f;
      if (document.elementFromPoint(x, y)?.closest('.leaflet-rw-flows-pane')) return { x, y };
    }
    return null;
  });
  if (point === null) throw new Error('every arrow is covered at its middle');
  return point;
}

test('flows over 10,000 training records with the network cut: arrows, hover totals, threshold, legend', async ({ page, context, server, outsideRequests }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await offlineWithTrainingData(page, context, server.url);

  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const map = page.locator('.main-map');
  await expect(map.locator('path.rw-country-RS').first()).toBeAttached();
  await page.getByRole('checkbox', { name: 'Flows' }).check();
  await expect(map.locator('path.rw-flow-shaft').first()).toBeAttached();
  const all = await flowCount(map);
  expect(all).toBeGreaterThan(5);
  await expect(map.locator('path.rw-flow-shaft')).toHaveCount(all);
  await expect(map.locator('path.rw-flow-head')).toHaveCount(all);
  const legend = map.locator('.rw-flow-legend');
  await expect(legend).toContainText('Flows (persons)');
  await expect(legend).toContainText(`${all} of`);
  await page.screenshot({ path: 'test-results/screens/30-map-flows.png' });

  // Hover an arrow: its totals as text.
  const at = await uncoveredArrowMiddle(page);
  await page.mouse.move(at.x, at.y);
  const tooltip = page.locator('.rw-flow-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('From');
  await expect(tooltip).toContainText('To');
  await expect(tooltip.locator('.rw-flow-persons')).toHaveText(/^[\d,]+$/);
  await expect(tooltip.locator('.rw-flow-records')).toHaveText(/^[\d,]+$/);
  await page.screenshot({ path: 'test-results/screens/31-map-flows-hover.png' });
  await page.mouse.move(5, 450);

  // The threshold: the legend's largest sample is the largest flow, so half of it hides some.
  const largest = Number((await legend.locator('.rw-flow-legend-persons').first().textContent())?.replaceAll(',', ''));
  const threshold = Math.max(2, Math.round(largest / 2));
  await page.getByRole('spinbutton', { name: /Hide flows under/ }).fill(String(threshold));
  await expect.poll(() => flowCount(map)).toBeLessThan(all);
  expect(await flowCount(map)).toBeGreaterThan(0);
  await expect(legend).toContainText(`Flows under ${new Intl.NumberFormat('en').format(threshold)} persons hidden`);
  await page.screenshot({ path: 'test-results/screens/32-map-flows-threshold.png' });

  // Over the density layer, zoomed in on the route through Serbia.
  await page.getByRole('spinbutton', { name: /Hide flows under/ }).fill('0');
  await expect.poll(() => flowCount(map)).toBe(all);
  await page.getByRole('radio', { name: 'Density' }).check();
  await map.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(() => flowCount(map)).toBe(all);
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/screens/33-map-flows-density.png' });

  await page.getByRole('checkbox', { name: 'Flows' }).uncheck();
  await expect(map.locator('path.rw-flow-shaft')).toHaveCount(0);
  await expect(legend).toHaveCount(0);
  expect(outsideRequests).toEqual([]);
});
