/**
 * The lock, walked by its labels as a first-time user meets it in web mode: set a
 * passphrase, see the recovery key once, lock, a wrong then the right passphrase,
 * change the passphrase, the recovery key, and the idle lock. Screenshots of each
 * screen go to test-results/screens/lock-*.png.
 *
 * These tests open their own browser contexts: the `page` fixture passes the lock by
 * itself (fixtures.ts), and here the lock screen is what is under test.
 */
import type { Browser, Page } from '@playwright/test';
import { recordObservation } from './app-actions';
import { expect, test } from './fixtures';

const FIRST = 'first passphrase: amber kettle north';
const SECOND = 'second passphrase: quiet harbour lamp';
const THIRD = 'third passphrase: after the recovery';
const CANARY = 'LOCK-CANARY seen near the station';

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/lock-${name}.png` });

/** Set the first passphrase on the setup screen, confirm the recovery key is written down; returns the main navigation, visible. */
async function setUpWith(page: Page, passphrase: string) {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await page.getByRole('checkbox', { name: 'I have written down the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  return nav;
}

async function unlockWith(page: Page, passphrase: string) {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test('set up, recovery key once, lock, wrong then right passphrase, change it, recover with the key', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const page = await freshPage(browser);
  await page.goto(`${server.url}/#/map`);
  const nav = page.getByRole('navigation', { name: 'Main' });

  // First start: nothing of the app, only "Set a passphrase", honest about the browser.
  await expect(page.getByRole('heading', { name: 'Set a passphrase' })).toBeVisible();
  await expect(nav).toBeHidden();
  await expect(page.getByTestId('keychain-note')).toHaveText(/a browser cannot use this computer's keychain/);
  await shot(page, '01-setup');

  // The rule and the confirmation are enforced, in words.
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByLabel('Passphrase again').fill('short');
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByRole('alert')).toHaveText('The passphrase is too short: use at least 12 characters.');
  await page.getByLabel('Passphrase', { exact: true }).fill(FIRST);
  await page.getByLabel('Passphrase again').fill(`${FIRST}!`);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByRole('alert')).toHaveText('The two passphrases are not the same.');
  await shot(page, '02-setup-mismatch');
  await page.getByLabel('Passphrase again').fill(FIRST);
  await page.getByRole('button', { name: 'Set passphrase' }).click();

  // The recovery key, shown once in groups; Continue only once it is written down.
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
  const recoveryKey = (await page.getByTestId('recovery-key').textContent()) ?? '';
  expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await shot(page, '03-recovery-key');
  await page.getByRole('checkbox', { name: 'I have written down the recovery key' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(nav).toBeVisible();

  // A record on screen.
  await recordObservation(page, { author: 'Ana Petrović', office: 'RS-BEL', place: 'Presevo', persons: '12', summary: CANARY });
  await expect(page.getByText(CANARY)).toBeVisible();

  // Lock now: the app's screens are gone, and no record is anywhere in the page.
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByRole('heading', { name: 'Routewatch is locked' })).toBeVisible();
  await expect(nav).toBeHidden();
  expect(await page.content()).not.toContain('LOCK-CANARY');
  await shot(page, '04-unlock');

  // A wrong passphrase: said, nothing changed, and the next try waits.
  await unlockWith(page, 'not the passphrase at all');
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase. Nothing was changed.');
  await expect(page.getByTestId('retry-wait')).toHaveText(/You can try again in \d+ seconds?\./);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  await shot(page, '05-unlock-wrong');
  await page.getByLabel('Passphrase', { exact: true }).fill(FIRST);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(nav).toBeVisible();
  // Unlocked, the store opens again with the record as it was.
  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(page.getByText(CANARY)).toBeVisible();

  // Change the passphrase in Settings.
  await page.getByRole('link', { name: 'Device & sync' }).click();
  await expect(page.getByLabel('Lock after')).toHaveValue('10');
  await page.getByLabel('Current passphrase').fill(FIRST);
  await page.getByLabel('New passphrase', { exact: true }).fill(SECOND);
  await page.getByLabel('New passphrase again').fill(SECOND);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The passphrase was changed.' })).toBeVisible();
  await page.getByRole('heading', { name: 'Change passphrase' }).scrollIntoViewIfNeeded();
  await shot(page, '06-settings-changed');

  // Lock; the old passphrase no longer opens, the new one does, and the record reads back.
  await page.getByRole('button', { name: 'Lock now' }).first().click();
  await unlockWith(page, FIRST);
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase.');
  await page.getByLabel('Passphrase', { exact: true }).fill(SECOND);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(nav).toBeVisible();
  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(page.getByText(CANARY)).toBeVisible();

  // Forgot it: a reload starts locked; the recovery key leads to a new passphrase.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Routewatch is locked' })).toBeVisible();
  await page.getByRole('button', { name: 'Forgot the passphrase? Use the recovery key' }).click();
  await page.getByRole('textbox', { name: 'Recovery key' }).fill('ABCD-EFGH');
  await page.getByRole('button', { name: 'Check recovery key' }).click();
  await expect(page.getByRole('alert')).toContainText('That is not a recovery key');
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
  await shot(page, '07-recover');
  await page.getByRole('button', { name: 'Check recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Set a new passphrase' })).toBeVisible();
  await page.getByLabel('New passphrase', { exact: true }).fill(THIRD);
  await page.getByLabel('New passphrase again').fill(THIRD);
  await shot(page, '08-recover-new-passphrase');
  await page.getByRole('button', { name: 'Set passphrase and unlock' }).click();
  await expect(nav).toBeVisible();
  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(page.getByText(CANARY)).toBeVisible();

  await page.reload();
  await unlockWith(page, THIRD);
  await expect(nav).toBeVisible();
  await page.context().close();
});

