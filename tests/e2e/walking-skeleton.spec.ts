/**
 * The walking skeleton, as a field officer and an analyst walk it, in Chromium
 * against the real server: offline map, recording offline, sync between two devices,
 * and the situation report as a PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { choosePlace, enrol, fillProfile, recordObservation } from './app-actions';
import { expect, openApp, test } from './fixtures';

test('the map draws the region and the gazetteer with no request leaving the machine', async ({
  page,
  server,
  outsideRequests,
}) => {
  await openApp(page, server);
  const map = page.locator('.main-map');
  await expect(map).toBeVisible();
  // Country shapes from the bundled Natural Earth data.
  await expect.poll(() => map.locator('path.rw-country').count()).toBeGreaterThan(10);
  // Every gazetteer place is drawn, and its label is there as text.
  await expect.poll(() => map.locator('.rw-place').count()).toBeGreaterThan(40);
  await expect(map.getByText('Kosovo*')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/01-map.png' });
  expect(outsideRequests).toEqual([]);
});

test('recording offline, then syncing to a second device', async ({ page, browser, server, outsideRequests }) => {
  const codeA = await server.enrolmentCode('RS-BEL', 'field_monitor', 'Ana Petrović');
  const codeB = await server.enrolmentCode('RS-BEL');

  // Device A: enrol while connected.
  await openApp(page, server);
  await enrol(page, server.url, codeA, 'Laptop A');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');

  // The connection drops; the field officer records anyway.
  await page.context().setOffline(true);
  await expect(page.getByTestId('online-state')).toHaveText('Offline');
  const summary = 'Group of 37 walking north along the railway <b>not bold</b>';
  await recordObservation(page, {
    author: 'Ana Petrović',
    office: 'RS-BEL',
    place: 'Presevo',
    persons: '37',
    summary,
  });
  const row = page.getByTestId('observations-table').locator('[role=row][data-id]');
  await expect(row).toHaveCount(1);
  await expect(row.first()).toContainText('Presevo');
  await expect(row.first()).toContainText('37');
  // Markup typed by a person shows as text.
  await expect(row.first().locator('.summary-cell')).toHaveText(summary);
  await expect(page.getByTestId('pending-count')).toHaveText('1 change waiting to sync');
  await page.screenshot({ path: 'test-results/screens/02-list-offline.png' });

  // It is on the map too.
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await expect(page.locator('.main-map')).toHaveAttribute('data-point-count', '1');

  // Back online: the app syncs by itself.
  await page.context().setOffline(false);
  await expect(page.getByTestId('online-state')).toHaveText('Online');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');
  await expect(page.getByTestId('last-sync')).toContainText('Last sync');
  await page.screenshot({ path: 'test-results/screens/03-synced.png' });

  // Device B: a second browser profile of the same office pulls it.
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  await openApp(pageB, server);
  await enrol(pageB, server.url, codeB, 'Laptop B');
  await pageB.getByRole('link', { name: 'Observations' }).click();
  const rowB = pageB.getByTestId('observations-table').locator('[role=row][data-id]');
  await expect(rowB).toHaveCount(1);
  await expect(rowB.first()).toContainText('Presevo');
  await expect(rowB.first().locator('.summary-cell')).toHaveText(summary);
  await pageB.screenshot({ path: 'test-results/screens/04-device-b.png' });
  await contextB.close();
  expect(outsideRequests).toEqual([]);
});

test('a bad observation is explained next to its field and nothing is saved', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await page.getByLabel('Total persons').fill('-4');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.locator('.field-error').filter({ hasText: 'Choose a place from the list or click the map.' })).toBeVisible();
  await expect(page.getByLabel('Total persons')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/screens/05-form-errors.png' });
  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(page.getByText('No observations yet.')).toBeVisible();
});

test('the situation report counts persons seen moving by place, verified records only unless submitted ones are included, and prints to a real PDF', async ({
  page,
  server,
}) => {
  await openApp(page, server);
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Presevo', persons: '37', summary: 'a' });
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Presevo', persons: '5', summary: 'b' });
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Tabanovce', persons: '120', summary: 'c' });

  await page.getByRole('link', { name: 'Situation report' }).click();
  // The three records are submitted, not yet verified: by default nothing counts.
  await expect(page.getByTestId('report-page').locator('header')).toContainText('Figures count verified records only.');
  await expect(page.getByTestId('report-moving-total')).toHaveText('0');
  await expect(page.getByTestId('report-by-place')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Include submitted (unverified) records' }).check();
  await expect(page.getByTestId('report-page').locator('header')).toContainText('a figure marked † includes submitted records');
  const table = page.getByTestId('report-by-place');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first()).toContainText('Tabanovce');
  await expect(table.locator('tbody tr').nth(1)).toContainText('Presevo');
  await expect(page.getByTestId('report-total-persons')).toHaveText('162');
  await expect(page.getByTestId('report-total-records')).toHaveText('3');
  // Every figure including submitted records is marked, and says what it counts.
  await expect(page.getByTestId('report-moving-total')).toHaveText('162');
  await expect(page.getByTestId('report-moving-total')).toHaveAttribute('title', /^Persons seen moving at 2 places: a group seen at several places is counted at each\./);
  await expect(page.getByTestId('report-movements').getByLabel('includes submitted (unverified) records').first()).toBeVisible();
  await expect(page.getByTestId('report-page').locator('header')).toContainText('all missions, places and kinds');
  await expect(page.getByTestId('report-movements')).toContainText('3 records counted');

  // Web mode's Export PDF opens the browser's print dialog on this same page.
  await page.evaluate(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => {
      (window as unknown as { printCalls: number }).printCalls += 1;
    };
  });
  await page.getByRole('button', { name: 'Export PDF' }).click();
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);

  // What that dialog prints: Chromium's PDF printer on the print stylesheet.
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = test.info().outputPath('situation-report.pdf');
  writeFileSync(file, pdf);
  mkdirSync('test-results/screens', { recursive: true });
  writeFileSync('test-results/screens/situation-report.pdf', pdf);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain('Situation report');
  expect(text).toMatch(/Tabanovce\s+North Macedonia\s+1\s+120\s*†/);
  expect(text).toMatch(/Presevo\s+Serbia\s+2\s+42\s*†/);
  expect(text).toMatch(/Total\s+3\s+162\s*†/);
  expect(text).toContain('Persons seen moving at 2 places');
  // The app's navigation and controls are not part of the printed report.
  expect(text).not.toContain('Export PDF');
  expect(text).not.toContain('Device & sync');
  // The report's sections run over two pages now; the total row is printed once.
  expect(text.match(/Total\s+3\s+162/g)).toHaveLength(1);
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString());
  expect(Number(pages?.[1])).toBeGreaterThanOrEqual(1);
});

test('a location can be taken by clicking the map instead of choosing a place', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  const picker = page.getByRole('region', { name: 'Location picker map' });
  await expect(picker).toBeVisible();
  await expect.poll(() => picker.locator('path.rw-country').count()).toBeGreaterThan(10);
  // A click on open land, away from any gazetteer place: the lower-left quarter of the map.
  const box = await picker.boundingBox();
  if (!box) throw new Error('picker map has no box');
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.75);
  await expect(page.getByTestId('chosen-point')).toContainText(/^Point: \d+\.\d{5}, \d+\.\d{5}/);
  await page.getByLabel('Total persons').fill('8');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  // That corner of the map lies outside Serbia: a warning to look at, not a refusal.
  const panel = page.getByTestId('confirm-panel');
  await expect(panel).toContainText("This point is outside your mission's area.");
  await panel.getByRole('button', { name: 'Submit anyway' }).click();
  const row = page.getByTestId('observations-table').locator('[role=row][data-id]').first();
  await expect(row).toContainText(/\d+\.\d{4}, \d+\.\d{4}/);
  await expect(row).toContainText('8');
});

test('an incident needs its type; a site snapshot over capacity is flagged but saves', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await page.getByLabel('Kind').selectOption('incident');
  await choosePlace(page, 'Place', 'Шид', 'Sid');
  await page.getByLabel('Total persons').fill('12');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.locator('.field-error').filter({ hasText: 'Choose the type of incident.' })).toBeVisible();
  await expect(page.getByLabel('Type of incident')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Type of incident').selectOption({ label: 'Pushback across the border' });
  await page.getByLabel('Actor').selectOption({ label: 'State actor (police, border guards, army)' });
  await page.screenshot({ path: 'test-results/screens/06-form-incident.png' });
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByTestId('observations-table').locator('[role=row][data-id]')).toHaveCount(1);

  await page.getByRole('link', { name: 'New observation' }).click();
  await page.getByLabel('Kind').selectOption('site_snapshot');
  await choosePlace(page, 'Place', 'presevo', 'Presevo');
  await page.getByLabel('Total persons').fill('0');
  await page.getByLabel('Capacity (places)').fill('100');
  await page.getByLabel('Occupancy (persons present)').fill('140');
  await expect(page.getByText('Occupancy is above capacity.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/07-form-site.png' });
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByTestId('observations-table').locator('[role=row][data-id]')).toHaveCount(2);
});

test('training data loads in one step, fills the list and the map, and is removed in one step', async ({ page, server }) => {
  await openApp(page, server, '#/settings');
  await page.getByRole('button', { name: 'Load training data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'training records loaded' })).toHaveText('10,000 training records loaded.', {
    timeout: 60_000,
  });
  // Never queued for sync (and an unenrolled device never claims "All changes synced").
  await expect(page.getByTestId('pending-count')).toHaveText('Not enrolled with a server');

  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(page.getByTestId('observations-count')).toContainText('10,000 observations');
  const rows = page.getByTestId('observations-table').locator('[role=row][data-id]');
  // Virtualised: only the rows on screen are in the page.
  expect(await rows.count()).toBeLessThan(60);
  await expect(rows.first().locator('.summary-cell')).toContainText('[TRAINING]');
  await page.screenshot({ path: 'test-results/screens/08-list-training.png' });

  await page.getByRole('link', { name: 'Device & sync' }).click();
  await page.getByRole('button', { name: 'Remove training data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'removed' })).toHaveText('10,000 training records removed.');
  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(page.getByText('No observations yet.')).toBeVisible();
});
