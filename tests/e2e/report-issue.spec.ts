/**
 * The situation report as an analyst makes it, through the screens: the training data
 * loaded, a month chosen, a training report (TRAINING on every page), highlights edited,
 * then every export opened and read back: the PDF page by page, the DOCX through
 * LibreOffice, the XLSX's sheets, a table as CSV; their totals checked against the
 * records in the device's store.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { playwrightPdfOptions, reportPdfSpec } from '../../shared/reports/pdf-page';
import { readZipParts } from '../support/read-zip';
import { enrolAsAnalyst, offlineWithTrainingData } from './app-actions';
import { expect, openApp, test } from './fixtures';
import { passLock } from '../support/lock-screen';

test.setTimeout(300_000);

async function download(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const file = await downloading;
  await expect(page.locator('.report-export-message')).toContainText(`Downloading ${file.suggestedFilename()}`);
  return { download: file, bytes: readFileSync(await file.path()) };
}

/** Persons seen moving in October 2015 (the office's local days) among the training records, read from the store itself. */
async function storeMovingPersons(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const open = indexedDB.open('routewatch');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    const request = db.transaction('observations').objectStore('observations').getAll();
    const rows = await new Promise<{ kind: string; training?: boolean; deleted: boolean; reviewStatus: string; observedStart: string; totalPersons: number; counts?: { method?: string | null } }[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as never);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
    db.close();
    // The office's local days: the browser's own midnights.
    const from = new Date('2015-10-01T00:00:00').getTime();
    const to = new Date('2015-11-01T00:00:00').getTime();
    return rows
      .filter((r) => r.training === true && !r.deleted && (r.reviewStatus === 'verified' || r.reviewStatus === 'submitted'))
      .filter((r) => (r.kind === 'group_sighting' || r.kind === 'point_count') && r.counts?.method !== 'official_figure')
      .filter((r) => Date.parse(r.observedStart) >= from && Date.parse(r.observedStart) < to)
      .reduce((n, r) => n + r.totalPersons, 0);
  });
}

