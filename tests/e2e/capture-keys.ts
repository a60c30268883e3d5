/**
 * Recording by keyboard alone, counting the keys: the steps capture-keyboard.spec.ts
 * asserts on and `npm run bench -- --only capture` reports (scripts/bench-capture.ts
 * drives the page with these same functions). Typed characters of values are free;
 * every other key (Tab, Shift+Tab, Enter, arrows, Space, Escape, Ctrl+Enter) counts one.
 *
 * Only Playwright's Page: no test fixtures, so that the bench can use it too.
 */
import type { Page } from '@playwright/test';

export interface Keys {
  /** Keys pressed so far, typed values not counted. */
  readonly count: number;
  /** A key that counts (Tab, Shift+Tab, Enter, ArrowDown, Control+Enter...). */
  press(key: string): Promise<void>;
  /** A value typed into the focused field: free. */
  type(text: string): Promise<void>;
}

export function countingKeys(page: Page): Keys {
  let count = 0;
  return {
    get count() {
      return count;
    },
    async press(key) {
      count += 1;
      await page.keyboard.press(key);
    },
    async type(text) {
      await page.keyboard.type(text);
    },
  };
}

/** The focused element's name as a person reads it: its label, else its own text. */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = el.getAttribute('aria-label');
    if (labelled) return labelled;
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (label ?? el.textContent).trim();
  });
}

/** Tab (or Shift+Tab) until the field named `name` has the focus; every press counts. */
export async function tabTo(page: Page, keys: Keys, name: string, backward = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await focusedName(page)) === name) return;
    await keys.press(backward ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`no field named ${name} within 60 tab stops (focus on "${await focusedName(page)}")`);
}

/** Wait until the element the app focused on opening is the one named `name`. */
export async function waitForFocus(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const el = document.activeElement as HTMLInputElement | null;
      const label = el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? '';
      return label.trim() === wanted;
    },
    name,
    { timeout: 30_000 },
  );
}

/**
 * A device that has recorded before: who records is known (typed once, remembered), and
 * the last place used is the new form's default. Set up with the mouse, uncounted.
 * `base`: the app's address up to the hash (`http://127.0.0.1:1234/`).
 */
export async function recordEarlierObservation(page: Page, base: string): Promise<void> {
  await page.goto(`${base}#/new`);
  await page.getByLabel('Your name').fill('Ana Petrović');
  await page.getByLabel('Office code').fill('RS-BEL');
  await page.getByLabel('Kind').selectOption('point_count');
  const place = page.getByRole('combobox', { name: 'Place', exact: true });
  await place.fill('Sid');
  await page.getByRole('option', { name: /^Sid/ }).first().click();
  await page.getByLabel('Total persons').fill('5');
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await page.getByRole('status').filter({ hasText: 'Observation submitted.' }).waitFor();
}

/** The values the common case types. */
export const GROUP_SIGHTING = {
  place: 'Presevo',
  total: '40',
  men: '20',
  women: '10',
  boys: '6',
  girls: '4',
  nationalities: [
    { typed: 'Syria', code: 'SYR', count: '25' },
    { typed: 'Afghanistan', code: 'AFG', count: '15' },
  ],
  summary: 'Group of 40 walking north along the railway',
} as const;

/**
 * The common case by keyboard alone: a group sighting at a gazetteer place with a
 * breakdown, two nationalities and a summary, from the opened "New observation" form
 * to "Observation submitted.". Returns the keys counted.
 */
export async function groupSightingByKeyboard(page: Page, base: string): Promise<number> {
  const v = GROUP_SIGHTING;
  await page.goto(`${base}#/new`);
  // The form opens with the place focused, its text (the last place used) selected.
  await waitForFocus(page, 'Place');
  const keys = countingKeys(page);
  await keys.type(v.place);
  await keys.press('Enter'); // chooses the place the name matches
  await keys.press('Tab');
  await keys.type(v.total);
  for (const value of [v.men, v.women, v.boys, v.girls]) {
    await keys.press('Tab');
    await keys.type(value);
  }
  await tabTo(page, keys, 'Add a nationality');
  for (const [index, n] of v.nationalities.entries()) {
    if (index > 0) await tabTo(page, keys, 'Add a nationality');
    await keys.press('Enter'); // adds a row and focuses its nationality
    await keys.type(n.typed); // a native select finds the option by its first letters
    await keys.press('Tab');
    await keys.type(n.count);
  }
  await tabTo(page, keys, 'Summary');
  await keys.type(v.summary);
  await keys.press('Control+Enter');
  await page.getByRole('status').filter({ hasText: 'Observation submitted.' }).waitFor();
  return keys.count;
}
