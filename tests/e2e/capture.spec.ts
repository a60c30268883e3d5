/**
 * Capture, as a field monitor does it: the full record of each kind, places found by
 * typing in either script, typed coordinates, drafts that survive closing the window,
 * the duplicate question, and editing a record.
 */
import type { Page } from '@playwright/test';
import { choosePlace, fillProfile, openFormPanel, storedObservations, storedRows } from './app-actions';
import { expect, openApp, test } from './fixtures';

const rows = (page: Page) => page.getByTestId('observations-table').locator('[role=row][data-id]');

test('a group sighting with every section, by keyboard and type-ahead, is stored as typed', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana Petrović', 'RS-BEL');
  await page.getByLabel('Kind').selectOption('group_sighting');
  // Cyrillic typed, Latin name found.
  await choosePlace(page, 'Place', 'Прешево', 'Presevo');
  await page.getByLabel('Total persons').fill('40');
  await page.getByLabel('Men', { exact: true }).fill('20');
  await page.getByLabel('Women', { exact: true }).fill('10');
  await page.getByLabel('Boys (under 18)').fill('6');
  await page.getByLabel('Girls (under 18)').fill('4');
  await page.getByLabel('Unaccompanied children').fill('2');
  await page.getByLabel('How it was counted').selectOption('exact_count');
  await openFormPanel(page, 'Movement');
  await page.getByLabel('Direction').selectOption('incoming');
  // Diacritics optional: "tabanovce" finds Tabanovce.
  await choosePlace(page, 'From place', 'tabanovce', 'Tabanovce');
  await page.getByLabel('Intended final country').selectOption('DE');
  await page.getByLabel('On foot').check();
  await page.getByLabel('Crossing type').selectOption('green_border');
  await page.getByRole('button', { name: 'Add a nationality' }).click();
  await page.getByLabel('Nationality 1', { exact: true }).selectOption('SYR');
  await page.getByLabel('Persons of nationality 1').fill('25');
  await page.getByRole('button', { name: 'Add a nationality' }).click();
  await page.getByLabel('Nationality 2', { exact: true }).selectOption('AFG');
  await page.getByLabel('Persons of nationality 2').fill('15');
  await page.getByLabel('Basis of nationality 2').selectOption('perceived');
  await openFormPanel(page, 'Vulnerabilities');
  // Children on their own are asked once, in the breakdown.
  await expect(page.getByLabel('Unaccompanied children')).toHaveCount(1);
  await page.getByLabel('Pregnant or breastfeeding woman').fill('1');
  await page.getByLabel('Source type').selectOption('direct_observation');
  await page.getByLabel('Source reliability (A–F)').selectOption('B');
  await page.getByLabel('Information credibility (1–6)').selectOption('2');
  await expect(page.getByText('Grade: B2')).toBeVisible();
  await page.getByLabel('Summary', { exact: true }).fill('Group of 40 walking from Tabanovce <script>alert(1)</script>');
  await openFormPanel(page, 'Language, classification and notes');
  await page.getByLabel('Classification').selectOption('restricted');
  await page.getByLabel('Notes').fill('Spoke with the group leader.');
  // The form scrolls inside the app's main area: a tall window shows all of it at once.
  await page.setViewportSize({ width: 1280, height: 2600 });
  await page.screenshot({ path: 'test-results/screens/10-form-group-sighting.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
  await expect(rows(page)).toHaveCount(1);

  const [record] = await storedObservations(page);
  expect(record).toMatchObject({
    kind: 'group_sighting',
    placeId: 'rs-presevo',
    totalPersons: 40,
    counts: { men: 20, women: 10, boys: 6, girls: 4, unaccompaniedChildren: 2, method: 'exact_count' },
    movement: { direction: 'incoming', fromPlaceId: 'mk-tabanovce', intendedCountry: 'DE', transportModes: ['on_foot'], crossingType: 'green_border' },
    nationalities: [
      { code: 'SYR', count: 25, basis: 'declared' },
      { code: 'AFG', count: 15, basis: 'perceived' },
    ],
    // The breakdown's unaccompanied children are a vulnerability too: asked once, stored in both.
    vulnerabilities: [
      { code: 'unaccompanied_child', count: 2 },
      { code: 'pregnant_or_lactating', count: 1 },
    ],
    source: { type: 'direct_observation', reliability: 'B', credibility: '2' },
    classification: 'restricted',
    reviewStatus: 'submitted',
    mission: 'RS',
  });
  // The notes are a sensitive field: encrypted at rest, nowhere in the stored row, and shown on the record.
  expect(record?.notes).toBeUndefined();
  expect(JSON.stringify(record)).not.toContain('Spoke with the group leader');
  expect(record?.sealed).toBeDefined();
  await page.goto(`${server.url}/#/observation?id=${String(record?.id)}`);
  await expect(page.locator('[data-path="notes"] dd')).toHaveText('Spoke with the group leader.');
  await page.goto(`${server.url}/#/observations`);
  // The summary is stored and shown as typed: text, never markup.
  await expect(rows(page).first().locator('.summary-cell')).toHaveText('Group of 40 walking from Tabanovce <script>alert(1)</script>');
});

test('the form follows the kind, and the breakdown rules are explained at their fields', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await choosePlace(page, 'Place', 'Sid', 'Sid');
  await page.getByLabel('Total persons').fill('10');
  await page.getByLabel('Men', { exact: true }).fill('8');
  await page.getByLabel('Women', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByText('Men, women, boys and girls add up to more than the total.').first()).toBeVisible();
  await expect(page.getByRole('alert').first()).toBeFocused();

  const shots: [string, string][] = [
    ['point_count', 'How it was counted'],
    ['site_snapshot', 'Capacity (places)'],
    ['incident', 'Type of incident'],
    ['border_status', 'Status of the crossing'],
    ['route_report', 'Intended final country'],
    ['secondary_source', 'Source type'],
  ];
  await page.setViewportSize({ width: 1280, height: 2200 });
  for (const [kind, label] of shots) {
    await page.getByLabel('Kind').selectOption(kind);
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/11-form-${kind}.png` });
  }
  // A border status has no movement section of its own; one can be added.
  await page.getByLabel('Kind').selectOption('border_status');
  await expect(page.getByLabel('Direction')).toHaveCount(0);
  await page.getByRole('button', { name: 'Movement', exact: true }).click();
  await expect(page.getByLabel('Direction')).toBeVisible();
});

test('typed coordinates in degrees, minutes and seconds locate the record', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await openFormPanel(page, 'End time, coordinates and precision');
  await page.getByLabel('Coordinates (decimal or degrees, minutes, seconds)').fill('42°18′33″N 21°38′52″E');
  await page.getByLabel('Coordinates (decimal or degrees, minutes, seconds)').press('Enter');
  await expect(page.getByTestId('chosen-point')).toContainText('42.30917, 21.64778');
  await page.getByLabel('Total persons').fill('5');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(rows(page)).toHaveCount(1);
  const [record] = await storedObservations(page);
  expect(record).toMatchObject({ placeId: null, locationMethod: 'typed' });
  const location = record?.location as { lat: number; lon: number };
  expect(location.lat).toBeCloseTo(42.30917, 4);
  expect(location.lon).toBeCloseTo(21.64778, 4);
});

test('a draft survives closing the window, Save draft never refuses, and a resumed draft submits', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await page.getByLabel('Kind').selectOption('incident');
  await page.getByLabel('Total persons').fill('-4');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved');
  // The draft is encrypted at rest: its envelope grows by the summary's length once the save holding it is stored.
  const summary = 'Half-typed report of a pushback';
  const sealedLength = async (): Promise<number> => {
    const [draft] = await storedRows(page, 'drafts');
    return Object.keys(draft?.sealed ?? {}).length;
  };
  await expect.poll(sealedLength).toBeGreaterThan(0);
  const before = await sealedLength();
  await page.getByLabel('Summary', { exact: true }).fill(summary);
  await expect.poll(sealedLength).toBeGreaterThanOrEqual(before + summary.length);
  expect(JSON.stringify(await storedRows(page, 'drafts'))).not.toContain(summary);
  // Close the window and come back: nothing is lost.
  await page.reload();
  await page.goto(`${server.url}/#/new`);
  await page.getByText('Drafts on this device (1)').click();
  await page.getByRole('link', { name: /Incident, no place yet/ }).click();
  await expect(page.getByLabel('Summary', { exact: true })).toHaveValue('Half-typed report of a pushback');
  await expect(page.getByLabel('Total persons')).toHaveValue('-4');
  await expect(page.getByLabel('Kind')).toHaveValue('incident');

  // Invalid, yet "Save draft" keeps it; nothing is stored as an observation.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
  await expect(page.getByText('No observations yet.')).toBeVisible();
  expect(await storedObservations(page)).toEqual([]);

  // Resume, fix, submit: the draft is gone afterwards.
  await page.goto(`${server.url}/#/new`);
  await page.getByText('Drafts on this device (1)').click();
  await page.getByRole('link', { name: /Incident, no place yet/ }).click();
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByText('Choose the type of incident.').first()).toBeVisible();
  await page.getByLabel('Type of incident').selectOption('pushback');
  await choosePlace(page, 'Place', 'Miratovac', 'Miratovac');
  await page.getByLabel('Total persons').fill('4');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(rows(page)).toHaveCount(1);
  await page.goto(`${server.url}/#/new`);
  await expect(page.getByTestId('draft-list')).toHaveCount(0);
});