test('an analyst previews a training report, edits its highlights and exports it as PDF, DOCX, XLSX and CSV, each read back', async ({ page, context, server }) => {
  await offlineWithTrainingData(page, context, server.url);
  await page.goto(`${server.url}/#/report?from=2015-10-01&to=2015-10-31`);
  await page.getByRole('checkbox', { name: /^Training report/ }).check();
  // Training records are submitted, never verified: they count once submitted ones are included.
  await page.getByRole('checkbox', { name: 'Include submitted (unverified) records' }).check();
  await expect(page.getByTestId('report-ready')).toBeVisible({ timeout: 60_000 });
  const report = page.getByTestId('report-page');
  await expect(report.getByTestId('report-watermark')).toHaveText('TRAINING');
  for (const section of ['highlights', 'key-figures', 'flow-map', 'movements', 'presence', 'demographics', 'incidents', 'official', 'methodology', 'annex']) {
    await expect(report.getByTestId(`report-${section}`)).toBeVisible();
  }
  mkdirSync('test-results/screens', { recursive: true });
  // The controls as the analyst sees them; the report itself is looked at as the printed PDF's pages below.
  await page.screenshot({ path: 'test-results/screens/report-controls.png' });
  // The map, the list and the report say the same: persons seen moving in the period.
  const moving = Number(await report.getByTestId('report-moving-total').getAttribute('data-value'));
  expect(moving).toBe(await storeMovingPersons(page));
  expect(moving).toBeGreaterThan(0);

  // The highlights are written from the figures; the analyst edits the first, and the report prints the edit.
  const first = page.getByRole('textbox', { name: 'Highlight 1' });
  await expect(first).not.toHaveValue('');
  const edited = 'Arrivals at Presevo <b>stayed high</b> all month; =SUM(A1) is text.';
  await first.fill(edited);
  await expect(report.getByTestId('report-highlights')).toContainText(edited);
  await expect(report.locator('b')).toHaveCount(0);

  // PDF: the page as printed, read back page by page.
  await page.emulateMedia({ media: 'print' });
  // As Electron's printer prints it: the same page spec (classification, title, TRAINING, page count).
  const pdf = await page.pdf(
    playwrightPdfOptions(reportPdfSpec('A4', { classification: 'INTERNAL', title: 'Situation report', pageOf: 'Page {page} of {pages}', watermark: 'TRAINING' })),
  );
  await page.emulateMedia({ media: 'screen' });
  const pdfFile = test.info().outputPath('report.pdf');
  writeFileSync(pdfFile, pdf);
  writeFileSync('test-results/screens/report-training.pdf', pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile]).toString())?.[1]);
  expect(pages).toBeGreaterThan(1);
  const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString();
  expect(pdfText).toContain('Arrivals at Presevo <b>stayed high</b> all month');
  expect(pdfText).toContain('Key figures');
  expect(pdfText).toContain('Annex A. Persons seen moving by day and country');
  // TRAINING on every page.
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdfFile, '-']).toString();
    expect(text.match(/TRAINING/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Page ${String(p)} of ${String(pages)}`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', pdfFile, 'test-results/screens/report-training-pdf']);

  // DOCX: the same document, opened by LibreOffice and read back.
  const docx = await download(page, 'Export DOCX');
  expect(docx.download.suggestedFilename()).toMatch(/^situation-report-draft-2015-10-01-2015-10-31\.docx$/);
  const dir = test.info().outputPath('docx');
  mkdirSync(dir, { recursive: true });
  const docxFile = path.join(dir, 'report.docx');
  writeFileSync(docxFile, docx.bytes);
  const xml = readZipParts(docx.bytes).get('word/document.xml')?.toString('utf8') ?? '';
  expect(xml).toContain('<w:tbl>');
  expect(xml).toContain('&lt;b&gt;stayed high&lt;/b&gt;');
  // The map and the chart go in as pictures.
  expect([...readZipParts(docx.bytes).keys()].filter((name) => name.startsWith('word/media/')).length).toBeGreaterThanOrEqual(2);
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docxFile], { stdio: 'pipe', timeout: 180_000 });
  const docxPdf = path.join(dir, 'report.pdf');
  const docxText = execFileSync('pdftotext', ['-layout', docxPdf, '-']).toString();
  expect(docxText).toContain('Arrivals at Presevo <b>stayed high</b> all month');
  expect(docxText).toContain('Annex A. Persons seen moving by day and country');
  const movingText = (await report.getByTestId('report-moving-total').textContent()) ?? '';
  expect(docxText).toContain(movingText);
  execFileSync('pdftoppm', ['-png', '-r', '50', docxPdf, 'test-results/screens/report-training-docx']);

  // XLSX: one sheet per table, figures as numbers; the About sheet names the filter.
  const xlsx = await download(page, 'Export tables (XLSX)');
  writeFileSync(test.info().outputPath('annex.xlsx'), xlsx.bytes);
  const parts = readZipParts(xlsx.bytes);
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
  expect(workbook).toContain('name="About"');
  expect(workbook).toContain('name="Persons seen moving by place"');
  const shared = parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
  expect(shared).toContain('Oct 1, 2015 – Oct 31, 2015; all missions, places and kinds');
  const sheetNames = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  const byPlaceSheet = parts.get(`xl/worksheets/sheet${String(sheetNames.indexOf('Persons seen moving by place') + 1)}.xml`)?.toString('utf8') ?? '';
  // The total row's last cell is the persons seen moving, as a number.
  const numbers = [...byPlaceSheet.matchAll(/<c r="[A-Z]+\d+"(?: s="\d+")?><v>(-?[\d.]+)<\/v><\/c>/g)].map((m) => Number(m[1]));
  expect(numbers).toContain(moving);

  // One table as CSV: Annex A by day, its total equal to the records' persons seen moving.
  await page.getByRole('combobox', { name: 'Table' }).selectOption({ label: 'Annex A. Persons seen moving by day and country' });
  const csv = await download(page, 'Export table (CSV)');
  const text = csv.bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  const totalRow = rows[rows.length - 1] ?? [];
  expect(Number(totalRow[totalRow.length - 1])).toBe(moving);
  // 31 days between the header and the total.
  const header = rows.findIndex((row) => row[0] === 'Day');
  expect(rows.length - header - 2).toBe(31);
});

test('issuing: a device not enrolled is told to enrol first; an HQ analyst issues one through the screen, the server numbers it, and its DOCX carries the number', async ({ page, server, outsideRequests }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  // Not enrolled: nobody the server knows would be named as the issuer.
  await openApp(page, server, '#/report');
  await expect(page.getByTestId('report-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Issue report…' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not issued' })).toHaveText(/enrol this device first, so that the report names who issued it/);

  await enrolAsAnalyst(page, server, 'HQ-VIE', 'Hanna', 'HQ laptop');

  await page.getByRole('link', { name: 'Situation report' }).click();
  await expect(page.getByTestId('report-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Add a highlight' }).click();
  await page.getByRole('textbox', { name: 'Highlight 1' }).fill('A quiet week on the route.');
  await page.getByRole('button', { name: 'Issue report…' }).click();
  await expect(page.getByTestId('report-issued')).toContainText('Issued. It waits for its number until it reaches the server');
  await page.getByTestId('report-issued').getByRole('link', { name: 'Open it in Issued reports' }).click();
  // The round the issue started brings the number back.
  await expect(page.getByTestId('issued-number')).toHaveText('No. HQ-VIE-2026-001', { timeout: 30_000 });
  await expect(page.getByTestId('report-number')).toHaveText('No. HQ-VIE-2026-001');
  await expect(page.getByTestId('report-highlights')).toContainText('A quiet week on the route.');
  await page.screenshot({ path: 'test-results/screens/report-issued-view.png' });

  const docx = await download(page, 'Export DOCX');
  expect(docx.download.suggestedFilename()).toBe('situation-report-HQ-VIE-2026-001.docx');
  const xml = readZipParts(docx.bytes).get('word/document.xml')?.toString('utf8') ?? '';
  expect(xml).toContain('No. HQ-VIE-2026-001');
  expect(xml).toContain('A quiet week on the route.');

  // Kept sealed on this device: the highlight is in no row as stored. One changed byte of
  // the envelope, through the plain IndexedDB API: the view says so and shows none of it.
  const url = page.url();
  const stored = await page.evaluate(
    () =>
      new Promise<{ plain: boolean; id: string }>((resolve, reject) => {
        const open = indexedDB.open('routewatch');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const tx = open.result.transaction(['issuedReports', 'issuedReportDocuments'], 'readwrite');
          const documents = tx.objectStore('issuedReportDocuments');
          const rows = tx.objectStore('issuedReports').getAll();
          const all = documents.getAll();
          let plain = false;
          let id = '';
          all.onsuccess = () => {
            const [row] = all.result as { id: string; sealed: Uint8Array }[];
            if (!row) return;
            id = row.id;
            const sealed = row.sealed.slice();
            sealed[sealed.length - 5] = (sealed[sealed.length - 5] ?? 0) ^ 0x20;
            documents.put({ ...row, sealed });
          };
          rows.onsuccess = () => {
            plain = JSON.stringify([rows.result]).includes('A quiet week');
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve({ plain, id });
          };
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        };
      }),
  );
  expect(stored.plain).toBe(false);
  await page.goto('about:blank');
  await page.goto(url);
  await passLock(page);
  await expect(page.getByTestId('issued-unreadable')).toHaveText(/could not be read on this device/);
  await expect(page.getByText('A quiet week on the route.')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/report-issued-unreadable.png' });
  expect(outsideRequests).toEqual([]);
});
