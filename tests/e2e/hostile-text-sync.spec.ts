/**
 * Hostile text on the two sync screens (issue 12), in Chromium against the real server:
 * the Conflicts view (two versions of the same fields side by side, who wrote each, the
 * merged value) with the record's history, and "Needs attention" (changes the server
 * refused: the record as pushed, why, the server's message), with each refused record's
 * detail view. The strings are those of hostile-text.spec.ts: the Big
 * List of Naughty Strings and the OWASP XSS payloads, packed into summaries and notes
 * (every string once on each side), source names and place ids the gazetteer does not
 * know (shown as typed).
 *
 * The conflicts are real: a field monitor and a supervisor of the office (other devices,
 * speaking the device API) edit the same fields of twelve records from the same base, so
 * the server meets each conflict when it merges; a thirteenth is edited offline in the
 * supervisor's laptop (the app, typed) while the field monitor edits it too. The
 * refusals are real: a field monitor's laptop records offline, is revoked by
 * headquarters and enrolled again for another user, so the server refuses every change
 * it kept (`identity_mismatch`), as in sync-attention.spec.ts.
 *
 * What must hold, as in hostile-text.spec.ts: no script runs, no element or attribute
 * that could run script enters the DOM, each string reads back as the text it is, and
 * no screen breaks (nothing overflows the page sideways; every control the screens
 * offer can still be clicked).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Observation } from '../../shared/observations/observation-schema';
import { stampEdit } from '../../shared/sync/merge-conflicts';
import { formatHlc } from '../../shared/sync/hlc';
import { SYNC_PROTOCOL_VERSION, enrolResponseSchema, pushResponseSchema } from '../../shared/sync/protocol';
import type { PushedRevision } from '../../shared/sync/revisions';
import type { RunningServer } from '../support/server-process';
import { choosePlace, openFormPanel } from './app-actions';
import type { TrapReport } from './hostile-text-support';
import { BLNS, HOSTILE, OWASP, Tally, nameable, newWatchedPage, pack, expectNothingRan, payloadCalls, texts } from './hostile-text-support';
import { expect, openApp, test } from './fixtures';

test.use({ bypassCSP: true, actionTimeout: 30_000 });
test.setTimeout(480_000);

const OFFICE = 'RS-BEL';
const SCREENS = 'test-results/screens';

const summaries = pack(HOSTILE, 2000).values;
const notes = pack(HOSTILE, 10_000).values;
const sourceNames = pack(HOSTILE, 200).values;
/** Place ids the gazetteer does not know, shown as typed (blank ones show nothing to read back). */
const placeIds = [...BLNS, ...OWASP].filter((s) => s.trim() !== '' && s.length <= 64);
/** One record per summary: record i's two sides hold summaries i and i+1, so each is once dropped and once kept. */
const CONFLICTED = summaries.length;

interface ApiDevice {
  deviceId: string;
  token: string;
  userName: string;
}

async function admin(server: RunningServer, route: string, body?: unknown): Promise<Response> {
  const token = readFileSync(path.join(server.dataDir, 'admin-token'), 'utf8').trim();
  return fetch(`${server.url}/api/v1/admin/${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function code(server: RunningServer, role: string, userName: string): Promise<string> {
  const response = await admin(server, 'enrolment-codes', { office: OFFICE, role, userName });
  expect(response.status, userName).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

async function apiDevice(server: RunningServer, role: string, userName: string, deviceName: string): Promise<ApiDevice> {
  const response = await fetch(`${server.url}/api/v1/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await code(server, role, userName), deviceName }),
  });
  expect(response.status).toBe(201);
  const enrolled = enrolResponseSchema.parse(await response.json());
  return { deviceId: enrolled.deviceId, token: enrolled.token, userName: enrolled.userName };
}

