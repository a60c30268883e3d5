/**
 * "Copy map as image" and the situation report's map, offline, in Chromium under the
 * app's real Content-Security-Policy (sent by the server): the PNG on the clipboard is
 * read back and decoded, the report shows it and prints it on its PDF's first page; without a
 * copied image the report draws its own map of the period.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { recordObservation } from './app-actions';
import { expect, openApp, test } from './fixtures';

// A screen with twice as many pixels: the picture must follow it.
test.use({ deviceScaleFactor: 2 });

/** A link of the app's main navigation (screens have links of their own, e.g. "Show on map"). */
function nav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** Violations of the Content-Security-Policy, as the page reports them. */
async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** Pixels of the canvases inside `element` in the group-sighting blue (#0072b2, solid or at 0.75 over land or sea). */
function kindBluePixels(element: Locator): Promise<number> {
  return element.evaluate((root) => {
    let count = 0;
    for (const canvas of root.querySelectorAll('canvas')) {
      const context2d = canvas.getContext('2d');
      if (!context2d || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a > 128 && r < 90 && g > 90 && g < 180 && b > 150) count += 1;
      }
    }
    return count;
  });
}

/** Share of the pixels of a PPM (P6) file that are the map's sea blue (#c6dae6) or close to it. */
function seaShare(ppmFile: string): number {
  const data = readFileSync(ppmFile);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header?.[1] || !header[2]) throw new Error('not a P6 PPM');
  const pixels = Number(header[1]) * Number(header[2]);
  const start = header[0].length;
  let sea = 0;
  for (let i = 0; i < pixels; i += 1) {
    const r = data[start + i * 3] ?? 0;
    const g = data[start + i * 3 + 1] ?? 0;
    const b = data[start + i * 3 + 2] ?? 0;
    if (Math.abs(r - 198) < 12 && Math.abs(g - 218) < 12 && Math.abs(b - 230) < 12) sea += 1;
  }
  return sea / pixels;
}

async function printReport(page: Page, name: string): Promise<{ file: string; text: string; pages: string | undefined }> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = test.info().outputPath(`${name}.pdf`);
  writeFileSync(file, pdf);
  mkdirSync('test-results/screens', { recursive: true });
  writeFileSync(`test-results/screens/${name}.pdf`, pdf);
  // The page as a person sees it, for looking at.
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, `test-results/screens/${name}-pdf-page1`]);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1];
  return { file, text, pages };
}

