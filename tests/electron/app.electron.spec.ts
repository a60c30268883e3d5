/**
 * The desktop app end to end, through Playwright's _electron: the built app (npm run
 * build) launched in a real Electron. It runs only where an Electron binary exists
 * (ELECTRON_OVERRIDE_DIST_PATH, or one installed under node_modules/electron); this
 * build machine and CI cannot download one, so there it is skipped with the reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { guardLock } from '../support/lock-screen';
import { BRIDGE_GLOBAL, IPC_CHANNELS } from '../../shared/ipc/contract';
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';

const root = fileURLToPath(new URL('../..', import.meta.url));

function readText(filePath: string): string | null {
  try {
    return readFileSync(filePath, 'utf8');
  } catch {
    return null;
  }
}

const lookup = findElectronBinary({
  env: process.env,
  electronPackageDir: path.join(root, 'node_modules', 'electron'),
  platform: process.platform,
  exists: existsSync,
  readText,
});

const electronVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const skipReason = lookup.found
  ? ''
  : `No Electron binary here: ${
      lookup.reason === 'override-missing'
        ? 'ELECTRON_OVERRIDE_DIST_PATH points at no binary'
        : 'none is installed under node_modules/electron, and this machine cannot download one'
    } (looked at ${lookup.looked.join(', ')}). Set ELECTRON_OVERRIDE_DIST_PATH to a folder holding Electron ${electronVersion} to run these tests.`;

// The list reporter does not print skip reasons; say it once, where people look.
if (!lookup.found && process.env['TEST_WORKER_INDEX'] === undefined) console.warn(`[electron] ${skipReason}`);
test.skip(!lookup.found, skipReason);

test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let userDataDir = '';

test.beforeAll(async () => {
  if (!lookup.found) return;
  for (const built of ['dist-electron/main.js', 'dist-electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` before the Electron tests.`);
  }
  // A fresh profile per run; it also keeps the single-instance lock away from a running app.
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'routewatch-electron-'));
  app = await electron.launch({
    executablePath: lookup.path,
    // Chromium refuses to start as root without --no-sandbox (the OS sandbox); the
    // renderer's own `sandbox: true` (no Node in the preload) is unaffected.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
    cwd: root,
    env: { ...process.env, ROUTEWATCH_USER_DATA_DIR: userDataDir },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // The app starts behind its lock: pass it whenever it stands in front (tests/support/lock-screen.ts).
  await guardLock(page);
});

test.afterAll(async () => {
  if (lookup.found) await app.close();
  if (userDataDir !== '') rmSync(userDataDir, { recursive: true, force: true });
});

test('opens one window on app://routewatch, titled Routewatch', async () => {
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toMatch(/^app:\/\/routewatch\//);
  await expect(page).toHaveTitle(/Routewatch/);
});

test('shows the map screen with the offline basemap', async () => {
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const map = page.locator('.main-map');
  await expect(map).toBeVisible();
  await expect.poll(() => map.locator('path.rw-country').count()).toBeGreaterThan(10);
});

test('exposes exactly the contract channels as window.routewatch, and they reach main', async () => {
  const keys = await page.evaluate((name) => {
    const bridge = (globalThis as unknown as Record<string, unknown>)[name];
    if (typeof bridge !== 'object' || bridge === null) return null;
    return Object.entries(bridge).map(([key, value]) => `${key}:${typeof value}`);
  }, BRIDGE_GLOBAL);
  expect(keys?.sort()).toEqual(IPC_CHANNELS.map((channel) => `${channel}:function`).sort());

  const info = await page.evaluate(async (name) => {
    const bridge = (globalThis as unknown as Record<string, { 'app:info': (request: object) => Promise<unknown> }>)[name];
    return bridge?.['app:info']({});
  }, BRIDGE_GLOBAL);
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  expect(info).toEqual({ ok: true, data: { version, platform: process.platform } });
});

test('gives the page no Node: require, process, module and Buffer are absent', async () => {
  const types = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    return ['require', 'process', 'module', 'Buffer', 'global'].map((name) => `${name}:${typeof scope[name]}`);
  });
  expect(types).toEqual(['require:undefined', 'process:undefined', 'module:undefined', 'Buffer:undefined', 'global:undefined']);
});

test('denies navigation to https://example.org and new windows', async () => {
  const before = page.url();
  // Main's will-navigate handler runs first; this listener, added after it, reads its verdict.
  const prevented = app.evaluate(
    ({ BrowserWindow }) =>
      new Promise<boolean>((resolve) => {
        BrowserWindow.getAllWindows()[0]?.webContents.once('will-navigate', (event) => {
          resolve(event.defaultPrevented);
        });
      }),
  );
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  expect(await prevented).toBe(true);
  expect(page.url()).toBe(before);

  // A denied window.open answers null in the page, at once.
  const opened = await page.evaluate(() => window.open('app://routewatch/index.html', '_blank') !== null);
  expect(opened).toBe(false);
  expect(app.windows()).toHaveLength(1);
});

test('serves app:// with the Content-Security-Policy header', async () => {
  const header = await page.evaluate(async () => {
    const response = await fetch('app://routewatch/index.html');
    return response.headers.get('content-security-policy');
  });
  expect(header).toBe(contentSecurityPolicy());
});

test('denies permissions by default', async () => {
  const state = await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state);
  expect(state).toBe('denied');
});
