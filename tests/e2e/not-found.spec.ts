/**
 * An address that names no screen shows "Page not found" with the ways back, never the
 * map (which would hide that the link was wrong): a mistyped hash, and a path the server
 * answers with the app's page.
 */
import { mkdirSync } from 'node:fs';
import { expect, openApp, test } from './fixtures';

test('a mistyped address says "Page not found" and leads back to the map and the list', async ({ page, server, outsideRequests }) => {
  await openApp(page, server, '#/nonsense');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByTestId('not-found-address')).toHaveText('#/nonsense');
  await expect(page.locator('.main-map')).toHaveCount(0);
  mkdirSync('test-results/screens', { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screens/not-found.png' });

  await page.getByRole('link', { name: 'Go to the observations' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Observations');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the map' }).click();
  await expect(page.locator('.main-map')).toBeVisible();

  // A path of its own is no address of the app either; the way back is to the app's page.
  await page.goto(`${server.url}/nonsense`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByTestId('not-found-address')).toHaveText('/nonsense');
  await page.getByRole('link', { name: 'Go to the map' }).click();
  await expect(page.locator('.main-map')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(outsideRequests).toEqual([]);
});
