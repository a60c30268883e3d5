/**
 * Conflicts, visible (issue 10), in Chromium against the real server: two laptops of one
 * office (two browser profiles) edit the same record's summary offline; once both have
 * synced, the merge holds one value and the Conflicts view of the supervisor's laptop
 * shows both, with who wrote each; the supervisor keeps the other, which syncs, and the
 * record leaves the Conflicts view on both laptops.
 *
 * The office and the named users' codes are made through the admin API with the data
 * folder's admin token, as an administrator's tools do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { choosePlace, enrol } from './app-actions';
import { expect, openApp, test } from './fixtures';
import type { RunningServer } from '../support/server-process';

const OFFICE = 'RS-BEL';

async function admin(server: RunningServer, route: string, body: unknown): Promise<Response> {
  const token = readFileSync(path.join(server.dataDir, 'admin-token'), 'utf8').trim();
  return fetch(`${server.url}/api/v1/admin/${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Codes are issued for offices an administrator created. */
async function createOffice(server: RunningServer): Promise<void> {
  const response = await admin(server, 'offices', { code: OFFICE, mission: 'RS', name: 'Belgrade' });
  expect(response.status).toBe(201);
}

/** A one-time code for a named user of the office. */
async function namedCode(server: RunningServer, role: string, userName: string): Promise<string> {
  const response = await admin(server, 'enrolment-codes', { office: OFFICE, role, userName });
  expect(response.status).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

/** A laptop of the office (its own browser profile), enrolled for the user the code names. */
async function laptop(browser: Browser, server: RunningServer, code: string, deviceName: string, userName: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await openApp(page, server);
  await enrol(page, server.url, code, deviceName);
  await expect(page.getByTestId('enrolled-user')).toHaveText(userName);
  return page;
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');
  await expect(page.getByTestId('last-sync')).toHaveText(/^Last sync/);
}

/** Move within the app by its address (works offline: no page load). */
async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    window.location.hash = target;
  }, hash);
}

const rows = (page: Page) => page.getByTestId('observations-table').locator('[role=row][data-id]');

async function listedSummaries(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Observations' }).click();
  return rows(page).locator('.summary-cell').allTextContents();
}

