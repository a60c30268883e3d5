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
import { choose, fillProfile, openFormPanel, recordObservation } from './app-actions';
import { expect, openApp, test } from './fixtures';

const FORMULA = "=cmd|' /C calc'!A0";
const CYRILLIC = 'Група од 20 лица код Прешева, пешке';

async function recordAtNegativePoint(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'New observation' }).click();
  await fillProfile(page, 'Ana', 'RS-BEL');
  await page.getByLabel('Kind').selectOption('group_sighting');
  await openFormPanel(page, 'End time, coordinates and precision');
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
  await expect(panel.getByTestId('export-result')).toContainText(`Downloading ${download.suggestedFilename()}`);
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

interface StoredMovement {
  id: string;
  mission: string;
  kind: string;
  totalPersons: number;
  deleted: boolean;
  training?: boolean;
  observedStart: string;
  counts?: { method?: string | null };
}

/** The app's records as stored, read in the page with the raw IndexedDB API (not through the app). */
async function storedRecords(page: Page): Promise<StoredMovement[]> {
  return page.evaluate(
    () =>
      new Promise<StoredMovement[]>((resolve, reject) => {
        const open = indexedDB.open('routewatch');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const request = open.result.transaction('observations').objectStore('observations').getAll();
          request.onsuccess = () => {
            resolve((request.result as StoredMovement[]).map(({ id, mission, kind, totalPersons, deleted, training, observedStart, counts }) => ({ id, mission, kind, totalPersons, deleted, training, observedStart, counts })));
            open.result.close();
          };
          request.onerror = () => reject(new Error('cannot read observations'));
        };
      }),
  );
}

test('training records are exported only when asked, and the HXL totals are the movement records\' persons', async ({ page, server }) => {
  test.setTimeout(240_000);
  await openApp(page, server, '#/settings');
  await page.getByLabel('Number of records').selectOption({ label: '10,000' });
  await page.getByRole('button', { name: 'Load training data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'training records loaded' })).toHaveText('10,000 training records loaded.', { timeout: 120_000 });

  // The list as the training data leaves it (its own period), narrowed to one mission.
  await page.getByRole('link', { name: 'Observations' }).click();
  await choose(page, 'Missions', 'North Macedonia');
  const counted = page.getByTestId('observations-count');
  await expect(counted).toContainText('observations');
  const shown = Number((/^([\d,]+) observations/.exec((await counted.textContent()) ?? '')?.[1] ?? '0').replaceAll(',', ''));
  expect(shown).toBeGreaterThan(0);
  const from = await page.getByLabel('From', { exact: true }).inputValue();
  const to = await page.getByLabel('To (inclusive)').inputValue();
  const inPeriod = (iso: string) => {
    const t = Date.parse(iso);
    return t >= new Date(`${from}T00:00:00`).getTime() && t < new Date(`${to}T00:00:00`).getTime() + 86_400_000;
  };
  const stored = (await storedRecords(page)).filter((r) => !r.deleted && r.mission === 'MK' && inPeriod(r.observedStart));
  expect(stored).toHaveLength(shown);

  await page.getByRole('button', { name: 'Export…' }).click();
  const panel = page.getByTestId('export-panel');

  // Not asked for: nothing written, and the message says why.
  const without = csvRows((await exportAs(page, /^CSV/)).bytes);
  expect(without).toHaveLength(0);
  await expect(panel.getByTestId('export-result')).toContainText(`Downloading`);
  await expect(panel.getByTestId('export-result')).toContainText(`${new Intl.NumberFormat('en').format(shown)} training records (not asked for)`);

  // Asked for: every record the list shows, and only those.
  await panel.getByRole('checkbox', { name: 'Include training records' }).check();
  const withTraining = csvRows((await exportAs(page, /^CSV/)).bytes);
  expect(withTraining).toHaveLength(shown);
  expect(new Set(withTraining.map((r) => r.mission))).toEqual(new Set(['MK']));
  expect(new Set(withTraining.map((r) => r.id))).toEqual(new Set(stored.map((r) => r.id)));

  // HXL: the rows add up to the persons of the movement records (not sites, incidents or official figures).
  const hxl = await exportAs(page, /^HXL/);
  const [, tags = [], ...data] = Papa.parse<string[]>(hxl.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
  const total = tags.indexOf('#affected+total');
  const movements = stored.filter((r) => (r.kind === 'group_sighting' || r.kind === 'point_count') && r.counts?.method !== 'official_figure');
  expect(data.reduce((sum, row) => sum + Number(row[total]), 0)).toBe(movements.reduce((sum, r) => sum + r.totalPersons, 0));
  await panel.getByText('How to read the HXL file').click();
  await panel.screenshot({ path: 'test-results/export-panel-hxl.png' });
});