test('a likely duplicate is pointed out before submitting, and can still be submitted', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await choosePlace(page, 'Place', 'presevo', 'Presevo');
  await page.getByLabel('Total persons').fill('40');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(rows(page)).toHaveCount(1);

  // The last place used is the default of the next record.
  await page.getByRole('link', { name: 'New observation' }).click();
  await expect(page.getByRole('combobox', { name: 'Place', exact: true })).toHaveValue(/Presevo/);
  await page.getByLabel('Total persons').fill('43');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  const panel = page.getByTestId('confirm-panel');
  await expect(panel.getByRole('heading', { name: 'Is this a duplicate?' })).toBeVisible();
  await expect(panel).toContainText('40 persons');
  await panel.screenshot({ path: 'test-results/screens/12-form-duplicate.png' });
  await panel.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(rows(page)).toHaveCount(2);

  // A different count is not a duplicate.
  await page.getByRole('link', { name: 'New observation' }).click();
  await page.getByLabel('Total persons').fill('400');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(rows(page)).toHaveCount(3);
});

test('a record is edited through the form; the change is stored with its revision and queued', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await choosePlace(page, 'Place', 'presevo', 'Presevo');
  await page.getByLabel('Total persons').fill('12');
  await page.getByLabel('Summary', { exact: true }).fill('first version');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(rows(page)).toHaveCount(1);
  const [stored] = await storedObservations(page);
  const id = String(stored?.id);

  await page.goto(`${server.url}/#/edit?id=${id}`);
  await expect(page.getByRole('heading', { name: 'Edit observation' })).toBeVisible();
  await expect(page.getByLabel('Total persons')).toHaveValue('12');
  await page.getByLabel('Total persons').fill('14');
  await page.getByLabel('Summary', { exact: true }).fill('second version');
  // Leaving mid-edit keeps the change as a draft of this record.
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved');
  await page.reload();
  await expect(page.getByText(/Your unsubmitted changes from .* are back\./)).toBeVisible();
  await expect(page.getByLabel('Total persons')).toHaveValue('14');
  await page.getByRole('button', { name: 'Submit changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changes submitted.' })).toBeVisible();
  await expect(rows(page).first()).toContainText('14');
  await expect(rows(page).first().locator('.summary-cell')).toHaveText('second version');
  const [edited] = await storedObservations(page);
  expect(edited).toMatchObject({ id, totalPersons: 14, summary: 'second version' });
  expect(Object.keys(edited?.fieldClocks as object).sort()).toEqual(['summary', 'totalPersons']);
  // Kept for sync; this device is not enrolled, and the status bar says so.
  await expect(page.getByTestId('pending-count')).toHaveText('1 change kept on this device — not enrolled');
});