async function editSummary(page: Page, id: string, summary: string): Promise<void> {
  await go(page, `#/edit?id=${id}`);
  await page.getByLabel('Summary', { exact: true }).fill(summary);
  await page.getByRole('button', { name: 'Submit changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /submitted/ })).toBeVisible();
}

test('two laptops edit one record offline; the supervisor sees the conflict, keeps the other value, and it clears on both', async ({ browser, server }) => {
  await createOffice(server);
  const a = await laptop(browser, server, await namedCode(server, 'field_monitor', 'Ana Petrović'), 'Laptop A', 'Ana Petrović');
  const b = await laptop(browser, server, await namedCode(server, 'supervisor', 'Sonja Marković'), 'Laptop B', 'Sonja Marković');

  // A records offline, then syncs.
  await a.context().setOffline(true);
  await a.getByRole('link', { name: 'New observation' }).click();
  await expect(a.getByTestId('form-author')).toHaveText('Ana Petrović');
  await a.getByLabel('Kind').selectOption('group_sighting');
  await choosePlace(a, 'Place', 'Presevo', 'Presevo');
  await a.getByLabel('Total persons').fill('12');
  await a.getByLabel('Summary', { exact: true }).fill('Twelve at the station');
  await a.getByRole('button', { name: 'Submit observation' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
  await a.context().setOffline(false);
  await syncNow(a);
  await syncNow(b);
  await expect.poll(() => listedSummaries(b)).toEqual(['Twelve at the station']);
  const id = await rows(b).first().getAttribute('data-id');
  if (!id) throw new Error('row without id');

  // Both offline: A, then B a moment later, change the summary.
  await a.context().setOffline(true);
  await b.context().setOffline(true);
  await editSummary(a, id, 'Ana: twelve, <b>two</b> of them children');
  await editSummary(b, id, 'Sonja: fourteen at the station');

  // Both reconnect and sync: the merge keeps the later edit on both.
  await a.context().setOffline(false);
  await b.context().setOffline(false);
  await syncNow(a);
  await syncNow(b);
  await syncNow(a);
  await expect.poll(() => listedSummaries(a)).toEqual(['Sonja: fourteen at the station']);
  await expect.poll(() => listedSummaries(b)).toEqual(['Sonja: fourteen at the station']);

  // The record is flagged where it is shown, with the way to the view.
  await go(b, `#/observation?id=${id}`);
  await expect(b.getByTestId('conflict-notice')).toContainText('Edited in two places');
  // Recorded on A: B names A's laptop as the server enrolled it, not by an id.
  await expect(b.getByTestId('record-device')).toHaveText('Laptop A');
  await b.screenshot({ path: 'test-results/screens/sync-conflicts-00-detail-other-device.png', fullPage: true });
  await b.getByTestId('conflict-notice').getByRole('link').click();

  // The supervisor's Conflicts view: mine (kept), theirs (not kept, with who), merged.
  const nav = b.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Conflicts (1)' })).toBeVisible();
  const card = b.locator(`[data-record-id="${id}"]`);
  await expect(card).toHaveCount(1);
  const row = card.locator('tr[data-field="summary"]');
  await expect(row.locator('td[data-side="kept"]')).toHaveText('Sonja: fourteen at the station');
  await expect(row.locator('td[data-side="dropped"]')).toHaveText('Ana: twelve, <b>two</b> of them children');
  await expect(row.locator('b')).toHaveCount(0);
  await expect(row.locator('td.conflict-merged')).toHaveText('Sonja: fourteen at the station');
  await expect(card.locator('thead th[data-side="dropped"]')).toContainText('Theirs (not kept)');
  await expect(card.locator('thead th[data-side="dropped"]')).toContainText('Ana Petrović');
  await expect(card.locator('thead th[data-side="kept"]')).toContainText('Mine (kept by sync)');
  await expect(card.getByRole('heading', { level: 3 })).toHaveText('Changed in two places: Summary');
  await b.screenshot({ path: 'test-results/screens/sync-conflicts-01-conflicts-view.png' });

  // A's laptop, too, knows the record was edited in two places.
  await go(a, '#/conflicts');
  await expect(a.locator(`[data-record-id="${id}"]`)).toHaveCount(1);
  await a.screenshot({ path: 'test-results/screens/sync-conflicts-02-author-view.png' });

  // The supervisor keeps Ana's value: an ordinary edit, which syncs.
  await card.locator('button[data-pick="dropped"]').click();
  await expect(b.getByTestId('conflicts-none')).toHaveText('No record is edited in two places.');
  await expect(b.getByTestId('conflicts-picked')).toHaveText('Kept. The record leaves this list on every device once synced.');
  await expect(nav.getByRole('link', { name: 'Conflicts', exact: true })).toBeVisible();
  await b.screenshot({ path: 'test-results/screens/sync-conflicts-03-resolved.png' });
  await syncNow(b);
  await syncNow(a);
  await go(a, '#/conflicts');
  await expect(a.getByTestId('conflicts-none')).toBeVisible();
  await expect.poll(() => listedSummaries(a)).toEqual(['Ana: twelve, <b>two</b> of them children']);
  await expect.poll(() => listedSummaries(b)).toEqual(['Ana: twelve, <b>two</b> of them children']);

  // The history shows the conflict and its answer.
  await go(b, `#/observation?id=${id}`);
  const history = b.getByTestId('history');
  await expect(history.getByText('Edited in two places')).toBeVisible();
  await expect(history.getByText('Conflict answered')).toBeVisible();
  await expect(b.getByTestId('conflict-notice')).toHaveCount(0);
  await history.screenshot({ path: 'test-results/screens/sync-conflicts-04-history.png' });
});
