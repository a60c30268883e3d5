/**
 * Badges and names on the map as an analyst reads it, in Chromium with real text sizes:
 * over 10,000 training records at the overview zoom and one zoom closer, no badge (or
 * dot) covers another, no badge covers a country or place name shown, no two names
 * overlap; on the report's own map no country name is cropped. Screenshots go to
 * test-results/screens/.
 */
import type { Locator } from '@playwright/test';
import { offlineWithTrainingData } from './app-actions';
import { expect, test } from './fixtures';

interface Rect {
  what: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** On-screen boxes of the badges and dots, and of the names shown, inside `map`. */
async function boxes(map: Locator): Promise<{ badges: Rect[]; names: Rect[]; map: Rect }> {
  return map.evaluate((root) => {
    const rect = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { what, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const badges = [...root.querySelectorAll('.rw-cluster-badge:not(.rw-cluster-probe), .rw-point-dot')].map((el) => rect(el, el.textContent || 'dot'));
    const names = [...root.querySelectorAll('.rw-map-country-label span, .rw-map-place-name-label span')]
      .filter((el) => !el.classList.contains('rw-map-label-hidden') && getComputedStyle(el).display !== 'none' && getComputedStyle(el.parentElement as Element).display !== 'none')
      .map((el) => rect(el, el.textContent));
    return { badges, names, map: rect(root, 'map') };
  });
}

/** Pairs of boxes that overlap by more than half a pixel (sub-pixel rounding). */
function overlaps(a: readonly Rect[], b: readonly Rect[], same: boolean): string[] {
  const found: string[] = [];
  a.forEach((x, i) => {
    for (const y of same ? a.slice(i + 1) : b) {
      if (x.left < y.right - 0.5 && y.left < x.right - 0.5 && x.top < y.bottom - 0.5 && y.top < x.bottom - 0.5) found.push(`${x.what} × ${y.what}`);
    }
  });
  return found;
}

async function expectNothingCovered(map: Locator): Promise<{ badges: number; names: string[] }> {
  const { badges, names } = await boxes(map);
  expect(badges.length).toBeGreaterThan(0);
  expect(overlaps(badges, badges, true)).toEqual([]);
  expect(overlaps(badges, names, false)).toEqual([]);
  expect(overlaps(names, names, true)).toEqual([]);
  return { badges: badges.length, names: names.map((n) => n.what) };
}

test('badges cover no badge and no name, at the overview and one zoom closer; the report map crops no name', async ({ page, context, server }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await offlineWithTrainingData(page, context, server.url);

  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const map = page.locator('.main-map');
  await expect(map.locator('path.rw-country-RS').first()).toBeAttached();
  await expect(map).not.toHaveAttribute('data-cluster-count', '0');
  const overview = await expectNothingCovered(map);
  test.info().annotations.push({ type: 'overview', description: `${overview.badges} badges; names: ${overview.names.join(', ')}` });
  await page.screenshot({ path: 'test-results/screens/30-map-labels-overview.png' });

  await map.getByRole('button', { name: 'Zoom in', exact: true }).click();
  // The badges are drawn again after the zoom: wait for the labels to follow.
  await expect.poll(async () => (await boxes(map)).badges.length).toBeGreaterThan(0);
  await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
  const closer = await expectNothingCovered(map);
  test.info().annotations.push({ type: 'closer', description: `${closer.badges} badges; names: ${closer.names.join(', ')}` });
  await page.screenshot({ path: 'test-results/screens/31-map-labels-closer.png' });

  // Density draws no badges: more place names fit, none over another.
  await page.getByRole('radio', { name: 'Density' }).check();
  await expect(map).toHaveAttribute('data-observation-display', 'heat');
  await expect.poll(async () => (await boxes(map)).names.length).toBeGreaterThan(closer.names.length);
  const density = await boxes(map);
  expect(overlaps(density.names, density.names, true)).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/33-map-labels-density.png' });

  await page.getByRole('link', { name: 'Situation report', exact: true }).click();
  const own = page.getByTestId('report-map-own');
  const reportMap = own.getByRole('region', { name: 'Map of the observations in the report period' });
  await expect.poll(() => reportMap.locator('path.rw-country').count()).toBeGreaterThan(10);
  const report = await boxes(reportMap);
  expect(report.names.length).toBeGreaterThan(3);
  for (const name of report.names) {
    expect(name.left, name.what).toBeGreaterThanOrEqual(report.map.left);
    expect(name.right, name.what).toBeLessThanOrEqual(report.map.right);
    expect(name.top, name.what).toBeGreaterThanOrEqual(report.map.top);
    expect(name.bottom, name.what).toBeLessThanOrEqual(report.map.bottom);
  }
  expect(overlaps(report.names, report.names, true)).toEqual([]);
  test.info().annotations.push({ type: 'report', description: report.names.map((n) => n.what).join(', ') });
  await reportMap.screenshot({ path: 'test-results/screens/32-report-map-labels.png' });
});