test('the app locks itself after the idle time set in Settings; keyboard activity puts it off', async ({ browser, server }) => {
  const page = await freshPage(browser);
  // Fake time from the start, so that the idle minutes pass at once.
  await page.clock.install();
  await page.goto(`${server.url}/#/settings`);
  const nav = await setUpWith(page, FIRST);

  await page.getByLabel('Lock after').selectOption({ label: '1 minute' });
  await page.clock.fastForward('00:40');
  await page.keyboard.press('Shift');
  await page.clock.fastForward('00:40');
  // 80 s since the choice, but only 40 s since the key press: still open.
  await expect(nav).toBeVisible();
  await page.clock.fastForward('00:21');
  await expect(page.getByRole('heading', { name: 'Routewatch is locked' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Locked after 1 minute without keyboard or pointer activity.');
  await expect(nav).toBeHidden();
  await shot(page, '09-idle-locked');

  // The setting is kept: after unlocking, it still says 1 minute.
  await unlockWith(page, FIRST);
  await expect(page.getByLabel('Lock after')).toHaveValue('1');
  await page.context().close();
});

test('a reload does not end the wait after wrong passphrases: the lock screen still says to wait', async ({ browser, server }) => {
  const page = await freshPage(browser);
  // The page's clock stands still (timers still run): the wait cannot run out while the test looks at it.
  const start = new Date('2026-12-05T10:00:00Z').getTime();
  await page.clock.setFixedTime(start);
  await page.goto(`${server.url}/#/map`);
  const nav = await setUpWith(page, FIRST);
  await page.getByRole('button', { name: 'Lock now' }).click();

  await unlockWith(page, 'not the passphrase at all');
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase. Nothing was changed.');
  await expect(page.getByTestId('retry-wait')).toHaveText('You can try again in 1 second.');

  // The reload an attacker would use to guess again at once: the wait is still there, and said.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Routewatch is locked' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Wait before trying again.');
  await expect(page.getByTestId('retry-wait')).toHaveText('You can try again in 1 second.');
  await page.getByLabel('Passphrase', { exact: true }).fill(FIRST);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  await shot(page, '10-unlock-wait-after-reload');

  // Once the wait has passed, the right passphrase opens, and the wait is cleared.
  await page.clock.setFixedTime(start + 1000);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(nav).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Routewatch is locked' })).toBeVisible();
  await expect(page.getByTestId('retry-wait')).toBeHidden();
  await expect(page.getByRole('alert')).toBeHidden();
  await page.context().close();
});
