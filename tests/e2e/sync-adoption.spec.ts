/**
 * Records made before enrolment are adopted by the enrolled user (ObservationStore.enrol)
 * and then sent, in Chromium against the real server: each record must travel once.
 * 1,200 records (more than one push batch of 500) are made through the app's store by
 * user "Bench" of RS-BEL, and the device is enrolled for another user of RS-BEL.
 */
import { expect, openApp, test } from './fixtures';
import { enrol } from './app-actions';
import { createOffice, namedCode, recordThroughStore, watchSyncRequests } from './sync-proof-support';

const MADE = 1200;

test('records adopted at enrolment are each pushed once', async ({ page, context, server, outsideRequests }) => {
  await createOffice(server);
  await recordThroughStore(page, server, MADE);
  await openApp(page, server);
  await expect(page.getByTestId('pending-count')).toHaveText('1,200 changes kept on this device — not enrolled');
  const requests = watchSyncRequests(context);
  // Enrolling adopts the records for Ana and sends them at once.
  await enrol(page, server.url, await namedCode(server, 'field_monitor', 'Ana Petrović'), 'Laptop A');
  await expect(page.getByTestId('pending-count')).toHaveText('All changes synced');
  await expect(page.getByTestId('last-sync')).toHaveText(/^Last sync/);
  expect(outsideRequests).toEqual([]);

  const changeIds = requests.filter((r) => r.kind === 'push').flatMap((r) => r.changeIds);
  expect(new Set(changeIds).size).toBe(changeIds.length);
  expect(changeIds).toHaveLength(MADE);
});
