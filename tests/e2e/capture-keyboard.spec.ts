/**
 * Capture by keyboard alone. The common case (a group sighting at a gazetteer place,
 * breakdown, two nationalities, summary) goes from the opened form to saved in at most
 * 25 keys besides the typed values; and each kind is recorded with no mouse at all.
 * The form is also photographed for each kind at 1366×768 and 1920×1080.
 */
import type { Page } from '@playwright/test';
import { storedObservations } from './app-actions';
import { countingKeys, GROUP_SIGHTING, groupSightingByKeyboard, recordEarlierObservation, tabTo, waitForFocus } from './capture-keys';
import type { Keys } from './capture-keys';
import { expect, openApp, test } from './fixtures';

const rows = (page: Page) => page.getByTestId('observations-table').locator('[role=row][data-id]');

test('a group sighting by keyboard: place, breakdown, two nationalities and a summary in at most 25 keys', async ({ page, server }) => {
  await openApp(page, server, '#/observations');
  await recordEarlierObservation(page, `${server.url}/`);

  const keys = await groupSightingByKeyboard(page, `${server.url}/`);
  console.log(`capture.keys.group_sighting: ${keys} keys`);
  expect(keys).toBeLessThanOrEqual(25);

  // Read back: the list shows it, and the stored record holds what was typed.
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).locator('.summary-cell').filter({ hasText: GROUP_SIGHTING.summary })).toHaveCount(1);
  const record = (await storedObservations(page)).find((r) => r.summary === GROUP_SIGHTING.summary);
  expect(record).toMatchObject({
    kind: 'group_sighting',
    placeId: 'rs-presevo',
    totalPersons: 40,
    counts: { men: 20, women: 10, boys: 6, girls: 4 },
    nationalities: [
      { code: 'SYR', count: 25, basis: 'declared' },
      { code: 'AFG', count: 15, basis: 'declared' },
    ],
    reviewStatus: 'submitted',
  });
  await page.goto(`${server.url}/#/observation?id=${String(record?.id)}`);
  await expect(page.getByText(GROUP_SIGHTING.summary)).toBeVisible();
});

/** Open a new form by keyboard's start: the place focused; Shift+Tab back to the kind and choose it by its first letters. */
async function startKind(page: Page, server: { url: string }, kindLabel: string): Promise<Keys> {
  await page.goto(`${server.url}/#/new`);
  await waitForFocus(page, 'Place');
  const keys = countingKeys(page);
  await tabTo(page, keys, 'Kind', true);
  await keys.type(kindLabel);
  await expect(page.getByLabel('Kind')).toHaveValue(new RegExp('.'));
  await tabTo(page, keys, 'Place');
  await keys.type('Presevo');
  await keys.press('Enter');
  return keys;
}

async function typeInto(page: Page, keys: Keys, name: string, value: string): Promise<void> {
  await tabTo(page, keys, name);
  await keys.type(value);
}

/** Choose the first option of a native select by keyboard (Down on a closed select). */
async function firstOption(page: Page, keys: Keys, name: string): Promise<void> {
  await tabTo(page, keys, name);
  await keys.press('ArrowDown');
}

async function submitByKeyboard(page: Page, keys: Keys): Promise<void> {
  await keys.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
}

