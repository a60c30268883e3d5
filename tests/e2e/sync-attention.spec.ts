/**
 * Sync that never jams, as an office meets it, in Chromium against the real server:
 * (a) a change the server refuses waits in "Needs attention" on its device while the
 *     device's other changes go through;
 * (b) a device revoked by headquarters is told so, keeps its waiting changes, exports
 *     them, is enrolled again with a new code, and what it kept arrives on the server.
 *
 * Users are named by their enrolment codes (`enroll --name`): the form shows the name
 * and office as text once enrolled.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { choosePlace, enrol } from './app-actions';
import { expect, openApp, test } from './fixtures';
import type { RunningServer } from '../support/server-process';

const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

/** The server's CLI, as an administrator runs it against the running server (README's commands). */
async function adminCli(server: RunningServer, args: string[]): Promise<string> {
  const env = { ...process.env };
  // The e2e server runs on its own embedded database, as in server-process.ts.
  delete env.DATABASE_URL;
  const { stdout } = await execFileAsync(process.execPath, [tsxCli, 'server/cli.ts', ...args, '--server', server.url, '--data-dir', server.dataDir], { cwd: root, env });
  return stdout;
}

/** Codes are issued for offices an administrator created. */
async function createOffice(server: RunningServer): Promise<void> {
  await adminCli(server, ['office', 'create', '--code', 'RS-BEL', '--mission', 'RS', '--name', 'Belgrade']);
}

/** A one-time code naming the user. */
async function namedCode(server: RunningServer, office: string, role: string, name: string): Promise<string> {
  const stdout = await adminCli(server, ['enroll', '--office', office, '--role', role, '--name', name]);
  const match = /([A-Z0-9]{4}(?:-[A-Z0-9]{4}){2,3})/.exec(stdout);
  if (!match?.[1]) throw new Error(`no enrolment code in CLI output:\n${stdout}`);
  return match[1];
}

/** Revoke the device of that name through the admin API, with the data folder's admin token. */
async function revokeThroughAdminApi(server: RunningServer, deviceName: string): Promise<void> {
  const token = readFileSync(path.join(server.dataDir, 'admin-token'), 'utf8').trim();
  const headers = { authorization: `Bearer ${token}` };
  const list = (await (await fetch(`${server.url}/api/v1/admin/devices`, { headers })).json()) as {
    devices: { deviceId: string; deviceName: string; revokedAt: string | null }[];
  };
  const device = list.devices.find((d) => d.deviceName === deviceName && d.revokedAt === null);
  if (!device) throw new Error(`no live device named ${deviceName}: ${JSON.stringify(list)}`);
  const response = await fetch(`${server.url}/api/v1/admin/devices/${device.deviceId}/revoke`, { method: 'POST', headers });
  expect(response.status).toBe(200);
}

/** A second browser profile: another person's laptop of the same office. */
async function secondDevice(browser: Browser, server: RunningServer, code: string, deviceName: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await openApp(page, server);
  await enrol(page, server.url, code, deviceName);
  return page;
}

/** Record a group sighting at Presevo; who records is the enrolled user, shown, not typed. */
async function record(page: Page, user: string, persons: string, summary: string): Promise<void> {
  await page.getByRole('link', { name: 'New observation' }).click();
  await expect(page.getByTestId('form-author')).toHaveText(user);
  await expect(page.getByLabel('Your name')).toHaveCount(0);
  await page.getByLabel('Kind').selectOption('group_sighting');
  await choosePlace(page, 'Place', 'Presevo', 'Presevo');
  await page.getByLabel('Total persons').fill(persons);
  await page.getByLabel('Summary', { exact: true }).fill(summary);
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
}

const rows = (page: Page) => page.getByTestId('observations-table').locator('[role=row][data-id]');

/** The summaries a device holds, from its Observations list. */
async function listedSummaries(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Observations' }).click();
  return rows(page).locator('.summary-cell').allTextContents();
}

