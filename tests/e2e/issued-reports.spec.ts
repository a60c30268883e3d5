/**
 * Issued reports sync (issue 11): an HQ analyst's laptop holds a report issued while the
 * server could not be reached ("Number assigned on sync", waiting), syncs, and the number the server gave appears
 * in "Issued reports"; an analyst of another HQ office pulls it with its first round.
 *
 * The report screen's "Issue" button is wired elsewhere: here the report is written
 * into the app's IndexedDB in the shape IssuedReportStore.issueReport writes (pending,
 * number null), with the page's own IndexedDB API, as other specs read the store.
 */
import type { Page } from '@playwright/test';
import { documentToWire } from '../../shared/reports/issued-report';
import { sampleParameters, sampleReportDocument, TINY_PNG_BASE64 } from '../../test-support/shared/issued-report-fixtures';
import { enrolAsAnalyst } from './app-actions';
import { expect, test } from './fixtures';
import type { RunningServer } from '../support/server-process';

/** Keep a report as issued on this device, as issueReport does: waiting, without a number. */
async function issueInPage(page: Page, id: string, issuedAt: string, highlight: string, from: string, to: string): Promise<void> {
  const wire = documentToWire(sampleReportDocument());
  await page.evaluate(
    ({ row, wire, png }) =>
      new Promise<void>((resolve, reject) => {
        const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
        const document = {
          ...wire,
          sections: wire.sections.map((s) => ({
            ...s,
            blocks: s.blocks.map((b) => {
              if (b.kind !== 'image') return b;
              const { pngBase64: _png, ...rest } = b;
              return { ...rest, png: bytes };
            }),
          })),
        };
        const open = indexedDB.open('routewatch');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          // As the store writes it: the row, and its document apart.
          const tx = open.result.transaction(['issuedReports', 'issuedReportDocuments'], 'readwrite');
          tx.objectStore('issuedReports').add(row);
          tx.objectStore('issuedReportDocuments').add({ id: row.id, document });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error('cannot write the report'));
        };
      }),
    {
      png: TINY_PNG_BASE64,
      wire,
      row: {
        id,
        number: null,
        parameters: sampleParameters({ period: { from, to } }),
        highlights: [highlight],
        issuedAt,
        issuedBy: 'Hanna',
        office: 'HQ-VIE',
        receivedAt: null,
        pending: 1,
      },
    },
  );
}

const issuedRows = (page: Page) => page.getByTestId('issued-row');
const REPORTS_API = '**/api/v1/reports*';

/** Write a report as issued while the reports API is cut, and open the list afresh (Dexie reads it at start). */
async function issueWhileReportsUnreachable(page: Page, server: RunningServer, ...report: Parameters<typeof issueInPage> extends [Page, ...infer R] ? R : never): Promise<void> {
  await page.route(REPORTS_API, (route) => route.abort('connectionrefused'));
  await issueInPage(page, ...report);
  // A new page load: the app starts, reads the table, and runs a round, whose reports part fails.
  await page.goto(`${server.url}/#/reports/issued`);
  await page.reload();
  await expect(page.getByTestId('issued-sync-error')).toHaveText(/Issued reports did not sync in the last round: The server cannot be reached/);
}

test('a report issued while the server cannot be reached gets its number on sync, and another HQ office pulls it', async ({ page, browser, server, outsideRequests }) => {
  await enrolAsAnalyst(page, server, 'HQ-VIE', 'Hanna', 'HQ laptop');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');

  await issueWhileReportsUnreachable(page, server, '0195e6a0-0000-7000-8000-0000000000a1', '2026-04-01T08:00:00.000Z', 'Entries rose by a fifth against February.', '2026-03-01', '2026-03-31');
  await expect(page.getByRole('heading', { name: 'Issued reports' })).toBeVisible();
  await expect(issuedRows(page)).toHaveCount(1);
  await expect(issuedRows(page).first()).toContainText('Number assigned on sync');
  await expect(issuedRows(page).first()).toContainText('Waiting to sync');
  await expect(page.getByTestId('reports-waiting-link')).toHaveText('1 issued report waiting to sync');
  // The observations' round went through: its status says so, not the reports' failure.
  await expect(page.getByTestId('sync-error')).toHaveCount(0);

  await page.unroute(REPORTS_API);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(issuedRows(page).first()).toContainText('HQ-VIE-2026-001');
  await expect(issuedRows(page).first()).toContainText('Synced');
  await expect(page.getByTestId('reports-waiting-link')).toHaveCount(0);
  await expect(page.getByTestId('issued-sync-error')).toHaveCount(0);

  // A second report, issued while cut off: the list shows one numbered and one waiting.
  await issueWhileReportsUnreachable(page, server, '0195e6a0-0000-7000-8000-0000000000a2', '2026-05-01T08:00:00.000Z', 'Fewer crossings at Tabanovce.', '2026-04-01', '2026-04-30');
  await expect(issuedRows(page)).toHaveCount(2);
  await expect(issuedRows(page).nth(0)).toContainText('Number assigned on sync');
  await expect(issuedRows(page).nth(0)).toContainText('Waiting to sync');
  await expect(issuedRows(page).nth(1)).toContainText('HQ-VIE-2026-001');
  await page.screenshot({ path: 'test-results/screens/issued-reports-01-list.png', fullPage: true });

  // One report, read only: its number line, highlights and sections.
  await issuedRows(page).nth(1).getByRole('link').click();
  await expect(page.getByTestId('issued-number')).toHaveText('No. HQ-VIE-2026-001');
  // The document as issued (its highlights are its first section).
  await expect(page.getByTestId('report-page')).toContainText('Entries rose by a fifth.');
  await expect(page.getByRole('heading', { name: 'Persons by place' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/issued-reports-02-view.png', fullPage: true });

  await page.unroute(REPORTS_API);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByRole('link', { name: 'Back to issued reports' }).click();
  await expect(issuedRows(page).nth(0)).toContainText('HQ-VIE-2026-002');

  // An analyst of another HQ office pulls both with the first round after enrolment.
  const other = await browser.newContext();
  const greta = await other.newPage();
  await enrolAsAnalyst(greta, server, 'HQ-GVA', 'Greta', 'Geneva laptop');
  await greta.getByRole('link', { name: 'Issued reports' }).click();
  await expect(issuedRows(greta)).toHaveCount(2);
  await expect(issuedRows(greta).nth(1)).toContainText('HQ-VIE-2026-001');
  await expect(issuedRows(greta).nth(1)).toContainText('Hanna');
  await expect(issuedRows(greta).nth(1)).toContainText('HQ-VIE');
  await expect(issuedRows(greta).nth(1)).toContainText('Synced');
  await greta.screenshot({ path: 'test-results/screens/issued-reports-03-pulled.png', fullPage: true });
  await other.close();
  expect(outsideRequests).toEqual([]);
});
