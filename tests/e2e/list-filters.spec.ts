/**
 * The Observations list over training data and a few records of our own: filtering by
 * mission, by place and by words in the summary, each count checked against what the
 * stored records hold; rows that link to the record; markup shown as text; and the
 * list with 100,000 records and the filters open, with the time a word search takes.
 */
import type { Page } from '@playwright/test';
import { foldText, matchesWords, queryWords } from '../../shared/text/text-match';
import { choiceButton, choose } from './app-actions';
import { expect, openApp, test } from './fixtures';

interface StoredRecord {
  id: string;
  mission: string;
  placeId: string | null;
  summary: string;
  deleted: boolean;
}

/** The app's records as stored, read in the page with the raw IndexedDB API (not through the app). */
async function storedRecords(page: Page): Promise<StoredRecord[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRecord[]>((resolve, reject) => {
        const open = indexedDB.open('routewatch');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const request = open.result.transaction('observations').objectStore('observations').getAll();
          request.onsuccess = () => {
            const all = request.result as StoredRecord[];
            resolve(all.map(({ id, mission, placeId, summary, deleted }) => ({ id, mission, placeId, summary, deleted })));
            open.result.close();
          };
          request.onerror = () => reject(new Error('cannot read observations'));
        };
      }),
  );
}

/** Record a group sighting at a place through the capture form, as a monitor does. */
async function recordOwn(page: Page, values: { place: string; persons: string; summary: string }): Promise<void> {
  await page.getByRole('link', { name: 'New observation' }).click();
  await page.getByLabel('Your name').fill('Ana');
  await page.getByLabel('Office code').fill('RS-BEL');
  await page.getByLabel('Kind').selectOption('group_sighting');
  const place = page.getByRole('combobox', { name: 'Place', exact: true });
  // The form may offer the last place again; typing afresh opens the list of places.
  await place.fill('');
  await place.fill(values.place);
  await page.getByRole('option', { name: new RegExp(`^${values.place}`) }).first().click();
  await page.getByLabel('Total persons').fill(values.persons);
  await page.getByRole('textbox', { name: 'Summary', exact: true }).fill(values.summary);
  await page.getByRole('button', { name: 'Submit observation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Observation submitted.' })).toBeVisible();
}

const format = (n: number) => new Intl.NumberFormat('en').format(n);
const rows = (page: Page) => page.getByTestId('observations-table').locator('[role=row][data-id]');
const count = (page: Page) => page.getByTestId('observations-count');

/** Wait until the list has searched the summaries for `text` and is done. */
async function searched(page: Page, text: string): Promise<void> {
  const words = queryWords(text).join(' ');
  await expect(count(page)).toHaveAttribute('data-search-words', words, { timeout: 60_000 });
  await expect(count(page)).toHaveAttribute('data-search', 'done', { timeout: 60_000 });
}

/** The list's count: N observations, and with words "of M" that the period (or the other filters too) left. */
async function expectCount(page: Page, expected: number, of?: { total: number; otherFilters?: boolean }): Promise<void> {
  expect(expected).toBeGreaterThan(0);
  const text = `${format(expected)} ${expected === 1 ? 'observation' : 'observations'}`;
  const total = of && ` of ${format(of.total)} ${of.otherFilters === true ? 'that pass the other filters' : 'in the period'}`;
  await expect(count(page)).toContainText(`${text}${total ?? ''} · `);
}

