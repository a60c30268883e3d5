import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/**
 * The lock's screens as the end-to-end tests pass them (web mode and Electron alike):
 * every test's app starts behind "Set a passphrase" or "Unlock" (renderer/lock/).
 */

/** The passphrase every end-to-end test sets up its device with (and unlocks with). */
export const E2E_PASSPHRASE = 'e2e passphrase: lantern river copper';

/**
 * Passes the lock through its real screens: "Set a passphrase", the recovery key
 * ("I have written down the recovery key", Continue) on a first start, or "Unlock"
 * after it. Ends when the app's navigation is shown.
 */
export async function passLock(page: Page, passphrase = E2E_PASSPHRASE): Promise<void> {
  const setup = page.getByRole('heading', { name: 'Set a passphrase' });
  const locked = page.getByRole('heading', { name: 'Routewatch is locked' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(setup.or(locked).or(nav)).toBeVisible();
  if (await setup.isVisible()) {
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Passphrase again').fill(passphrase);
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await page.getByRole('checkbox', { name: 'I have written down the recovery key' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
  } else if (await locked.isVisible()) {
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
  }
  await expect(nav).toBeVisible();
}

const guarded = new WeakSet<Page>();

/**
 * From now on, whenever the lock screen stands in front of the app when the test acts
 * or asserts (a first start, a reload, a new tab), Playwright passes it first
 * (`addLocatorHandler`), so tests written before the lock keep their steps.
 */
export async function guardLock(page: Page): Promise<void> {
  if (guarded.has(page)) return;
  guarded.add(page);
  await page.addLocatorHandler(page.getByTestId('lock-screen'), () => passLock(page));
}

