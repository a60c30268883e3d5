/**
 * "Export…" on the Observations screen, as a person uses it: three records made
 * through the capture form (a summary that would start a formula, a Cyrillic summary,
 * a point with a negative coordinate), exported in each format in Chromium, and each
 * downloaded file opened and read: Cyrillic intact, the formula neutralised, the
 * negative number a number, sensitive columns only when asked. The export control is
 * screenshotted for a person to look at.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { readZipParts } from '../support/read-zip';
import { fillProfile, recordObservation } from './app-actions';
import { expect, openApp, test } from './fixtures';

const FORMULA = "=cmd|' /C calc'!A0";
const CYRILLIC = 'Група од 20 лица код Прешева, пешке';

async function recordAtNegativePoint(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'New observation' }).click();
  await fillProfile(page, 'Ana', 'RS-BEL');
  await page.getByLabel('Kind').selectOption('group_sighting');
  const coordinates = page.getByLabel('Coordinates (decimal or degrees, minutes, seconds)');
  await coordinates.fill('-12.5, 19.25');
  await coordinates.press('Enter');
  await expect(page.getByTestId('chosen-point')).toContainText('-12.5');
  await page.getByLabel('Total persons').fill('7');
  await page.getByLabel('Summary', { exact: true }).fill('Seven, far away');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  // Outside the mission's area: the form asks, and the monitor submits anyway.
  await page.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
}

async function exportAs(page: Page, format: RegExp): Promise<{ download: Download; bytes: Buffer }> {
  const panel = page.getByTestId('export-panel');
  await panel.getByRole('radio', { name: format }).check();
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  await expect(panel.getByTestId('export-result')).toContainText(`Saved ${download.suggestedFilename()}`);
  return { download, bytes: readFileSync(await download.path()) };
}

function csvRows(bytes: Buffer): Record<string, string>[] {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
}

test('exports the listed observations as CSV, GeoJSON, HXL and XLSX, each file read back', async ({ page, server }) => {
  await openApp(page, server, '#/observations');
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Presevo', persons: '12', summary: FORMULA });
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Presevo', persons: '20', summary: CYRILLIC });
  await recordAtNegativePoint(page);

  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(page.getByTestId('observations-table').locator('[role=row][data-id]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Export…' }).click();
  const panel = page.getByTestId('export-panel');
  await expect(panel).toContainText('The 3 observations the list shows, with the filter above.');
  // A field monitor may see the sensitive fields of their own records: the choice is offered.
  await expect(panel.getByRole('checkbox', { name: /Include sensitive fields/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/export-control.png', fullPage: false });

  // CSV
  const csv = await exportAs(page, /^CSV/);
  expect(csv.download.suggestedFilename()).toMatch(/^routewatch-observations-.*\.csv$/);
  const rows = csvRows(csv.bytes);
  expect(rows).toHaveLength(3);
  const bySummary = new Map(rows.map((r) => [r.summary, r]));
  expect(bySummary.get(`'${FORMULA}`)).toBeDefined();
  expect(bySummary.get(CYRILLIC)?.place_name).toBe('Presevo');
  expect(bySummary.get('Seven, far away')).toMatchObject({ latitude: '-12.5', longitude: '19.25', location_source: 'record' });
  // In the raw text the negative number is written as a number: neither quoted nor prefixed.
  expect(csv.bytes.toString('utf8')).toMatch(/,-12\.5,19\.25,record,/);
  expect(Object.keys(rows[0] ?? {})).not.toContain('notes');
  await expect(panel.getByTestId('export-result')).toContainText('sensitive fields (not asked for): source_name, trafficking_indicators, notes');

  // CSV with sensitive fields asked for: the columns are there.
  await panel.getByRole('checkbox', { name: /Include sensitive fields/ }).check();
  const withSensitive = csvRows((await exportAs(page, /^CSV/)).bytes);
  expect(Object.keys(withSensitive[0] ?? {})).toEqual(expect.arrayContaining(['source_name', 'notes', 'trafficking_indicators']));
  await expect(panel.getByTestId('export-result')).toContainText('Nothing was left out.');
  await panel.getByRole('checkbox', { name: /Include sensitive fields/ }).uncheck();

  // GeoJSON
  const geo = await exportAs(page, /^GeoJSON/);
  const collection = JSON.parse(geo.bytes.toString('utf8')) as { type: string; features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
  expect(collection.type).toBe('FeatureCollection');
  expect(collection.features).toHaveLength(3);
  const far = collection.features.find((f) => f.properties.summary === 'Seven, far away');
  expect(far?.geometry.coordinates).toEqual([19.25, -12.5]);
  expect(collection.features.some((f) => f.properties.summary === CYRILLIC)).toBe(true);

  // HXL
  const hxl = await exportAs(page, /^HXL/);
  const [header = [], tags = [], ...data] = Papa.parse<string[]>(hxl.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
  expect(header[0]).toBe('Date');
  expect(tags).toEqual(expect.arrayContaining(['#date', '#loc+name', '#country+code', '#geo+lat', '#geo+lon', '#affected+total', '#country+origin+code', '#x_direction', '#x_transport']));
  const total = tags.indexOf('#affected+total');
  expect(data.reduce((sum, row) => sum + Number(row[total]), 0)).toBe(12 + 20 + 7);
  expect(data.map((row) => row[tags.indexOf('#loc+name')])).toContain('Presevo');
  await expect(panel.getByTestId('export-result')).toContainText('The rows sum 3 movement records.');

  // XLSX
  const xlsx = await exportAs(page, /^Excel/);
  expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
  const parts = readZipParts(xlsx.bytes);
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
  expect(workbook).toContain('name="Observations"');
  expect(workbook).toContain('name="About this export"');
  const shared = parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
  const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
  expect(shared).toContain(CYRILLIC);
  expect(shared).toContain(`'${FORMULA}`);
  expect(sheet).not.toContain('<f>');
  // -12.5 is a number cell (no t="s"): <c r="..."><v>-12.5</v></c>.
  expect(sheet).toMatch(/<c r="[A-Z]+\d+"><v>-12\.5<\/v><\/c>/);
  // The About sheet: who exported, the filter, what was left out.
  expect(parts.has('xl/worksheets/sheet2.xml')).toBe(true);
  expect(shared).toContain('Exported by');
  expect(shared).toContain('Ana (Field monitor, RS-BEL)');
  expect(shared).toContain('Every kind, status, mission and place of the period');
  expect(shared).toContain('sensitive fields (not asked for): source_name, trafficking_indicators, notes');
  await panel.screenshot({ path: 'test-results/export-panel-after-xlsx.png' });
});