async function loadTraining(page: Page, size: '10,000' | '100,000', timeout: number): Promise<void> {
  await page.getByRole('link', { name: 'Device & sync' }).click();
  await page.getByLabel('Number of records').selectOption({ label: size });
  await page.getByRole('button', { name: 'Load training data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'training records loaded' })).toHaveText(`${size} training records loaded.`, { timeout });
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

test('mission, place and words narrow the list to what the records hold, and rows lead to the record', async ({ page, server }) => {
  test.setTimeout(240_000);
  await openApp(page, server, '#/observations');
  // Two records of our own, with words the training summaries do not use.
  const markup = 'Preševo: jedna žena sa dvoje dece <b>čeka</b> voz';
  await recordOwn(page, { place: 'Presevo', persons: '3', summary: markup });
  await recordOwn(page, { place: 'Presevo', persons: '9', summary: 'Ђорђе каже: група код Прешева, девет особа' });
  await loadTraining(page, '10,000', 120_000);

  // Training data sets the period to its own years; widen it to today for our records.
  await page.getByRole('link', { name: 'Observations' }).click();
  await page.getByLabel('From', { exact: true }).fill('2015-05-31');
  await page.getByLabel('To (inclusive)').fill(today());
  const stored = (await storedRecords(page)).filter((r) => !r.deleted);
  expect(stored).toHaveLength(10_002);
  await expectCount(page, stored.length);

  // Mission.
  const macedonia = stored.filter((r) => r.mission === 'MK').length;
  expect(macedonia).toBeLessThan(stored.length);
  await choose(page, 'Missions', 'North Macedonia');
  await expect(choiceButton(page, 'Missions')).toHaveText(/North Macedonia/);
  await expectCount(page, macedonia);
  await expect(page.getByRole('list', { name: 'Active filters:' })).toContainText('Mission: North Macedonia');
  await choose(page, 'Missions', 'North Macedonia', false);
  await expectCount(page, stored.length);

  // Place, found in the panel by typing it in Cyrillic.
  const places = choiceButton(page, 'Places');
  await places.click();
  await expect(places).toHaveAttribute('aria-expanded', 'true');
  await page.getByLabel('Find a place').fill('Прешево');
  await page.getByRole('checkbox', { name: /^Presevo/ }).check();
  await page.keyboard.press('Escape');
  await expect(places).toHaveAttribute('aria-expanded', 'false');
  await expect(places).toBeFocused();
  await expect(places).toHaveText(/Presevo/);
  const presevo = stored.filter((r) => r.placeId === 'rs-presevo');
  await expectCount(page, presevo.length);

  // Words, over what the place left: Latin without diacritics finds Latin with them.
  const box = page.getByLabel('Words in the summary');
  await box.fill('presevo zena');
  await searched(page, 'presevo zena');
  const byWords = (text: string, among: readonly StoredRecord[]) => among.filter((r) => matchesWords(foldText(r.summary), queryWords(text)));
  expect(byWords('presevo zena', presevo)).toHaveLength(1);
  await expectCount(page, 1, { total: presevo.length, otherFilters: true });
  const row = rows(page).first();
  // Markup typed by a person shows as text.
  await expect(row.locator('.summary-cell')).toHaveText(markup);
  await expect(row.locator('.summary-cell b')).toHaveCount(0);

  // ...and Latin finds Cyrillic (Ђорђе, Прешева).
  await box.fill('djordje presev');
  await searched(page, 'djordje presev');
  await expectCount(page, 1, { total: presevo.length, otherFilters: true });
  await expect(rows(page).first().locator('.summary-cell')).toHaveText('Ђорђе каже: група код Прешева, девет особа');

  // A word of the training summaries, over every place: the count is what the records hold.
  await page.getByRole('button', { name: 'Remove filter Place: Presevo' }).click();
  await box.fill('Syrian children');
  await searched(page, 'Syrian children');
  const syrian = byWords('Syrian children', stored).length;
  expect(syrian).toBeLessThan(stored.length);
  await expectCount(page, syrian, { total: stored.length });
  await page.screenshot({ path: 'test-results/screens/list-filters-words.png' });

  // Sorting keeps the words: the fewest persons first, still only matching rows.
  await page.getByRole('button', { name: /^Persons/ }).click();
  await page.getByRole('button', { name: /^Persons/ }).click();
  await expect(page.getByRole('columnheader', { name: /Persons/ })).toHaveAttribute('aria-sort', 'ascending');
  await expectCount(page, syrian, { total: stored.length });
  const firstPersons = Number((await rows(page).first().locator('.num').innerText()).replace(/\D/g, ''));
  expect(firstPersons).toBe(Math.min(...(await matchingPersons(page, stored, 'Syrian children'))));

  // The filter is kept for the session.
  await page.reload();
  await expect(page.getByLabel('Words in the summary')).toHaveValue('Syrian children');
  await searched(page, 'Syrian children');
  await expectCount(page, syrian, { total: stored.length });

  // A row's time is a link to the record, reached with the keyboard after the column headers.
  await page.getByRole('button', { name: /^Persons/ }).focus();
  await page.keyboard.press('Tab');
  const first = rows(page).first();
  const link = first.getByRole('link').first();
  await expect(link).toBeFocused();
  const id = await first.getAttribute('data-id');
  await expect(link).toHaveAttribute('href', `#/observation?id=${id ?? ''}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/observation?id=${id ?? ''}`);

  // Clear filters: everything but the period.
  await page.goto(`${server.url}/#/observations`);
  await choose(page, 'Kinds', 'Incident');
  await choose(page, 'Kinds', 'Border status');
  await expect(choiceButton(page, 'Kinds')).toHaveText(/2 chosen/);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByLabel('Words in the summary')).toHaveValue('');
  await expect(choiceButton(page, 'Kinds')).toHaveText(/All/);
  await expectCount(page, stored.length);
  await expect(page.getByRole('button', { name: 'Clear filters' })).toHaveCount(0);

  // Words nothing holds.
  await page.getByLabel('Words in the summary').fill('zzqx');
  await expect(page.getByTestId('observations-empty')).toHaveText('No observations match the filters.');
});

/** Persons of the stored records whose summary holds the words (read through the app's own day index would prove nothing). */
async function matchingPersons(page: Page, stored: readonly StoredRecord[], text: string): Promise<number[]> {
  const ids = new Set(stored.filter((r) => matchesWords(foldText(r.summary), queryWords(text))).map((r) => r.id));
  const persons = await page.evaluate(
    () =>
      new Promise<[string, number][]>((resolve, reject) => {
        const open = indexedDB.open('routewatch');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const request = open.result.transaction('observations').objectStore('observations').getAll();
          request.onsuccess = () => {
            resolve((request.result as { id: string; totalPersons: number }[]).map((r) => [r.id, r.totalPersons]));
            open.result.close();
          };
          request.onerror = () => reject(new Error('cannot read observations'));
        };
      }),
  );
  return persons.filter(([id]) => ids.has(id)).map(([, n]) => n);
}

/** Start noting when the list's search for some words starts and ends (`window.searchTimes`). */
async function watchSearch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const times: Record<string, { start?: number; end?: number }> = {};
    (window as unknown as { searchTimes: typeof times }).searchTimes = times;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=observations-count]');
      const words = el?.getAttribute('data-search-words') ?? '';
      if (!el || words === '') return;
      const entry = (times[words] ??= {});
      const state = el.getAttribute('data-search');
      if (state === 'searching') entry.start ??= performance.now();
      if (state === 'done' && entry.start !== undefined) entry.end ??= performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

