/**
 * A first pull shows its progress and can be left and resumed (issue 10), in Chromium
 * against the real server. Another laptop of the office has sent 6,000 records through
 * the device API (six pull pages of 1,000). A fresh browser profile is enrolled and
 * starts its first sync; once the status bar shows "Receiving records: 2,000 of 6,000"
 * (two pages applied, the third held on the wire) the tab is closed. The app opened
 * again in the same profile goes on from the cursor it kept: it asks after the second
 * page, says "1,000 of 4,000", and ends with exactly the 6,000 records, each received
 * once.
 */
import { expect, openApp, test } from './fixtures';
import { enrol } from './app-actions';
import {
  createOffice,
  enrolThroughApi,
  gate,
  idbRows,
  isPull,
  namedCode,
  pushThroughApi,
  recordsOf,
  storedCursor,
  watchPulledPages,
  watchSyncRequests,
} from './sync-proof-support';

const RECORDS = 6000;

test('a first pull of 6,000 records shows its progress, is left half-way, and resumes from its cursor', async ({ page, context, server, outsideRequests }) => {
  await createOffice(server);
  const other = await enrolThroughApi(server, await namedCode(server, 'field_monitor', 'Zoran Đukić'), 'Laptop Z');
  const sent = recordsOf(other, RECORDS);
  await pushThroughApi(server, other, sent);

  const requests = watchSyncRequests(context);
  const pages = watchPulledPages(context);
  // The third page is held on the wire: the tab is closed while it waits.
  let pulls = 0;
  const third = await gate(context, isPull, () => ++pulls >= 3);
  await openApp(page, server);
  await enrol(page, server.url, await namedCode(server, 'supervisor', 'Sonja Marković'), 'Laptop S');
  const status = page.getByTestId('last-sync');
  await expect(status).toHaveText('Receiving records: 2,000 of 6,000');
  await expect.poll(() => third.held.length).toBe(1);
  // Device & sync (where enrolment left the person) shows the same, as a bar, and says the pull can be left.
  const panel = page.getByTestId('sync-progress');
  await expect(panel).toContainText('Receiving records: 2,000 of 6,000');
  await expect(panel.locator('progress')).toHaveAttribute('max', '6000');
  await expect(panel.locator('progress')).toHaveAttribute('value', '2000');
  await expect(panel).toContainText('If you close the app, receiving resumes where it stopped the next time it syncs.');
  await page.getByRole('contentinfo').screenshot({ path: 'test-results/screens/sync-first-pull-01-status-bar.png' });
  await page.screenshot({ path: 'test-results/screens/sync-first-pull-01-progress.png' });
  const keptCursor = await storedCursor(page);
  const second = pages[1];
  // The server counts what is left on a round's first page only; the device keeps the count.
  expect(pages.map((p) => [p.after === null ? null : 'cursor', p.changes, p.remaining])).toEqual([
    [null, 1000, 5000],
    ['cursor', 1000, undefined],
  ]);
  expect(keptCursor).toBe(second?.cursor);
  expect(third.held[0]?.url()).toContain(`after=${keptCursor ?? ''}`);
  expect(await idbRows(page, 'observations')).toHaveLength(2000);

  // Left half-way: the tab is closed with the third page still on its way.
  await page.close();
  await third.remove();

  // Opened again: the round start-up begins asks after the kept cursor. Its second page
  // is held so that the progress of the resumed pull can be read.
  pulls = 0;
  const resumedSecond = await gate(context, isPull, () => ++pulls >= 2);
  const again = await context.newPage();
  const before = requests.length;
  await openApp(again, server, '#/settings');
  await expect(again.getByTestId('last-sync')).toHaveText('Receiving records: 1,000 of 4,000');
  await expect(again.getByTestId('sync-progress').locator('progress')).toHaveAttribute('value', '1000');
  await again.screenshot({ path: 'test-results/screens/sync-first-pull-02-resumed.png' });
  await again.getByRole('contentinfo').screenshot({ path: 'test-results/screens/sync-first-pull-02-resumed-status-bar.png' });
  resumedSecond.open();
  await expect(again.getByTestId('pending-count')).toHaveText('All changes synced');
  await expect(again.getByTestId('last-sync')).toHaveText(/^Last sync/);
  await resumedSecond.remove();

  // The resumed round never asked from the start, and no page came twice.
  const resumed = requests.slice(before).filter((r) => r.kind === 'pull');
  expect(resumed[0]?.after).toBe(keptCursor);
  expect(resumed.every((r) => r.after !== null)).toBe(true);
  await expect.poll(() => pages.reduce((sum, p) => sum + p.changes, 0)).toBe(RECORDS);
  expect(pages.map((p) => p.changes)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
  // Counted twice in all: on the first page of each round.
  expect(pages.map((p) => p.remaining)).toEqual([5000, undefined, 3000, undefined, undefined, undefined]);
  expect(new Set(pages.map((p) => p.after)).size).toBe(pages.length);

  // Exactly the other laptop's 6,000 records, each once, on the device and in the list.
  const stored = await idbRows<{ id: string }>(again, 'observations');
  expect(stored).toHaveLength(RECORDS);
  expect(new Set(stored.map((r) => r.id))).toEqual(new Set(sent.map((r) => r.id)));
  await again.getByRole('link', { name: 'Observations' }).click();
  await expect(again.getByTestId('observations-count')).toContainText('6,000 observations');
  expect(outsideRequests).toEqual([]);
});
