/**
 * Import as an analyst does it, through the screen: a Windows-1250 CSV of official
 * figures (Serbian Latin with diacritics) and a GeoJSON file of points, each checked
 * in the report before anything is stored, then found in the Observations list; the
 * same files imported again add nothing. Screenshots of each step go to
 * test-results/screens/import-*.png.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { storedObservations } from './app-actions';
import { expect, openApp, test } from './fixtures';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
async function shot(page: Page, name: string, showing?: string): Promise<void> {
  if (showing) await page.getByTestId(showing).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `test-results/screens/import-${name}.png` });
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function pickFile(page: Page, file: string): Promise<void> {
  await nav(page, 'Import').click();
  await page.getByLabel('File to import (CSV or GeoJSON)').setInputFiles(path.join(fixtures, file));
}

async function listPeriod(page: Page, from: string, to: string): Promise<void> {
  await nav(page, 'Observations').click();
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To (inclusive)').fill(to);
}

test('a Windows-1250 CSV and a GeoJSON file are imported through the screen, and importing them again adds nothing', async ({ page, server }) => {
  await openApp(page, server, '#/import');
  await page.getByLabel('Your name').fill('Jelena');
  await page.getByLabel('Office code').fill('RS-BEL');

  // The CSV: encoding and delimiter detected, names whole in the preview.
  await pickFile(page, 'windows-1250.csv');
  await expect(page.getByTestId('import-detected')).toContainText('Detected: windows-1250');
  await expect(page.getByLabel('Delimiter')).toHaveValue(';');
  const preview = page.getByTestId('import-preview');
  for (const name of ['Preševo', 'Šid', 'Đevđelija', 'Horgoš', 'Državljanstvo']) await expect(preview).toContainText(name);
  // The mapping was guessed from the Serbian column names; kind and count method default to official figures.
  await expect(page.getByLabel('Place name', { exact: true })).toHaveValue('Mesto');
  await expect(page.getByLabel('Persons', { exact: true })).toHaveValue('Broj osoba');
  await expect(page.getByLabel('Kind of record')).toHaveValue('secondary_source');
  await expect(page.getByLabel('Count method', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('How the figures were counted')).toHaveValue('official_figure');
  await shot(page, '1-csv-picked');

  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.getByTestId('import-report-ready')).toHaveText('4 records to import');
  await expect(page.getByTestId('import-rejected')).toHaveCount(0);
  await shot(page, '2-csv-report', 'import-report');
  await page.getByRole('button', { name: 'Import 4 records' }).click();
  await expect(page.getByTestId('import-outcome')).toContainText('Imported 4 records.');
  await expect(page.getByTestId('import-outcome')).toContainText('They wait to be sent to the server');
  await shot(page, '3-csv-done', 'import-outcome');

  const stored = await storedObservations(page);
  expect(stored).toHaveLength(4);
  expect(stored.map((r) => r.placeId).sort()).toEqual(['mk-gevgelija', 'rs-horgos', 'rs-presevo', 'rs-sid']);
  expect(stored.every((r) => r.author === 'Jelena' && r.office === 'RS-BEL' && r.kind === 'secondary_source')).toBe(true);
  const presevo = stored.find((r) => r.placeId === 'rs-presevo');
  expect(presevo).toMatchObject({ totalPersons: 6500, source: { type: 'authorities' } });
  // The source's name is a sensitive field: encrypted at rest, and read back on the record.
  expect(JSON.stringify(stored)).not.toContain('Ministarstvo');

  await page.getByRole('link', { name: 'Show the observations' }).click();
  await listPeriod(page, '2015-10-21', '2015-10-22');
  await expect(page.getByTestId('observations-count')).toContainText('4 observations');
  const table = page.getByTestId('observations-table');
  for (const place of ['Presevo', 'Sid', 'Gevgelija', 'Horgos']) await expect(table).toContainText(place);
  await shot(page, '4-csv-in-list');

  // The same file again: everything is already there.
  await pickFile(page, 'windows-1250.csv');
  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.getByTestId('import-report-present')).toHaveText('4 already imported (skipped)');
  await expect(page.getByTestId('import-nothing')).toHaveText('Nothing to import.');
  await shot(page, '5-csv-again', 'import-nothing');
  expect(await storedObservations(page)).toHaveLength(4);

  // GeoJSON points: one unmatched place to settle, rejected features with reasons, a swapped point.
  await pickFile(page, 'points.geojson');
  await expect(page.getByTestId('import-format')).toHaveText('GeoJSON: 6 point features.');
  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.getByTestId('import-unmatched')).toContainText('Bele Vode (1 row)');
  await expect(page.getByTestId('import-report-unmatched')).toHaveText('1 row waits for its place above');
  await shot(page, '6a-geojson-unmatched', 'import-unmatched');
  await page.getByLabel('Place for “Bele Vode”').selectOption({ label: 'Skip these rows' });
  await page.getByRole('button', { name: 'Check again with these places' }).click();
  await expect(page.getByTestId('import-report-ready')).toHaveText('2 records to import');
  await expect(page.getByTestId('import-report-skipped')).toHaveText('1 row of a skipped place');
  await expect(page.getByTestId('import-report-rejected')).toHaveText('3 rows rejected');
  const rejected = page.getByTestId('import-rejected');
  await expect(rejected.getByRole('row').nth(1)).toContainText('3The coordinates are outside the Earth’s range');
  await expect(rejected.getByRole('row').nth(2)).toContainText('4The feature is not a point.');
  await expect(rejected.getByRole('row').nth(3)).toContainText('5The number of persons is not a whole number.');
  await expect(page.getByTestId('import-warnings')).toContainText('Latitude and longitude look swapped');
  await shot(page, '6-geojson-report', 'import-warnings');
  await page.getByRole('button', { name: 'Import 2 records' }).click();
  await expect(page.getByTestId('import-outcome')).toContainText('Imported 2 records.');
  expect(await storedObservations(page)).toHaveLength(6);

  await listPeriod(page, '2016-02-01', '2016-02-28');
  await expect(page.getByTestId('observations-count')).toContainText('2 observations');
  await shot(page, '7-geojson-in-list');

  await pickFile(page, 'points.geojson');
  await page.getByRole('button', { name: 'Check rows' }).click();
  await page.getByLabel('Place for “Bele Vode”').selectOption({ label: 'Skip these rows' });
  await page.getByRole('button', { name: 'Check again with these places' }).click();
  await expect(page.getByTestId('import-report-present')).toHaveText('2 already imported (skipped)');
  await expect(page.getByTestId('import-nothing')).toBeVisible();
  expect(await storedObservations(page)).toHaveLength(6);

  await page.goto(`${server.url}/#/observation?id=${String(presevo?.id)}`);
  await expect(page.locator('[data-path="source.name"] dd')).toHaveText('Ministarstvo unutrašnjih poslova');
});


test('nationality words in a CSV are read in the worker; one the app does not know is mapped before anything is stored', async ({ page, server }) => {
  await openApp(page, server, '#/import');
  await page.getByLabel('Your name').fill('Jelena');
  await page.getByLabel('Office code').fill('RS-BEL');
  const rows = ['Datum;Mesto;Broj osoba;Državljanstvo', '21.10.2015;Preševo;50;Sirijci', '21.10.2015;Šid;40;Авганистан', '22.10.2015;Preševo;30;stateless', '22.10.2015;Preševo;20;Kurdi'];
  await nav(page, 'Import').click();
  await page.getByLabel('File to import (CSV or GeoJSON)').setInputFiles({ name: 'nationalities.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\r\n'), 'utf8') });
  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(page.getByTestId('import-unmatched-nationalities')).toContainText('Kurdi (1 row)');
  await expect(page.getByTestId('import-report-ready')).toHaveText('3 records to import');
  await shot(page, '8-nationality-unmatched', 'import-unmatched-nationalities');
  expect(await storedObservations(page)).toHaveLength(0);
  await page.getByLabel('Nationality for “Kurdi”').selectOption('IRQ');
  await page.getByRole('button', { name: 'Check again with these nationalities' }).click();
  await page.getByRole('button', { name: 'Import 4 records' }).click();
  await expect(page.getByTestId('import-outcome')).toContainText('Imported 4 records.');
  await shot(page, '9-nationality-done', 'import-outcome');
  const stored = await storedObservations(page);
  expect(stored.map((r) => (r.nationalities as { code: string }[] | undefined)?.[0]?.code).sort()).toEqual(['AFG', 'IRQ', 'SYR', 'XXA']);
});