async function searchMs(page: Page, text: string): Promise<number> {
  const words = queryWords(text).join(' ');
  const entry = await page.evaluate((w) => (window as unknown as { searchTimes: Record<string, { start?: number; end?: number }> }).searchTimes[w], words);
  return Math.round((entry?.end ?? Number.NaN) - (entry?.start ?? Number.NaN));
}

/** Every record read with the raw API, 1,000 per request: the floor under any scan of them. */
async function rawReadMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('routewatch');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error('cannot open the database'));
    });
    const started = performance.now();
    let last: string | null = null;
    for (;;) {
      const request = db.transaction('observations').objectStore('observations').getAll(last === null ? null : IDBKeyRange.lowerBound(last, true), 1000);
      const batch = await new Promise<{ id: string }[]>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result as { id: string }[]);
        request.onerror = () => reject(new Error('cannot read observations'));
      });
      const end = batch[batch.length - 1];
      if (end === undefined) break;
      last = end.id;
    }
    db.close();
    return Math.round(performance.now() - started);
  });
}

test('100,000 training records: the list with the filters open, and how long a word search takes', async ({ page, server }) => {
  // Loading 100,000 records takes minutes on the CI machine's two cores; CI keeps the
  // 10,000-record tests, and this one runs on demand (its timing is also in npm run bench).
  test.skip(process.env.E2E_FULL_SIZE !== '1', 'full-size run only: set E2E_FULL_SIZE=1 (minutes of loading on a 2-core machine)');
  test.setTimeout(600_000);
  await openApp(page, server, '#/observations');
  await loadTraining(page, '100,000', 400_000);
  await page.getByRole('link', { name: 'Observations' }).click();
  await expect(count(page)).toContainText('100,000 observations', { timeout: 60_000 });

  // The expected count, worked out in the page over the raw records (ASCII word: lower case is its folded form).
  const word = 'afghan';
  const expected = await page.evaluate(
    (w) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('routewatch');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          let n = 0;
          const cursor = open.result.transaction('observations').objectStore('observations').openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) {
              resolve(n);
              open.result.close();
              return;
            }
            const r = c.value as { summary: string; deleted: boolean };
            if (!r.deleted && r.summary.toLowerCase().includes(w)) n += 1;
            c.continue();
          };
          cursor.onerror = () => reject(new Error('cannot read observations'));
        };
      }),
    word,
  );

  // Timing (reported, not asserted): from the moment the list starts the search (after
  // the typing pause) to its end, watched in the page; beside it, reading the same
  // records with the raw API in steps of 1,000, the least any scan can cost.
  const box = page.getByLabel('Words in the summary');
  await watchSearch(page);
  await box.fill(word);
  // A look at the search under way (only a screenshot: a fast machine may finish first).
  const underWay = await page
    .waitForFunction(() => Number(document.querySelector('[data-testid=search-progress] progress')?.getAttribute('value')) >= 30, undefined, { timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (underWay) {
    await page.screenshot({ path: 'test-results/screens/list-filters-searching.png' });
  }
  await searched(page, word);
  const coldMs = await searchMs(page, word);
  await expectCount(page, expected, { total: 100_000 });

  // A second search over the same records: the folded summaries are in memory by now.
  await box.fill(`${word} children`);
  await searched(page, `${word} children`);
  const warmMs = await searchMs(page, `${word} children`);
  const rawMs = await rawReadMs(page);
  const timing = `word search over 100,000 records: ${coldMs} ms the first time, ${warmMs} ms again; raw read of the records in steps of 1,000: ${rawMs} ms`;
  test.info().annotations.push({ type: 'timing', description: timing });
  console.log(timing);

  await box.fill(word);
  await searched(page, word);
  await choose(page, 'Missions', 'Serbia');
  await choiceButton(page, 'Places').click();
  await page.getByLabel('Find a place').fill('sid');
  await page.getByRole('checkbox', { name: /^Sid/ }).check();
  await page.getByLabel('Find a place').fill('');
  await searched(page, word);
  await page.screenshot({ path: 'test-results/screens/list-filters-100k.png' });
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'test-results/screens/list-filters-100k-closed.png' });
});