test('the map copied as an image offline goes to the clipboard and into the printed report', async ({
  page,
  context,
  server,
  outsideRequests,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await openApp(page, server);
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Presevo', persons: '240', summary: 'a' });
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Tabanovce', persons: '60', summary: 'b' });

  await context.setOffline(true);
  await nav(page, 'Map').click();
  const map = page.locator('.main-map');
  await expect(map).toHaveAttribute('data-point-count', '2');
  await expect.poll(() => map.locator('path.rw-country').count()).toBeGreaterThan(10);
  const cspViolations = await watchCspViolations(page);
  // A cached tile as the tile layers show it: an <img> from a blob: URL. Magenta, and above
  // the basemap (a real tile pane lies under the land), so it can be found in the picture.
  await map.evaluate(async (container) => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const context2d = canvas.getContext('2d');
    if (!context2d) throw new Error('no 2d context');
    context2d.fillStyle = '#ff00ff';
    context2d.fillRect(0, 0, 64, 64);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('no tile blob');
    const tile = document.createElement('img');
    tile.alt = '';
    tile.style.cssText = 'position:absolute;left:300px;top:300px;width:64px;height:64px;z-index:1000;';
    tile.src = URL.createObjectURL(blob);
    await tile.decode();
    container.append(tile);
  });

  // The map's size when the picture is taken (the message that follows may move the layout).
  const size = await map.evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  const started = Date.now();
  await page.getByRole('button', { name: 'Copy map as image' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Map copied as image' })).toBeVisible({ timeout: 30_000 });
  // A figure for the report of the run, not a limit.
  test.info().annotations.push({ type: 'copy-map-ms', description: String(Date.now() - started) });
  await page.screenshot({ path: 'test-results/screens/map-copied.png' });

  // What the clipboard holds: a PNG of the map's size (when pressed) at the screen's pixel ratio, not blank.
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    if (!item) throw new Error('the clipboard is empty');
    const blob = await item.getType('image/png');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context2d = canvas.getContext('2d');
    if (!context2d) throw new Error('no 2d context');
    context2d.drawImage(bitmap, 0, 0);
    const { data } = context2d.getImageData(0, 0, bitmap.width, bitmap.height);
    // Colours on a coarse grid: sea, land, borders, points, labels, legend.
    const colours = new Set<string>();
    for (let y = 0; y < bitmap.height; y += 7) {
      for (let x = 0; x < bitmap.width; x += 7) {
        const i = (y * bitmap.width + x) * 4;
        colours.add(`${data[i] ?? 0},${data[i + 1] ?? 0},${data[i + 2] ?? 0}`);
      }
    }
    // The observations are drawn (group sighting blue #0072b2, solid or at 0.75 over land or sea).
    let pointBlue = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      if (r < 90 && g > 90 && g < 180 && b > 150) pointBlue += 1;
    }
    // The blob: tile, 64 CSS pixels square at (300, 300).
    let tileMagenta = 0;
    for (let y = 600; y < 728; y += 1) {
      for (let x = 600; x < 728; x += 1) {
        const i = (y * bitmap.width + x) * 4;
        if (data[i] === 255 && data[i + 1] === 0 && data[i + 2] === 255) tileMagenta += 1;
      }
    }
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return {
      base64: btoa(binary),
      signature: Array.from(bytes.subarray(0, 8)),
      type: blob.type,
      width: bitmap.width,
      height: bitmap.height,
      colours: colours.size,
      pointBlue,
      tileMagenta,
    };
  });
  writeFileSync('test-results/screens/map-copied-image.png', Buffer.from(copied.base64, 'base64'));
  expect(copied.type).toBe('image/png');
  expect(copied.signature).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(copied.width).toBe(size.width * 2);
  expect(copied.height).toBe(size.height * 2);
  expect(copied.colours).toBeGreaterThan(50);
  expect(copied.pointBlue).toBeGreaterThan(20);
  expect(copied.tileMagenta).toBe(128 * 128);
  expect(await cspViolations()).toEqual([]);

  // The situation report shows it, with when it was taken.
  await nav(page, 'Situation report').click();
  const figure = page.getByTestId('report-map-copied');
  await expect(figure.getByRole('img', { name: 'The map as copied from the Map screen' })).toBeVisible();
  await expect(figure).toContainText('Map as shown on');
  expect(
    await figure.locator('img').evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight })),
  ).toEqual({ w: size.width * 2, h: size.height * 2 });
  // The two records are submitted, not verified: they count once the report includes them.
  await page.getByRole('checkbox', { name: 'Include submitted (unverified) records' }).check();
  await expect(page.getByTestId('report-total-persons')).toHaveText('300');
  await page.screenshot({ path: 'test-results/screens/report-with-copied-map.png', fullPage: true });

  const printed = await printReport(page, 'report-with-copied-map');
  // The report's sections follow the map onto a second page; the map is on the first.
  expect(Number(printed.pages)).toBeGreaterThanOrEqual(1);
  expect(printed.text).toContain('Map as shown on');
  expect(printed.text).not.toContain('Remove map from report');
  // The picture is in the PDF as an image of the copied size...
  const images = execFileSync('pdfimages', ['-list', printed.file]).toString().split('\n').slice(2);
  const widths = images.map((line) => Number(line.trim().split(/\s+/)[3])).filter((width) => width > 0);
  expect(Math.max(...widths)).toBeGreaterThanOrEqual(size.width);
  // ...and shows on the page: the map's sea covers a part of it (a page without the map has none).
  execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', '-singlefile', printed.file, test.info().outputPath('page')]);
  expect(seaShare(test.info().outputPath('page.ppm'))).toBeGreaterThan(0.03);

  // Removed: the report draws its own map again.
  await page.getByRole('button', { name: 'Remove map from report' }).click();
  await expect(page.getByTestId('report-map-copied')).toHaveCount(0);
  await expect(page.getByTestId('report-map-own')).toBeVisible();
  expect(outsideRequests).toEqual([]);
});

test('without a copied map the report draws its own map of the period, offline, after its key figures', async ({
  page,
  context,
  server,
  outsideRequests,
}) => {
  await openApp(page, server);
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Presevo', persons: '37', summary: 'a' });
  await recordObservation(page, { author: 'Ana', office: 'RS-BEL', place: 'Tabanovce', persons: '120', summary: 'b' });
  await context.setOffline(true);

  await nav(page, 'Situation report').click();
  // The map shows the records the report counts: these submitted ones once included.
  await page.getByRole('checkbox', { name: 'Include submitted (unverified) records' }).check();
  const own = page.getByTestId('report-map-own');
  const map = own.getByRole('region', { name: 'Map of the observations in the report period' });
  await expect.poll(() => map.locator('path.rw-country').count()).toBeGreaterThan(10);
  // The period's two group sightings are on the map's canvas, in their kind's blue.
  await expect.poll(() => kindBluePixels(map)).toBeGreaterThan(20);
  await expect(own).toContainText('Group sighting');
  // Nothing to press on paper.
  await expect(map.locator('.leaflet-control-zoom')).toBeHidden();
  await page.screenshot({ path: 'test-results/screens/report-with-own-map.png', fullPage: true });

  const printed = await printReport(page, 'report-with-own-map');
  expect(Number(printed.pages)).toBeGreaterThanOrEqual(1);
  expect(printed.text).toContain('Boundaries: Natural Earth');
  expect(printed.text).not.toContain('Copy map as image');
  // The map follows the highlights and key figures (the report's outline): on page 1 or 2.
  const shares = [1, 2].filter((p) => p <= Number(printed.pages)).map((p) => {
    execFileSync('pdftoppm', ['-r', '30', '-f', String(p), '-l', String(p), '-singlefile', printed.file, test.info().outputPath(`page${String(p)}`)]);
    return seaShare(test.info().outputPath(`page${String(p)}.ppm`));
  });
  expect(Math.max(...shares)).toBeGreaterThan(0.03);
  expect(outsideRequests).toEqual([]);
});
