import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startServer } from '../support/server-process';
import type { RunningServer } from '../support/server-process';
import { guardLock } from '../support/lock-screen';

export { E2E_PASSPHRASE, guardLock, passLock } from '../support/lock-screen';

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

/** Open the app, pass the lock, and wait until it has rendered its shell. */
export async function openApp(page: Page, server: RunningServer, hash = '#/map'): Promise<void> {
  await guardLock(page);
  await page.goto(`${server.url}/${hash}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}
