/**
 * Sensitive fields reach only the roles that may see them, and a device that may not
 * says "withheld", never "empty" (issue 10), in Chromium against the real server.
 * Zoran's laptop (through the device API) sends a record with notes, a source's name
 * and trafficking indicators; Ana, a field monitor of the same office, pulls it: her
 * detail view reads "Withheld for your role" where those values would be, and the
 * record names Zoran's laptop as the device it was recorded on.
 */
import { expect, openApp, test } from './fixtures';
import { enrol } from './app-actions';
import { createOffice, enrolThroughApi, namedCode, pushThroughApi, recordsOf } from './sync-proof-support';

test("a field monitor sees another's sensitive fields as withheld, not as empty", async ({ page, server, outsideRequests }) => {
  await createOffice(server);
  const zoran = await enrolThroughApi(server, await namedCode(server, 'field_monitor', 'Zoran Đukić'), 'Laptop Z');
  const [base] = recordsOf(zoran, 1);
  if (!base) throw new Error('no record');
  const record = {
    ...base,
    summary: 'Group of 9 met at the bus station',
    notes: 'Driver’s phone number kept on paper',
    source: { type: 'key_informant' as const, name: 'Taxi driver at the station', reliability: 'B' as const, credibility: '2' as const },
    traffickingIndicators: ['iom_unpaid_work' as const],
  };
  await pushThroughApi(server, zoran, [record]);

  await openApp(page, server);
  await enrol(page, server.url, await namedCode(server, 'field_monitor', 'Ana Petrović'), 'Laptop A');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');
  await page.evaluate((id) => {
    window.location.hash = `#/observation?id=${id}`;
  }, record.id);

  for (const path of ['notes', 'traffickingIndicators', 'source.name']) {
    await expect(page.locator(`[data-path="${path}"] dd`)).toHaveText('Withheld for your role');
  }
  // What she may see is there: the source's type and grade, the summary.
  await expect(page.locator('[data-path="source.type"] dd')).toHaveText('Key informant');
  await expect(page.getByText('Group of 9 met at the bus station')).toBeVisible();
  await expect(page.getByTestId('withheld-help')).toBeVisible();
  await expect(page.getByTestId('record-device')).toHaveText('Laptop Z');
  // Nothing of the withheld values reached this device.
  const held = await page.evaluate(() => document.body.innerText);
  expect(held).not.toContain('Taxi driver');
  expect(held).not.toContain('phone number');
  await page.screenshot({ path: 'test-results/screens/sync-withheld-01-detail.png', fullPage: true });
  expect(outsideRequests).toEqual([]);
});
