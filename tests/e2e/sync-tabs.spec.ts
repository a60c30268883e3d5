/**
 * One writer across tabs (issue 10, Web Locks), in Chromium against the real server:
 * two tabs of the app on one browser profile share one IndexedDB and one enrolment.
 * With 1,200 changes waiting (three push batches) and 50 records of another laptop to
 * pull, "Sync now" is pressed in both tabs at once. One tab takes the sync lock and the
 * other stands aside while it is held; every change reaches the server exactly once
 * (its audit log and feed, read from its database), both tabs end saying the same true
 * thing, and both read the cursor the server's feed says.
 *
 * The 1,200 records go through the app's own store (ObservationStore.createObservations,
 * by the bench page's `fillLarge`: same origin, same database) before enrolment, as
 * user "Bench" of RS-BEL; the code is for that user, so enrolment has nothing to adopt
 * and each record waits as one change (adoption is sync-adoption.spec.ts's subject).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { enrol } from './app-actions';
import type { RunningServer } from '../support/server-process';
import {
  createOffice,
  enrolThroughApi,
  gate,
  isPush,
  idbRows,
  namedCode,
  pushThroughApi,
  queryStoppedServer,
  recordThroughStore,
  recordsOf,
  BENCH_USER,
  storedCursor,
  watchSyncRequests,
} from './sync-proof-support';

const WAITING = 1200;
const FROM_OTHER_LAPTOP = 50;

/**
 * Two tabs of an enrolled device with `count` changes waiting in both and no round run
 * yet: enrolled while the sync routes do not answer (the enrolment itself goes
 * through), so that the rounds enrolment and start-up begin fail and send nothing.
 */
async function twoTabsWaiting(tabA: Page, context: BrowserContext, server: RunningServer, count: number): Promise<Page> {
  await recordThroughStore(tabA, server, count);
  await openApp(tabA, server);
  await expect(tabA.getByTestId('pending-count')).toHaveText(`${count.toLocaleString('en')} changes kept on this device — not enrolled`);
  await context.route('**/api/v1/sync/**', (route) => route.abort('connectionrefused'));
  await enrol(tabA, server.url, await namedCode(server, 'field_monitor', BENCH_USER), 'Laptop A');
  await expect(tabA.getByTestId('sync-error')).toHaveText(/^The server cannot be reached/);
  const tabB = await context.newPage();
  await openApp(tabB, server);
  await expect(tabB.getByTestId('sync-error')).toHaveText(/^The server cannot be reached/);
  for (const tab of [tabA, tabB]) await expect(tab.getByTestId('pending-count')).toHaveText(`${count.toLocaleString('en')} changes waiting to sync`);
  await context.unroute('**/api/v1/sync/**');
  return tabB;
}

interface PushAudit {
  [column: string]: unknown;
  received: number;
  accepted: number;
  inserted: number;
  refused: number;
}

