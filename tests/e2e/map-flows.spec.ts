/**
 * Flows on the Map screen over 10,000 training records, with the network cut: arrows
 * drawn and counted, short flows left out beside the cluster badges, hover totals, the
 * keyboard's way to the flows, the threshold hiding small flows, the legend.
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

/**
 * The names of the flows in view whose arrowhead has something other than the flows over
 * its centre (a cluster badge, a place). A flow's keyboard stop sits on its head's centre
 * and lets the pointer through, so what is found there is what covers the head.
 */
async function coveredFlows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    const view = document.querySelector('.main-map')?.getBoundingClientRect();
    for (const stop of document.querySelectorAll<HTMLElement>('.main-map .rw-flow-focus')) {
      const box = stop.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (view === undefined || x < view.left || y < view.top || x > view.right || y > view.bottom) continue;
      if (!document.elementFromPoint(x, y)?.closest('.leaflet-rw-flows-pane')) covered.push(stop.getAttribute('aria-label') ?? '');
    }
    return covered;
  });
}

/** The persons of an accessible name "From → To: 1,234 persons in 56 records". */
function personsOf(label: string | null): number {
  const match = /^.+ → .+: ([\d,]+) persons? in ([\d,]+) records?$/.exec(label ?? '');
  if (match === null) throw new Error(`not a flow's name: ${label ?? 'none'}`);
  return Number(match[1]?.replaceAll(',', ''));
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
  const total = Number(/of ([\d,]+) flows shown/.exec((await legend.textContent()) ?? '')?.[1]?.replaceAll(',', ''));
  // At the overview the flows between neighbouring places lie under the badges: left out, and said so.
  expect(total).toBeGreaterThan(all);
  await expect(legend).toContainText(`${total - all} short flows hidden: zoom in`);
  await page.screenshot({ path: 'test-results/screens/30-map-flows.png' });
  // Most heads lie clear of the badges; one that a wide or off-centre badge covers comes
  // over the badges while its flow has focus.
  const covered = await coveredFlows(page);
  expect(covered.length).toBeLessThanOrEqual(all / 4);
  for (const [i, name] of covered.entries()) {
    await map.getByRole('img', { name, exact: true }).focus();
    expect(await coveredFlows(page)).not.toContain(name);
    if (i === 0) await page.screenshot({ path: 'test-results/screens/35-map-flows-focus-over-badge.png' });
  }

  await page.locator('.rw-flow-focus:focus').blur();
  // A closed tooltip fades out before it leaves the page.
  const tooltip = page.locator('.rw-flow-tooltip');
  await expect(tooltip).toHaveCount(0);

  // Hover an arrow: its totals as text.
  const at = await uncoveredArrowMiddle(page);
  await page.mouse.move(at.x, at.y);
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('From');
  await expect(tooltip).toContainText('To');
  await expect(tooltip.locator('.rw-flow-persons')).toHaveText(/^[\d,]+$/);
  await expect(tooltip.locator('.rw-flow-records')).toHaveText(/^[\d,]+$/);
  await page.screenshot({ path: 'test-results/screens/31-map-flows-hover.png' });
  await page.mouse.move(5, 450);
  await expect(tooltip).toHaveCount(0);

  // Without a mouse: Tab from the toolbar reaches the largest flow first, then the next.
  await page.getByRole('spinbutton', { name: /Hide flows under/ }).focus();
  const focusedFlow = page.locator('.rw-flow-focus:focus');
  // The toolbar's last control, the map itself, then the flows (no path of an arrow on the way).
  for (let i = 0; i < 5 && (await focusedFlow.count()) === 0; i++) {
    await expect(page.locator(':focus')).not.toHaveClass(/rw-flow/);
    await page.keyboard.press('Tab');
  }
  await expect(focusedFlow).toHaveCount(1);
  const firstName = await focusedFlow.getAttribute('aria-label');
  const largestShown = Number((await legend.locator('.rw-flow-legend-persons').first().textContent())?.replaceAll(',', ''));
  const first = personsOf(firstName);
  await expect(map.getByRole('img', { name: firstName ?? '' })).toBeFocused();
  await expect(tooltip).toBeVisible();
  await expect(tooltip.locator('.rw-flow-persons')).toHaveText(new Intl.NumberFormat('en').format(first));
  await page.screenshot({ path: 'test-results/screens/34-map-flows-keyboard.png' });
  const ring = await focusedFlow.boundingBox();
  if (ring !== null) {
    const clip = { x: Math.max(0, ring.x + ring.width / 2 - 160), y: Math.max(0, ring.y + ring.height / 2 - 100), width: 320, height: 200 };
    await page.screenshot({ path: 'test-results/screens/34-map-flows-keyboard-close.png', clip });
  }
  await page.keyboard.press('Tab');
  await expect(tooltip).toHaveCount(1);
  const second = personsOf(await focusedFlow.getAttribute('aria-label'));
  expect(second).toBeLessThanOrEqual(first);
  expect(first).toBeLessThanOrEqual(largestShown);
  await expect(tooltip.locator('.rw-flow-persons')).toHaveText(new Intl.NumberFormat('en').format(second));
  await page.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);
  await expect(focusedFlow).toHaveCount(1);
  await page.keyboard.press('Shift+Tab');
  await expect(focusedFlow).toHaveAttribute('aria-label', firstName ?? '');
  await expect(tooltip).toHaveCount(1);
  await expect(tooltip).toBeVisible();
  await focusedFlow.blur();
  await expect(tooltip).toHaveCount(0);

  // The threshold: half the largest flow drawn (the first in tab order) hides some, not all.
  const threshold = Math.max(2, Math.round(first / 2));
  await page.getByRole('spinbutton', { name: /Hide flows under/ }).fill(String(threshold));
  await expect.poll(() => flowCount(map)).toBeLessThan(all);
  expect(await flowCount(map)).toBeGreaterThan(0);
  await expect(legend).toContainText(`Flows under ${new Intl.NumberFormat('en').format(threshold)} persons hidden`);
  await page.screenshot({ path: 'test-results/screens/32-map-flows-threshold.png' });

  // Over the density layer (no badges: the short flows too), zoomed in on the route through Serbia.
  await page.getByRole('spinbutton', { name: /Hide flows under/ }).fill('0');
  await expect.poll(() => flowCount(map)).toBe(all);
  await page.getByRole('radio', { name: 'Density' }).check();
  // Only flows whose ends fall on one pixel stay out.
  await expect.poll(() => flowCount(map)).toBeGreaterThan(all);
  const overDensity = await flowCount(map);
  await expect(legend).toContainText(`${overDensity} of ${total} flows shown`);
  await map.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(() => flowCount(map)).toBeGreaterThanOrEqual(overDensity);
  // The zoom's animation over (Leaflet marks the map pane while it runs) before the picture.
  await expect(map.locator('.leaflet-map-pane.leaflet-zoom-anim')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/33-map-flows-density.png' });

  await page.getByRole('checkbox', { name: 'Flows' }).uncheck();
  await expect(map.locator('path.rw-flow-shaft')).toHaveCount(0);
  await expect(legend).toHaveCount(0);
  expect(outsideRequests).toEqual([]);
});
