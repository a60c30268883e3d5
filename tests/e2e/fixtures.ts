import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startServer } from '../support/server-process';
import type { RunningServer } from '../support/server-process';

/**
 * Each test gets its own server (fresh database, free port) and fresh browser
 * profiles. `outsideRequests` collects every request that tried to leave the machine.
 */
export const test = base.extend<{ server: RunningServer; outsideRequests: string[] }>({
  // Every page the test is given passes the lock by itself, at first start and after a reload.
  page: async ({ page }, use) => {
    await guardLock(page);
    await use(page);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures.
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
  outsideRequests: async ({ context }, use) => {
    const outside: string[] = [];
    await context.route(
      (url) => url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:',
      async (route) => {
        outside.push(route.request().url());
        await route.abort('blockedbyclient');
      },
    );
    await use(outside);
  },
});

export { expect };

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

/** Open the app, pass the lock, and wait until it has rendered its shell. */
export async function openApp(page: Page, server: RunningServer, hash = '#/map'): Promise<void> {
  await guardLock(page);
  await page.goto(`${server.url}/${hash}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}
