import { choosePlace, fillProfile } from './app-actions';
import { expect, openApp, test } from './fixtures';
test('shot', async ({ page, server }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, server, '#/new');
  await fillProfile(page, 'Ana Petrović', 'RS-BEL');
  await choosePlace(page, 'Place', 'presevo', 'Presevo');
  await page.getByLabel('Total persons').fill('40');
  await page.getByRole('button', { name: 'Add a nationality' }).click();
  await page.getByRole('button', { name: 'Add a nationality' }).click();
  await page.getByRole('button', { name: 'Add a nationality' }).click();
  await page.screenshot({ path: 'test-results/screens/tmp-after.png' });
  const info = await page.evaluate(() => [document.querySelector('main')?.scrollHeight, document.querySelector('main')?.clientHeight]);
  console.log(JSON.stringify(info));
  await page.setViewportSize({ width: 1366, height: 1400 });
  await page.screenshot({ path: 'test-results/screens/tmp-after-tall.png' });
});