/** Push changes as the device would (each with its revisions); every one must be accepted. */
async function push(server: RunningServer, device: ApiDevice, changes: { record: Observation; revisions?: PushedRevision[] }[]): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
    body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: changes.map((c) => ({ changeId: randomUUID(), ...c })), pending: 0 }),
  });
  expect(response.status).toBe(200);
  const results = pushResponseSchema.parse(await response.json()).results;
  expect(results.filter((r) => r.outcome !== 'accepted')).toEqual([]);
}

/** A record as its field monitor first wrote it: plain text, which both edits then replace. */
function firstVersion(device: ApiDevice, i: number, nowMs: number): Observation {
  const at = new Date(nowMs - 7_200_000 - i * 60_000).toISOString();
  return {
    id: randomUUID(),
    kind: 'group_sighting',
    mission: 'RS',
    office: OFFICE,
    author: device.userName,
    device: device.deviceId,
    observedStart: at,
    reportedAt: at,
    placeId: 'rs-presevo',
    location: { lat: 42.3 + i * 0.01, lon: 21.6 },
    locationMethod: 'gps',
    totalPersons: 1 + i,
    summary: `Record ${String(i)} as first written`,
    notes: 'First notes',
    source: { type: 'direct_observation', name: 'First source', reliability: null, credibility: null },
    reviewStatus: 'submitted',
    deleted: false,
    hlc: formatHlc({ wallMs: nowMs - 7_200_000, counter: i, node: device.deviceId }),
  };
}

/** An edit of `values` over `current`, stamped as a device stamps it, with its revision (who is named by the server). */
function edit(current: Observation, values: Partial<Observation>, device: ApiDevice, wallMs: number, counter: number): { record: Observation; revisions: PushedRevision[] } {
  const stamp = formatHlc({ wallMs, counter, node: device.deviceId });
  const fields = Object.keys(values);
  const record = stampEdit(current, { ...current, ...values }, fields, stamp);
  const before = current as Readonly<Record<string, unknown>>;
  const after = record as Readonly<Record<string, unknown>>;
  const revision: PushedRevision = {
    id: randomUUID(),
    at: new Date(wallMs).toISOString(),
    hlc: stamp,
    action: 'edit',
    changes: fields.map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null })),
  };
  return { record, revisions: [revision] };
}

/** What a textarea holds once a string is typed into it: its line breaks normalised to LF (HTML's textarea value). */
const typed = (s: string) => s.replace(/\r\n?/g, '\n');

/** The page is no wider than its window: no value pushes the screen (and its controls) sideways. */
async function noSidewaysOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, 'page width against the window').toBeLessThanOrEqual(widths.client);
}

/** Every control of these: visible, enabled, not covered (Playwright's actionability checks, without acting). */
async function allClickable(page: Page, selector: string): Promise<number> {
  const controls = page.locator(selector);
  const count = await controls.count();
  for (let i = 0; i < count; i++) await controls.nth(i).click({ trial: true });
  return count;
}

interface ShownConflict {
  recordId: string;
  title: string;
  headers: Record<string, string>;
  rows: Record<string, { dropped: string; kept: string; merged: string }>;
}

/** Every conflict card of the Conflicts view, read as text. */
async function shownConflicts(page: Page): Promise<ShownConflict[]> {
  return page.locator('section.conflict-card').evaluateAll((cards) =>
    cards.map((card) => {
      const text = (selector: string) => card.querySelector(selector)?.textContent ?? '';
      const rows: Record<string, { dropped: string; kept: string; merged: string }> = {};
      for (const row of Array.from(card.querySelectorAll('tbody tr[data-field]'))) {
        rows[row.getAttribute('data-field') ?? ''] = {
          dropped: row.querySelector('td[data-side="dropped"]')?.textContent ?? '',
          kept: row.querySelector('td[data-side="kept"]')?.textContent ?? '',
          merged: row.querySelector('td.conflict-merged')?.textContent ?? '',
        };
      }
      return {
        recordId: card.closest('[data-record-id]')?.getAttribute('data-record-id') ?? '',
        title: card.closest('[data-record-id]')?.querySelector('h2')?.textContent ?? '',
        headers: { dropped: text('thead th[data-side="dropped"]'), kept: text('thead th[data-side="kept"]') },
        rows,
      };
    }),
  );
}

