/**
 * Sensitive text reaches no log (issue 12): canary strings in the free-text sensitive
 * fields (notes, the source's name) travel through every path the server and the app
 * log on (accepted pushes, refused changes, a body over the limit, a malformed body,
 * a pull, a record typed in the form and synced) with the server logging at `trace`,
 * its most talkative level. Then the browser's console and page errors and the
 * server's whole output are searched: 0 canaries. The canaries are first seen where
 * they belong (the analyst's detail view), so a search for them cannot pass because
 * they never travelled.
 */
import { randomUUID } from 'node:crypto';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { startServer } from '../support/server-process';
import type { RunningServer } from '../support/server-process';
import { choosePlace, enrol, fillProfile, openFormPanel, storedRows } from './app-actions';
import { expect, openApp, test as base } from './fixtures';
import { createOffice, enrolThroughApi, namedCode, pushThroughApi, recordsOf } from './sync-proof-support';

// A server of its own, logging everything it can.
const test = base.extend<{ server: RunningServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures.
  server: async ({}, use) => {
    const server = await startServer({ logLevel: 'trace' });
    await use(server);
    await server.stop();
  },
});

/** A canary: a string no code, log format or fixture would write by chance. */
const CANARY = `CANARY${randomUUID().replaceAll('-', '').slice(0, 12)}`;

function occurrences(text: string): number {
  return text.split(CANARY).length - 1;
}

test('canaries in sensitive fields appear 0 times in the browser console, page errors and the server output', async ({ page, server, outsideRequests }) => {
  const logs: string[] = [];
  page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`pageerror: ${error.message}\n${error.stack ?? ''}`));

  await createOffice(server);
  const zoran = await enrolThroughApi(server, await namedCode(server, 'field_monitor', 'Zoran Đukić'), 'Laptop Z');
  const pushed = recordsOf(zoran, 20).map((record, i) => ({
    ...record,
    notes: `${CANARY} notes ${String(i)}`,
    source: { type: 'key_informant' as const, name: `${CANARY} source ${String(i)}`, reliability: 'B' as const, credibility: '2' as const },
  }));
  await pushThroughApi(server, zoran, pushed);

  const push = (body: string) =>
    fetch(`${server.url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${zoran.token}` }, body });
  const [base0] = recordsOf(zoran, 1);
  if (!base0) throw new Error('no record');
  // A refused change: a record claiming another office than the device's, carrying canaries.
  const refused = await push(
    JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: [{ changeId: randomUUID(), record: { ...base0, id: randomUUID(), office: 'RS-NIS', notes: `${CANARY} forbidden` } }] }),
  );
  expect(refused.status).toBe(200);
  const outcomes = ((await refused.json()) as { results: { outcome: string; code?: string }[] }).results.map((r) => `${r.outcome} ${r.code ?? ''}`);
  expect(outcomes).toEqual(['refused identity_mismatch']);
  // A record the schema refuses outright: the whole request is answered 400.
  const invalid = await push(JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: [{ changeId: randomUUID(), record: { ...base0, id: randomUUID(), totalPersons: -5, notes: `${CANARY} invalid` } }] }));
  expect(invalid.status).toBe(400);
  // A body over the server's limit, and a body that is not JSON, both full of canaries.
  expect((await push(`{"protocolVersion":${String(SYNC_PROTOCOL_VERSION)},"changes":[],"pad":"${`${CANARY} `.repeat(2_000_000)}"}`)).status).toBe(413);
  expect((await push(`{"notes":"${CANARY} broken`)).status).toBe(400);

  // An HQ analyst's device pulls the records, sees the canaries where they belong, and records one of its own.
  await openApp(page, server);
  await enrol(page, server.url, await namedCode(server, 'hq_analyst', 'Hanna Berger'), 'Laptop H');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');
  const shown = pushed[0];
  if (!shown) throw new Error('no record');
  await page.evaluate((id) => {
    window.location.hash = `#/observation?id=${id}`;
  }, shown.id);
  await expect(page.locator('[data-path="notes"] dd')).toHaveText(`${CANARY} notes 0`);
  await expect(page.locator('[data-path="source.name"] dd')).toHaveText(`${CANARY} source 0`);

  await page.getByRole('link', { name: 'New observation' }).click();
  await fillProfile(page, 'Hanna Berger', 'RS-BEL');
  await page.getByLabel('Kind').selectOption('group_sighting');
  // A place without the pushed records, so that no duplicate question comes first.
  await choosePlace(page, 'Place', 'Miratovac', 'Miratovac');
  await page.getByLabel('Total persons').fill('12');
  await page.getByLabel('Summary', { exact: true }).fill('Group of 12 at the station');
  await page.getByLabel('Source type').selectOption('key_informant');
  await page.getByLabel('Source name').fill(`${CANARY} typed source`);
  await openFormPanel(page, 'Language, classification and notes');
  await page.getByLabel('Notes').fill(`${CANARY} typed notes`);
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
  // Its change waits in the outbox from the moment it is saved until the server has it.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(async () => (await storedRows(page, 'outbox')).length).toBe(0);

  const serverOutput = server.output();
  // The server did log the requests and their failures (so the search below had something to search).
  expect(serverOutput).toContain('"url":"/api/v1/sync/push"');
  expect(serverOutput).toContain('"statusCode":413');
  expect(serverOutput).toContain('"statusCode":400');
  const inServer = occurrences(serverOutput);
  const inBrowser = occurrences(logs.join('\n'));
  console.log(
    `log canaries: 20 records pushed with canaries, 1 refused, 1 invalid, 1 over the limit, 1 malformed, 1 typed and synced; server output ${String(serverOutput.length)} characters, browser log ${String(logs.length)} messages; canaries found: server ${String(inServer)}, browser ${String(inBrowser)}`,
  );
  expect(inServer).toBe(0);
  expect(inBrowser).toBe(0);
  expect(outsideRequests).toEqual([]);
});
