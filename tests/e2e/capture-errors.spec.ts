/**
 * Errors that say what is wrong, nothing cut, warnings where the record disagrees with
 * itself (issue 13), in Chromium: a real paste of 100,000 characters into the summary
 * and a short field is kept whole with a message naming the field and its limit; the
 * summary at the top names each field and its entries move focus to it; an RS-BEL record
 * of 1,200 persons at Tabanovce (North Macedonia, median 85) is asked about twice over.
 */
import type { Page } from '@playwright/test';
import { choosePlace, fillProfile } from './app-actions';
import { expect, openApp, test } from './fixtures';

const SCREENS = 'test-results/screens';

/** Paste text as a person does: through the clipboard and Ctrl+V, which a maxlength attribute would have trimmed. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await field.press('ControlOrMeta+V');
}

test('a long paste is kept whole with a message, and the summary names each field and focuses it', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana', 'RS-BEL');
  await page.getByLabel('Total persons').fill('-5');
  await paste(page, 'Summary', 'x'.repeat(100_000));
  await expect(page.getByLabel('Summary', { exact: true })).toHaveJSProperty('value.length', 100_000);
  const summaryTooLong = 'Summary is too long: 100,000 characters, at most 2,000. Nothing was cut: shorten it before submitting.';
  await expect(page.locator('.field-error').filter({ hasText: summaryTooLong })).toBeVisible();
  await expect(page.getByText('100,000 / 2,000 characters')).toBeVisible();
  await page.locator('.field').filter({ has: page.getByLabel('Summary', { exact: true }) }).screenshot({ path: `${SCREENS}/16-form-summary-too-long.png` });
  await paste(page, 'Source name', 'y'.repeat(100_000));
  expect(await page.getByLabel('Source name').evaluate((el) => (el as HTMLInputElement).value.length)).toBe(100_000);
  await expect(page.locator('.field-error').filter({ hasText: 'Source name is too long: 100,000 characters, at most 200.' })).toBeVisible();

  await page.getByRole('button', { name: 'Submit observation' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  // In the order the fields stand on the form.
  await expect(summary.getByRole('button')).toHaveText([
    'Choose a place from the list or click the map.',
    'Total persons cannot be negative.',
    // The summary stands before the source on the form's first screen.
    summaryTooLong,
    'Source name is too long: 100,000 characters, at most 200. Nothing was cut: shorten it before submitting.',
  ]);
  await expect(page.locator('.field-error').filter({ hasText: 'Total persons cannot be negative.' })).toBeVisible();
  await expect(page.getByText('This value is not valid.')).toHaveCount(0);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${SCREENS}/13-form-error-summary.png` });
  await summary.getByRole('button', { name: 'Total persons cannot be negative.' }).click();
  await expect(page.getByLabel('Total persons')).toBeFocused();
  await page.screenshot({ path: `${SCREENS}/14-form-error-focused.png` });
  await expect(page.getByLabel('Summary', { exact: true })).toHaveJSProperty('value.length', 100_000);
});

test('an RS-BEL record of 1,200 at Tabanovce is asked about: another country, far above the usual', async ({ page, server }) => {
  await openApp(page, server, '#/new');
  // Five group sightings there by the Kumanovo office, a day apart (median 85).
  for (const [i, persons] of ['80', '90', '85', '70', '100'].entries()) {
    await page.getByRole('link', { name: 'New observation' }).click();
    await fillProfile(page, 'Marko', 'MK-KUM');
    await page.getByLabel('Kind').selectOption('group_sighting');
    const day = new Date(Date.now() - (i + 2) * 86_400_000);
    await page.getByLabel('Start (local time)').fill(`${day.toISOString().slice(0, 10)}T10:00`);
    await choosePlace(page, 'Place', 'Tabanovce', 'Tabanovce');
    await page.getByLabel('Total persons').fill(persons);
    await page.getByRole('button', { name: 'Submit observation' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'New observation' }).click();
  await fillProfile(page, 'Ana', 'RS-BEL');
  await choosePlace(page, 'Place', 'Tabanovce', 'Tabanovce');
  await page.getByLabel('Total persons').fill('1200');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  const panel = page.getByTestId('confirm-panel');
  await expect(panel.getByRole('listitem')).toHaveText([
    /^Tabanovce is in .*North Macedonia, but office RS-BEL records in Serbia\. Check the place; you may submit anyway\.$/,
    '1,200 is far above the usual at Tabanovce (median 85 over the last 90 days, from 5 records; more than 10 times the median). Check the count; you may submit anyway.',
  ]);
  await page.setViewportSize({ width: 1366, height: 768 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/15-form-place-warnings.png` });
  await panel.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
});