test('conflicts and refused changes show the naughty strings and XSS payloads as text: 0 scripts run, 0 dangerous elements', async ({ browser, server }) => {
  mkdirSync(SCREENS, { recursive: true });
  const tally = new Tally();
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const traps: TrapReport = { calls: [], added: [], ours: 0 };
  const seen = { conflictCards: 0, refusedChanges: 0, controlsChecked: 0 };
  const printFigures = (): void => {
    const executions = payloadCalls(traps).length + dialogs.length;
    const dangerousElements = tally.dangerous.length + traps.added.length;
    const figures = {
      stringsTried: HOSTILE.length,
      blns: BLNS.length,
      owasp: OWASP.length,
      conflictedRecords: CONFLICTED + 1,
      conflictCards: seen.conflictCards,
      refusedChanges: seen.refusedChanges,
      surfacesChecked: tally.surfaces.size,
      valuesReadBackAsText: [...tally.shown.values()].reduce((s, n) => s + n, 0),
      controlsStillClickable: seen.controlsChecked,
      executions,
      dangerousElements,
      failures: executions + dangerousElements,
    };
    console.log(`hostile text (sync screens): ${JSON.stringify(figures)}`);
    console.log(`surfaces: ${[...tally.surfaces].map((surface) => `${surface} (${String(tally.shown.get(surface) ?? 0)} read back)`).join(', ')}`);
    for (const [key, value] of Object.entries(figures)) test.info().annotations.push({ type: key, description: String(value) });
  };
  try {
    // The office; a field monitor and a supervisor on other devices, named with payloads.
    const officeName = nameable(80).find((s) => s.startsWith('<script')) ?? '<script>__xss(0)</script>';
    expect((await admin(server, 'offices', { code: OFFICE, mission: 'RS', name: officeName })).status).toBe(201);
    const names = nameable(120).filter((s) => /[<>"']/.test(s));
    const deviceNames = nameable(100).filter((s) => /on\w+=|javascript:/i.test(s));
    const monitor = await apiDevice(server, 'field_monitor', names[0] ?? '<b>monitor</b>', deviceNames[0] ?? 'onload=x');
    const supervisor = await apiDevice(server, 'supervisor', names[1] ?? '<i>supervisor</i>', deviceNames[1] ?? 'onerror=x');

    // The records as first written (one more for the conflict typed in the app).
    const nowMs = Date.now();
    const first = Array.from({ length: CONFLICTED + 1 }, (_, i) => firstVersion(monitor, i, nowMs));
    await push(server, monitor, first.map((record) => ({ record })));

    // Both edit the same fields of each record from the same version: the monitor first, the supervisor later (kept).
    const sideA = (i: number): Partial<Observation> => ({
      summary: summaries[i] ?? '',
      notes: notes[i % notes.length] ?? '',
      placeId: placeIds[2 * i] ?? 'a',
      source: { type: 'direct_observation', name: sourceNames[2 * i] ?? 'a', reliability: null, credibility: null },
    });
    const sideB = (i: number): Partial<Observation> => ({
      summary: summaries[(i + 1) % summaries.length] ?? '',
      notes: notes[(i + 1) % notes.length] ?? '',
      placeId: placeIds[2 * i + 1] ?? 'b',
      source: { type: 'direct_observation', name: sourceNames[2 * i + 1] ?? 'b', reliability: null, credibility: null },
    });
    const conflicted = first.slice(0, CONFLICTED);
    await push(server, monitor, conflicted.map((record, i) => edit(record, sideA(i), monitor, nowMs - 3_600_000, i)));
    await push(server, supervisor, conflicted.map((record, i) => edit(record, sideB(i), supervisor, nowMs - 1_800_000, i)));

    // The supervisor's laptop (the app), its user and device named with payloads.
    const laptopUser = nameable(120).find((s) => s.includes('onerror')) ?? '<img src=x onerror=__xss(0)>';
    const laptopDevice = nameable(100).find((s) => s.includes('<svg')) ?? '<svg/onload=__xss(0)>';
    const l = await newWatchedPage(browser, traps, dialogs, consoleErrors);
    await openApp(l, server, '#/settings');
    await l.getByLabel('Server address').fill(server.url);
    await l.getByLabel('Enrolment code').fill(await code(server, 'supervisor', laptopUser));
    await l.getByLabel('Device name').fill(laptopDevice);
    await l.getByRole('button', { name: 'Enrol this device' }).click();
    await expect(l.getByTestId('enrolled')).toContainText(OFFICE);
    await expect(l.getByTestId('pending-count')).toHaveText('All changes synced', { timeout: 60_000 });
    const nav = l.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: `Conflicts (${String(CONFLICTED)})` })).toBeVisible({ timeout: 60_000 });

    // The thirteenth record: typed offline in the app while the field monitor edits it too; the later edit (the monitor's) is kept.
    const typedRecord = first[CONFLICTED] as Observation;
    const mineSummary = OWASP.slice(0, 40).join('\n').slice(0, 2000);
    const mineNotes = BLNS.filter((s) => /[<>]/.test(s)).join('\n').slice(0, 10_000);
    const theirsSummary = BLNS.filter((s) => s.includes('<script') || s.includes('<img')).join('\n').slice(0, 2000);
    await l.context().setOffline(true);
    await l.evaluate((id) => {
      window.location.hash = `#/edit?id=${id}`;
    }, typedRecord.id);
    await l.getByLabel('Summary', { exact: true }).fill(mineSummary);
    await openFormPanel(l, 'Language, classification and notes');
    await l.getByLabel('Notes', { exact: true }).fill(mineNotes);
    await l.getByRole('button', { name: 'Submit changes' }).click();
    await expect(l.getByRole('status').filter({ hasText: /submitted/ })).toBeVisible();
    await push(server, monitor, [edit(typedRecord, { summary: theirsSummary }, monitor, Date.now(), 0)]);
    await l.context().setOffline(false);
    await l.getByRole('button', { name: 'Sync now' }).click();
    await expect(l.getByTestId('pending-count')).toHaveText('All changes synced');
    await l.getByRole('button', { name: 'Sync now' }).click();
    await expect(l.getByTestId('last-sync')).toHaveText(/^Last sync/);
    await expect(nav.getByRole('link', { name: `Conflicts (${String(CONFLICTED + 1)})` })).toBeVisible({ timeout: 60_000 });

    // The Conflicts view: both sides and the merge of every unit, as text.
    await nav.getByRole('link', { name: `Conflicts (${String(CONFLICTED + 1)})` }).click();
    await expect(l.locator('[data-record-id]')).toHaveCount(CONFLICTED + 1);
    const cards = await shownConflicts(l);
    seen.conflictCards = cards.length;
    const cardsOf = (id: string) => cards.filter((c) => c.recordId === id);
    let read = 0;
    for (const [i, record] of conflicted.entries()) {
      const a = sideA(i);
      const b = sideB(i);
      const mine = cardsOf(record.id);
      const row = (field: string) => mine.find((c) => field in c.rows && c.rows[field]?.dropped !== c.rows[field]?.kept)?.rows[field];
      expect(row('summary'), `summary of record ${String(i)}`).toEqual({ dropped: a.summary, kept: b.summary, merged: b.summary });
      expect(row('notes'), `notes of record ${String(i)}`).toEqual({ dropped: a.notes, kept: b.notes, merged: b.notes });
      expect(row('placeId')?.dropped, `place of record ${String(i)}`).toContain(a.placeId);
      expect(row('placeId')?.kept, `place of record ${String(i)}`).toContain(b.placeId);
      expect(row('source')?.dropped, `source of record ${String(i)}`).toContain(a.source?.name);
      expect(row('source')?.kept, `source of record ${String(i)}`).toContain(b.source?.name);
      // The record's title names its place as it is now (the kept place id, as typed).
      expect(mine[0]?.title, `title of record ${String(i)}`).toContain(b.placeId);
      // Who wrote each side, named as the server enrolled them.
      for (const card of mine) {
        expect(card.headers.dropped).toContain(monitor.userName);
        expect(card.headers.kept).toContain(supervisor.userName);
      }
      read += 6 + 2 + 2 + 1 + 2 * mine.length;
    }
    const typedCards = cardsOf(typedRecord.id);
    expect(typedCards.map((c) => c.rows.summary).filter((r) => r !== undefined)).toEqual([{ dropped: typed(mineSummary), kept: theirsSummary, merged: theirsSummary }]);
    const typedSummaryCard = typedCards.find((c) => c.rows.summary !== undefined);
    expect(typedSummaryCard?.headers.dropped).toContain('Mine');
    expect(typedSummaryCard?.headers.dropped).toContain(laptopUser);
    expect(typedSummaryCard?.headers.kept).toContain('Theirs');
    expect(typedSummaryCard?.headers.kept).toContain(monitor.userName);
    read += 3 + 2;
    tally.saw('conflicts view', read);
    await tally.scan(l, 'conflicts view');
    // Nothing hidden by what the strings hold: the page keeps its width, every "Keep this" can be clicked.
    await noSidewaysOverflow(l);
    seen.controlsChecked += await allClickable(l, 'button[data-pick]');
    // The screen scrolls inside the app's shell: its heading, then the typed conflict's column heads, brought into view.
    await l.locator('h1').evaluate((h) => h.scrollIntoView({ block: 'center' }));
    await l.screenshot({ path: `${SCREENS}/hostile-sync-01-conflicts.png` });
    await l.locator(`[data-record-id="${typedRecord.id}"] thead`).first().evaluate((head) => head.scrollIntoView({ block: 'start' }));
    await l.screenshot({ path: `${SCREENS}/hostile-sync-02-conflicts-typed.png` });

    // Each record's history: the two edits and the conflict, before and after, as text.
    for (const [i, record] of [...conflicted, typedRecord].entries()) {
      await l.goto(`${server.url}/#/observation?id=${record.id}`);
      const expected = i < CONFLICTED ? [sideA(i).summary ?? '', sideB(i).summary ?? ''] : [typed(mineSummary), theirsSummary];
      // The view shows this record (the kept summary) and its history has arrived (both sides, as text).
      await expect.poll(() => l.locator('[data-path="summary"] dd').textContent()).toBe(expected[1]);
      await expect(l.getByTestId('history').getByText('Edited in two places').first()).toBeVisible();
      const summaryValues = '[data-testid="history"] li[data-field="summary"] .history-before, [data-testid="history"] li[data-field="summary"] .history-after';
      await expect
        .poll(async () => {
          const shownValues = await texts(l, summaryValues);
          return expected.filter((value) => !shownValues.includes(value)).length;
        }, { message: `history of record ${String(i)}` })
        .toBe(0);
      // Each value is a bidi isolate: summary 3 holds direction marks it never closes (BLNS), which must not reorder the arrow and the other value.
      const notIsolated = await l
        .locator('[data-testid="history"] .history-before, [data-testid="history"] .history-after')
        .evaluateAll((values) => values.filter((v) => getComputedStyle(v).unicodeBidi !== 'isolate').map((v) => v.textContent.slice(0, 40)));
      expect(notIsolated, `history values of record ${String(i)} not isolated`).toEqual([]);
      const heads = (await texts(l, '[data-testid="history"] .history-head')).join('\n');
      expect(heads).toContain(monitor.userName);
      expect(heads).toContain(i < CONFLICTED ? supervisor.userName : laptopUser);
      tally.saw('record history', expected.length + 2);
      await tally.scan(l, 'record history');
      await noSidewaysOverflow(l);
    }
    await l.getByTestId('history').scrollIntoViewIfNeeded();
    await l.screenshot({ path: `${SCREENS}/hostile-sync-03-history.png` });
    await l.context().close();

    // A field monitor's laptop records offline, is revoked, and is enrolled again for another user: the server refuses what it kept.
    const monitorUser = names[2] ?? '"><b>monitor</b>';
    const monitorDevice = deviceNames[2] ?? 'javascript:__xss(0)';
    const m = await newWatchedPage(browser, traps, dialogs, consoleErrors);
    await openApp(m, server, '#/settings');
    await m.getByLabel('Server address').fill(server.url);
    await m.getByLabel('Enrolment code').fill(await code(server, 'field_monitor', monitorUser));
    await m.getByLabel('Device name').fill(monitorDevice);
    await m.getByRole('button', { name: 'Enrol this device' }).click();
    await expect(m.getByTestId('enrolled-user')).toHaveText(monitorUser);
    await m.context().setOffline(true);
    // The starts of the summaries a look-alike may have, as the duplicate check cuts them.
    const knownStarts = [...summaries.map(typed), theirsSummary].map((text) => text.slice(0, 120));
    for (const [i, summary] of summaries.entries()) {
      await m.getByRole('link', { name: 'New observation' }).click();
      await expect(m.getByTestId('form-author')).toHaveText(monitorUser);
      await m.getByLabel('Kind').selectOption('group_sighting');
      await choosePlace(m, 'Place', 'Presevo', 'Presevo');
      await m.getByLabel('Total persons').fill('12');
      await m.getByLabel('Summary', { exact: true }).fill(summary);
      await openFormPanel(m, 'Language, classification and notes');
      await m.getByLabel('Notes', { exact: true }).fill(notes[i % notes.length] ?? '');
      await m.getByRole('button', { name: 'Submit observation' }).click();
      const submitted = m.getByRole('status').filter({ hasText: 'Observation submitted.' });
      const duplicates = m.getByRole('region', { name: 'Is this a duplicate?' });
      await expect(submitted.or(duplicates)).toBeVisible();
      if (await duplicates.isVisible()) {
        // The duplicate check lists look-alikes (those typed here, the one the app's other records share a place with): author and summary's start, as text.
        await expect(duplicates.getByRole('listitem').first()).toBeVisible();
        const listed = await texts(m, '.duplicate-list li');
        const unknown = listed.filter((item) => !knownStarts.some((start) => item.endsWith(` — ${start}`)));
        expect(unknown, 'look-alikes whose summary is not one typed').toEqual([]);
        // The author and the summary each a bidi isolate (the li runs on past them).
        const isolates = await m.locator('.duplicate-list li bdi').evaluateAll((values) => values.map((v) => getComputedStyle(v).unicodeBidi));
        expect(isolates.length).toBeGreaterThanOrEqual(listed.length);
        expect(isolates.filter((value) => value !== 'isolate')).toEqual([]);
        tally.saw('duplicate check', listed.length);
        await tally.scan(m, 'duplicate check');
        if (i === summaries.length - 1) await duplicates.screenshot({ path: `${SCREENS}/hostile-sync-00-duplicate-check.png` });
        await duplicates.getByRole('button', { name: 'Submit anyway' }).click();
      }
      await expect(submitted).toBeVisible();
    }
    const kept = summaries.length;
    await expect(m.getByTestId('pending-count')).toHaveText(`${String(kept)} changes waiting to sync`);
    const devices = (await (await admin(server, 'devices')).json()) as { devices: { deviceId: string; deviceName: string; revokedAt: string | null }[] };
    const device = devices.devices.find((d) => d.deviceName === monitorDevice && d.revokedAt === null);
    expect(device, 'the laptop on the server').toBeDefined();
    expect((await admin(server, `devices/${device?.deviceId ?? ''}/revoke`, {})).status).toBe(200);
    await m.context().setOffline(false);
    await m.getByRole('button', { name: 'Sync now' }).click();
    await expect(m.getByTestId('pending-count')).toHaveText(`This device was revoked — ${String(kept)} changes kept on this device`);
    await m.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Device & sync' }).click();
    const newUser = names[3] ?? "'><i>other</i>";
    const again = m.getByRole('form', { name: 'Enrol again' });
    await again.getByLabel('Enrolment code').fill(await code(server, 'field_monitor', newUser));
    await again.getByRole('button', { name: 'Enrol again' }).click();
    await expect(m.getByTestId('enrolled-user')).toHaveText(newUser);
    await expect(m.getByTestId('attention-link')).toHaveText(`${String(kept)} changes need attention`, { timeout: 60_000 });

    // "Needs attention": each refused record as pushed, why, and the server's message, as text.
    await m.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: `Needs attention (${String(kept)})` }).click();
    const items = m.getByTestId('attention-item');
    await expect(items).toHaveCount(kept);
    seen.refusedChanges = kept;
    const shown = await texts(m, '[data-testid="attention-item"] .attention-summary');
    expect([...shown].sort()).toEqual(summaries.map(typed).sort());
    expect(await texts(m, '[data-testid="attention-item"] h2')).toEqual(Array.from({ length: kept }, () => 'Group sighting · Presevo'));
    const reasons = await texts(m, '[data-testid="attention-item"] .attention-reason');
    expect(reasons.every((r) => r.startsWith('This change was made under another user or office'))).toBe(true);
    const serverSaid = await texts(m, '[data-testid="attention-item"] .attention-server');
    expect(serverSaid).toHaveLength(kept);
    expect(serverSaid.every((s) => s.startsWith('Server message:'))).toBe(true);
    tally.saw('needs attention', shown.length + serverSaid.length);
    await tally.scan(m, 'needs attention');
    await noSidewaysOverflow(m);
    // Made under another user: no "Edit and resend" is offered (it could not resend them), the screen says to export.
    await expect(m.locator('[data-testid="attention-item"] a.button-link')).toHaveCount(0);
    await expect(m.getByText('It cannot be edited and resent from this device as it is now enrolled. Export the waiting changes and send the file to headquarters.')).toHaveCount(kept);
    seen.controlsChecked += await allClickable(m, 'button:has-text("Export waiting changes")');
    await m.locator('h1').evaluate((h) => h.scrollIntoView({ block: 'center' }));
    await m.screenshot({ path: `${SCREENS}/hostile-sync-04-needs-attention.png` });

    const edits = await items.evaluateAll((lis) => lis.map((li) => ({ id: li.getAttribute('data-record-id') ?? '', summary: li.querySelector('.attention-summary')?.textContent ?? '' })));
    expect(edits).toHaveLength(kept);
    // Each refused record as this device keeps it: its detail view shows the summary as typed and who wrote it.
    for (const { id, summary } of edits) {
      expect(summaries.map(typed), `summary of refused change ${id}`).toContain(summary);
      await m.goto(`${server.url}/#/observation?id=${id}`);
      await expect.poll(() => m.locator('[data-path="summary"] dd').textContent(), { message: `summary of refused record ${id}` }).toBe(summary);
      expect((await m.locator('main').textContent()) ?? '').toContain(monitorUser);
      tally.saw('refused record detail', 2);
      await tally.scan(m, 'refused record detail');
      await noSidewaysOverflow(m);
    }
    await m.context().close();

    // The app's own module scripts were seen arriving: the watch works.
    expect(traps.ours).toBeGreaterThan(0);
  } finally {
    printFigures();
  }
  expectNothingRan(traps, dialogs, tally, consoleErrors);
});