/** Each kind's fields in the form's order (Tab goes forward only), the summary among them. */
const KINDS: { kind: string; label: string; fill: (page: Page, keys: Keys, summary: string) => Promise<void>; expected: Record<string, unknown> }[] = [
  {
    kind: 'group_sighting',
    label: 'Group sighting',
    fill: async (page, keys, summary) => {
      await typeInto(page, keys, 'Total persons', '12');
      await typeInto(page, keys, 'Boys (under 18)', '3');
      await typeInto(page, keys, 'Unaccompanied children', '2');
      await typeInto(page, keys, 'Summary', summary);
    },
    // Asked once, in the breakdown; the vulnerabilities carry it too.
    expected: { totalPersons: 12, counts: { boys: 3, unaccompaniedChildren: 2 }, vulnerabilities: [{ code: 'unaccompanied_child', count: 2 }] },
  },
  {
    kind: 'point_count',
    label: 'Point count',
    fill: async (page, keys, summary) => {
      await typeInto(page, keys, 'Total persons', '230');
      await firstOption(page, keys, 'How it was counted');
      await typeInto(page, keys, 'Summary', summary);
    },
    expected: { totalPersons: 230, counts: { method: 'exact_count' } },
  },
  {
    kind: 'site_snapshot',
    label: 'Site snapshot',
    fill: async (page, keys, summary) => {
      await typeInto(page, keys, 'Total persons', '180');
      await typeInto(page, keys, 'Capacity (places)', '300');
      await typeInto(page, keys, 'Occupancy (persons present)', '180');
      await typeInto(page, keys, 'Summary', summary);
    },
    expected: { totalPersons: 180, site: { capacity: 300, occupancy: 180 } },
  },
  {
    kind: 'incident',
    label: 'Incident',
    fill: async (page, keys, summary) => {
      await typeInto(page, keys, 'Total persons', '4');
      await firstOption(page, keys, 'Type of incident');
      await typeInto(page, keys, 'Injured', '1');
      await typeInto(page, keys, 'Summary', summary);
    },
    expected: { totalPersons: 4, incident: { injured: 1 } },
  },
  {
    kind: 'border_status',
    label: 'Border status',
    fill: async (page, keys, summary) => {
      await typeInto(page, keys, 'Total persons', '0');
      await firstOption(page, keys, 'Status of the crossing');
      await typeInto(page, keys, 'Summary', summary);
    },
    expected: { totalPersons: 0, borderStatus: { status: 'open' } },
  },
  {
    kind: 'route_report',
    label: 'Route report',
    fill: async (page, keys, summary) => {
      await typeInto(page, keys, 'Total persons', '25');
      await firstOption(page, keys, 'Direction');
      await typeInto(page, keys, 'Summary', summary);
    },
    expected: { totalPersons: 25, movement: { direction: expect.any(String) } },
  },
  {
    kind: 'secondary_source',
    label: 'Secondary source',
    fill: async (page, keys, summary) => {
      await typeInto(page, keys, 'Total persons', '1200');
      await typeInto(page, keys, 'Summary', summary);
      await firstOption(page, keys, 'Source type');
      await firstOption(page, keys, 'Source reliability (A–F)');
      await firstOption(page, keys, 'Information credibility (1–6)');
    },
    expected: { totalPersons: 1200, source: { reliability: 'A', credibility: '1' } },
  },
];

for (const { kind, label, fill, expected } of KINDS) {
  test(`${label}: recorded by keyboard alone`, async ({ page, server }) => {
    await openApp(page, server, '#/observations');
    await recordEarlierObservation(page, `${server.url}/`);
    const keys = await startKind(page, server, label);
    await expect(page.getByLabel('Kind')).toHaveValue(kind);
    const summary = `${label} typed without a mouse`;
    await fill(page, keys, summary);
    await submitByKeyboard(page, keys);
    console.log(`${kind}: ${keys.count} keys`);
    const record = (await storedObservations(page)).find((r) => r.summary === summary);
    expect(record).toMatchObject({ kind, placeId: 'rs-presevo', ...expected });
  });
}

test('the form of each kind, at 1366×768 and 1920×1080: the common case needs no scrolling on the smaller screen', async ({ page, server }) => {
  await openApp(page, server, '#/observations');
  await recordEarlierObservation(page, `${server.url}/`);
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const { kind } of KINDS) {
      // Through the list, so that each visit opens a fresh form.
      await page.goto(`${server.url}/#/observations`);
      await page.goto(`${server.url}/#/new`);
      await expect(page.getByRole('combobox', { name: 'Place', exact: true })).toBeFocused();
      await page.getByLabel('Kind').selectOption(kind);
      if (kind === 'group_sighting') {
        // The common case as typed: three nationality rows, all on the first screen.
        for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Add a nationality' }).click();
        for (const name of ['Kind', 'Start (local time)', 'Total persons', 'Men', 'Girls (under 18)', 'Nationality 3', 'Summary', 'Source type', 'Information credibility (1–6)']) {
          await expect(page.getByLabel(name, { exact: true })).toBeInViewport({ ratio: 1 });
        }
        await expect(page.getByRole('combobox', { name: 'Place', exact: true })).toBeInViewport({ ratio: 1 });
        await expect(page.getByRole('button', { name: 'Submit observation' })).toBeInViewport({ ratio: 1 });
        await expect(page.getByText('Not graded')).toBeInViewport({ ratio: 1 });
      }
      await page.screenshot({ path: `test-results/screens/13-form-${kind}-${width}x${height}.png` });
    }
  }
});