test('two tabs press "Sync now" at once: one pushes under the lock, every change arrives once, both tabs agree', async ({ page: tabA, context, server, outsideRequests }) => {
  await createOffice(server);
  // Another laptop of the office has sent records this device will pull.
  const other = await enrolThroughApi(server, await namedCode(server, 'field_monitor', 'Zoran Đukić'), 'Laptop Z');
  await pushThroughApi(server, other, recordsOf(other, FROM_OTHER_LAPTOP));
  const tabB = await twoTabsWaiting(tabA, context, server, WAITING);

  // Both tabs press "Sync now" at once. The first push of whichever tab takes the lock
  // waits at a gate, so that the lock is certainly held while the other's press lands.
  const requests = watchSyncRequests(context);
  const pushes = await gate(context, isPush);
  await Promise.all([tabA, tabB].map((tab) => tab.getByRole('button', { name: 'Sync now' }).click()));
  await expect.poll(() => pushes.held.length).toBe(1);
  const writer = pushes.held[0]?.frame().page() === tabA ? tabA : tabB;
  const aside = writer === tabA ? tabB : tabA;
  await expect(writer.getByTestId('last-sync')).toHaveText('Syncing…');
  // The tab that stood aside says so, and waits in line for the lock the writer holds.
  await expect(aside.getByTestId('last-sync')).toHaveText('Another Routewatch window is syncing; this one follows when it is done');
  // The error of its last round (the server did not answer then) is not said beside it as if it were now.
  await expect(aside.getByTestId('sync-error')).toHaveCount(0);
  const locks = () =>
    aside.evaluate(async () => {
      const state = await navigator.locks.query();
      return { held: (state.held ?? []).map((lock) => lock.name), pending: (state.pending ?? []).map((lock) => lock.name) };
    });
  await expect.poll(locks).toEqual({ held: ['routewatch-sync'], pending: ['routewatch-sync'] });
  // It has sent nothing while it waits.
  expect(requests.filter((r) => r.page === aside)).toEqual([]);
  await aside.screenshot({ path: 'test-results/screens/sync-tabs-01-tab-standing-aside.png' });

  pushes.open();
  await expect(writer.getByTestId('pending-count')).toHaveText('All changes synced');
  await expect(writer.getByTestId('last-sync')).toHaveText(/^Last sync/);
  // The other tab then runs a round of its own, without a press: it finds nothing left to send.
  for (const tab of [tabA, tabB]) {
    await expect(tab.getByTestId('pending-count')).toHaveText('All changes synced');
    await expect(tab.getByTestId('last-sync')).toHaveText(/^Last sync/);
    await expect(tab.getByTestId('sync-error')).toHaveCount(0);
  }
  await writer.screenshot({ path: 'test-results/screens/sync-tabs-02-writer-synced.png' });

  // On the wire: only the writer pushed; no change id went twice; every record once.
  const pushed = requests.filter((r) => r.kind === 'push');
  expect(pushed.every((r) => r.page === writer)).toBe(true);
  const changeIds = pushed.flatMap((r) => r.changeIds);
  expect(changeIds).toHaveLength(WAITING);
  expect(new Set(changeIds).size).toBe(WAITING);
  expect(pushed.map((r) => r.changeIds.length)).toEqual([500, 500, 200]);

  // Both tabs read one database: the same cursor, every record once, nothing waiting.
  const [cursorA, cursorB] = [await storedCursor(tabA), await storedCursor(tabB)];
  expect(cursorA).not.toBeNull();
  expect(cursorB).toBe(cursorA);
  const stored = await idbRows<{ id: string; author: string }>(tabB, 'observations');
  expect(stored).toHaveLength(WAITING + FROM_OTHER_LAPTOP);
  expect(stored.filter((r) => r.author === 'Zoran Đukić')).toHaveLength(FROM_OTHER_LAPTOP);
  expect(await idbRows(tabA, 'outbox')).toEqual([]);
  expect(await idbRows(tabA, 'pendingGroups')).toEqual([]);
  const enrolment = (await idbRows<{ key: string; value: { deviceId: string } }>(tabA, 'meta')).find((row) => row.key === 'enrolment');
  const deviceId = enrolment?.value.deviceId ?? '';
  expect(deviceId).toMatch(/^[A-Za-z0-9_]+$/);
  expect(outsideRequests).toEqual([]);

  // The server, read from its database once stopped: the feed holds each of this
  // device's records once, every push took each change once, and the cursor both tabs
  // hold is the last feed row in this device's scope (the other laptop's last).
  const db = await queryStoppedServer(server, {
    feed: `SELECT count(*)::int AS rows, count(DISTINCT record_id)::int AS records, count(DISTINCT change_id)::int AS changes FROM changes WHERE device_id = '${deviceId}'`,
    pushes: `SELECT (detail->>'received')::int AS received, (detail->>'accepted')::int AS accepted, (detail->>'inserted')::int AS inserted, (detail->>'refused')::int AS refused
             FROM audit_log WHERE action = 'sync.push' AND actor = 'device:${deviceId}' ORDER BY id`,
    refusals: `SELECT count(*)::int AS n FROM audit_log WHERE action = 'sync.change_refused'`,
    scopeEnd: `SELECT max(seq)::text AS seq FROM changes WHERE device_id <> '${deviceId}'`,
  });
  expect(db.feed).toEqual([{ rows: WAITING, records: WAITING, changes: WAITING }]);
  const audit = db.pushes as PushAudit[];
  expect(audit.map((p) => p.received)).toEqual([500, 500, 200]);
  expect(audit.every((p) => p.accepted === p.received && p.inserted === p.received && p.refused === 0)).toBe(true);
  expect(db.refusals).toEqual([{ n: 0 }]);
  expect(db.scopeEnd).toEqual([{ seq: cursorA }]);
});

test('the tab that stood aside tells the truth once the other tab has synced, without a press of its own', async ({ page: tabA, context, server }) => {
  await createOffice(server);
  const tabB = await twoTabsWaiting(tabA, context, server, 3);
  const pushes = await gate(context, isPush);
  await Promise.all([tabA, tabB].map((tab) => tab.getByRole('button', { name: 'Sync now' }).click()));
  await expect.poll(() => pushes.held.length).toBe(1);
  const writer = pushes.held[0]?.frame().page() === tabA ? tabA : tabB;
  const aside = writer === tabA ? tabB : tabA;
  pushes.open();
  await expect(writer.getByTestId('pending-count')).toHaveText('All changes synced');
  await expect(aside.getByTestId('pending-count')).toHaveText('All changes synced');
  await expect(aside.getByTestId('sync-error')).toHaveCount(0);
});
