/**
 * The report's PDF page (issue 11, Outputs), in Chromium: the paper asked for, the
 * classification at the top and the bottom of every page, the report's title, and
 * "Page X of Y". Electron prints with `webContents.printToPDF` and the spec of
 * shared/reports/pdf-page.ts; here the same printer prints the same page with the same
 * spec (Playwright's `page.pdf`), and the PDF is read back with poppler. Web mode's
 * "Export PDF" opens the browser's print dialog and says so, never that a file was saved.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { playwrightPdfOptions, reportPdfSpec } from '../../shared/reports/pdf-page';
import type { PaperSize } from '../../shared/reports/pdf-page';
import { recordObservation } from './app-actions';
import { expect, openApp, test } from './fixtures';

/** Print the report page as Electron would, write it, and read each page's text back. */
async function printAsElectron(page: Page, paper: PaperSize, classification: string, name: string): Promise<{ pages: string[]; info: string }> {
  const title = (await page.getByRole('heading', { level: 2 }).first().textContent()) ?? '';
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf(playwrightPdfOptions(reportPdfSpec(paper, { classification, title, pageOf: 'Page {page} of {pages}' })));
  await page.emulateMedia({ media: 'screen' });
  const file = test.info().outputPath(`${name}.pdf`);
  writeFileSync(file, pdf);
  mkdirSync('test-results/screens', { recursive: true });
  writeFileSync(`test-results/screens/${name}.pdf`, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, `test-results/screens/${name}-page1`]);
  const info = execFileSync('pdfinfo', [file]).toString();
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '0');
  const pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-']).toString());
  return { pages, info };
}

test('the report prints on A4 or Letter with its classification and "Page X of Y" on every page; web mode says the print dialog opened', async ({ page, server }) => {
  await openApp(page, server);
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Presevo', persons: '37', summary: 'a' });
  await page.getByRole('link', { name: 'Situation report' }).click();
  await page.getByLabel('Classification').selectOption('restricted');
  await expect(page.getByTestId('report-classification')).toHaveText('RESTRICTED');

  // Web mode: the browser's print dialog, and the screen says that much and no more.
  await page.evaluate(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => {
      (window as unknown as { printCalls: number }).printCalls += 1;
    };
  });
  await page.getByLabel('Paper').selectOption('Letter');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The print dialog is open' })).toHaveText(
    'The print dialog is open: choose "Save as PDF" as the printer to keep the report as a PDF.',
  );
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);

  for (const paper of ['A4', 'Letter'] as const) {
    const { pages, info } = await printAsElectron(page, paper, 'RESTRICTED', `report-pdf-${paper}`);
    expect(info).toMatch(paper === 'A4' ? /Page size:.*\(A4\)/ : /Page size:\s+612 x 792 pts \(letter\)/);
    expect(pages.length).toBeGreaterThan(0);
    pages.forEach((text, i) => {
      // At the top and at the bottom of each page.
      expect(text.match(/RESTRICTED/g)?.length ?? 0, `page ${String(i + 1)}`).toBeGreaterThanOrEqual(2);
      expect(text).toContain(`Page ${String(i + 1)} of ${String(pages.length)}`);
    });
    expect(pages[0]).toContain('Situation report');
  }
});

test("a long table's total row is printed once, at its end, and its column heads on every page", async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('link', { name: 'Situation report' }).click();
  // A table of 150 places, laid out as the report's tables are, long enough for three pages.
  await page.getByTestId('report-page').evaluate((article) => {
    const table = document.createElement('table');
    table.className = 'data-table report-table';
    const head = table.createTHead().insertRow();
    for (const name of ['Place', 'Persons']) head.appendChild(document.createElement('th')).textContent = name;
    const body = table.createTBody();
    for (let i = 1; i <= 150; i++) {
      const row = body.insertRow();
      row.insertCell().textContent = `Place ${String(i)}`;
      row.insertCell().textContent = String(i);
    }
    const foot = table.createTFoot().insertRow();
    foot.insertCell().textContent = 'Grand total';
    foot.insertCell().textContent = '11325';
    article.appendChild(table);
  });
  const { pages } = await printAsElectron(page, 'A4', 'INTERNAL', 'report-pdf-long-table');
  expect(pages.length).toBeGreaterThanOrEqual(3);
  const totals = pages.map((text) => (text.match(/Grand total/g) ?? []).length);
  expect(totals.reduce((a, b) => a + b, 0)).toBe(1);
  expect(totals.at(-1)).toBe(1);
  expect(pages.at(-1)).toMatch(/Place 150\s+150[\s\S]*Grand total\s+11325/);
  const heads = pages.filter((text) => /PLACE\s+PERSONS/i.test(text)).length;
  expect(heads).toBeGreaterThanOrEqual(3);
});