test('a refused change waits in "Needs attention" and does not hold up the rest', async ({ page, browser, server, outsideRequests }) => {
  await createOffice(server);
  await openApp(page, server);
  await enrol(page, server.url, await namedCode(server, 'RS-BEL', 'field_monitor', 'Ana Petrović'), 'Laptop A');
  await expect(page.getByTestId('enrolled-user')).toHaveText('Ana Petrović');

  // Offline, Ana records. Before it is sent, the laptop is handed to Marko: headquarters
  // revokes it and enrols it again for him.
  await page.context().setOffline(true);
  await record(page, 'Ana Petrović', '37', 'Group of 37 at the station <b>not bold</b>');
  await expect(page.getByTestId('pending-count')).toHaveText('1 change waiting to sync');
  await revokeThroughAdminApi(server, 'Laptop A');
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('This device was revoked — 1 change kept on this device');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Device & sync' }).click();
  const again = page.getByRole('form', { name: 'Enrol again' });
  await again.getByLabel('Enrolment code').fill(await namedCode(server, 'RS-BEL', 'field_monitor', 'Marko Ilić'));
  await again.getByRole('button', { name: 'Enrol again' }).click();
  await expect(page.getByTestId('enrol-outcome')).toHaveText('This device is enrolled again. The changes it kept now go to the server; the status bar shows what still waits.');
  await expect(page.getByTestId('enrolled-user')).toHaveText('Marko Ilić');

  // Ana's record is not Marko's to send: the server refuses that one change, and the device says so.
  await expect(page.getByTestId('attention-link')).toHaveText('1 change needs attention');
  await expect(page.getByTestId('sync-error')).toHaveCount(0);

  // It holds nothing up: Marko's own record goes through.
  await record(page, 'Marko Ilić', '5', 'Family of 5 near the border');
  // Everything but the refused change went through; "All changes synced" would not be true.
  await expect(page.getByTestId('pending-count')).toHaveText('All other changes synced');
  await expect(page.getByTestId('attention-link')).toHaveText('1 change needs attention');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Needs attention (1)' }).click();
  const item = page.getByTestId('attention-item');
  await expect(item).toHaveCount(1);
  await expect(item.getByRole('heading', { level: 2 })).toHaveText('Group sighting · Presevo');
  // What was refused, as the change carried it; markup as text.
  await expect(item.locator('.attention-summary')).toHaveText('Group of 37 at the station <b>not bold</b>');
  await expect(item.locator('.attention-summary b')).toHaveCount(0);
  // Why, in words, with the server's own message beside it.
  await expect(item.locator('.attention-reason')).toHaveText(/^This change was made under another user or office/);
  await expect(item.locator('.attention-server')).toContainText('Server message:');
  // Made under Ana, it cannot be resent as Marko's: no "Edit and resend" promises it, the screen says to export it.
  await expect(item.getByRole('link', { name: /^Edit and resend/ })).toHaveCount(0);
  await expect(item.getByText('It cannot be edited and resent from this device as it is now enrolled. Export the waiting changes and send the file to headquarters.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sync-attention-01-needs-attention.png' });

  // On the server: Marko's record, not Ana's (another device of the office pulls).
  const b = await secondDevice(browser, server, await namedCode(server, 'RS-BEL', 'supervisor', 'Sonja Marković'), 'Laptop B');
  await expect.poll(() => listedSummaries(b)).toEqual(['Family of 5 near the border']);
  expect(outsideRequests).toEqual([]);
});

test('a revoked device is told, exports its waiting changes, is enrolled again, and they arrive', async ({ page, browser, server, outsideRequests }) => {
  await createOffice(server);
  await openApp(page, server);
  await enrol(page, server.url, await namedCode(server, 'RS-BEL', 'field_monitor', 'Ana Petrović'), 'Laptop A');
  await record(page, 'Ana Petrović', '12', 'Twelve at the border crossing');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');

  // Offline, Ana records two more; meanwhile headquarters revokes the laptop.
  await page.context().setOffline(true);
  await record(page, 'Ana Petrović', '4', 'Four walking north at night');
  await record(page, 'Ana Petrović', '9', 'Nine waiting at the bus stop <i>not italic</i>');
  await expect(page.getByTestId('pending-count')).toHaveText('2 changes waiting to sync');
  await revokeThroughAdminApi(server, 'Laptop A');

  // Back online, the device is told: sync stops, and nothing it holds is lost.
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('This device was revoked — 2 changes kept on this device');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-blocked')).toHaveText(/^Cannot sync: headquarters revoked this device/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Device & sync' }).click();
  const banner = page.getByTestId('revoked-banner');
  await expect(banner).toContainText('This device was revoked by headquarters on');
  await expect(banner).toContainText('2 changes are kept on this device.');
  await page.screenshot({ path: 'test-results/screens/sync-attention-02-revoked.png' });

  // Export: one JSON file with both waiting changes.
  const downloading = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Export waiting changes' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^routewatch-waiting-changes-.*\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { pending: { record: { summary: string; author: string } }[]; attention: unknown[] };
  expect(exported.pending.map((c) => c.record.summary).sort()).toEqual(['Four walking north at night', 'Nine waiting at the bus stop <i>not italic</i>']);
  expect(exported.pending.every((c) => c.record.author === 'Ana Petrović')).toBe(true);
  expect(exported.attention).toEqual([]);
  await expect(banner.getByRole('status')).toContainText('2 waiting and 0 refused changes');

  // Enrolled again in the same office with a new code: what was kept is sent.
  const again = page.getByRole('form', { name: 'Enrol again' });
  await expect(again.getByLabel('Server address')).toHaveValue(`${server.url}/`);
  await again.getByLabel('Enrolment code').fill(await namedCode(server, 'RS-BEL', 'field_monitor', 'Ana Petrović'));
  await again.getByRole('button', { name: 'Enrol again' }).click();
  await expect(page.getByTestId('enrol-outcome')).toHaveText('This device is enrolled again. The changes it kept now go to the server; the status bar shows what still waits.');
  await expect(page.getByTestId('revoked-banner')).toHaveCount(0);
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');
  await page.screenshot({ path: 'test-results/screens/sync-attention-03-enrolled-again.png' });

  // They arrived: another device of the office receives all three.
  const b = await secondDevice(browser, server, await namedCode(server, 'RS-BEL', 'supervisor', 'Sonja Marković'), 'Laptop B');
  await expect
    .poll(async () => (await listedSummaries(b)).sort())
    .toEqual(['Four walking north at night', 'Nine waiting at the bus stop <i>not italic</i>', 'Twelve at the border crossing']);
  expect(outsideRequests).toEqual([]);
});
