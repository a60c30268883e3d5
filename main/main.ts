/**
 * Electron main process entry (bundled to dist-electron/main.js by
 * scripts/build-electron.mjs). See main/README.md for what runs where.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import { appPaths } from './app-paths';
import { registerIpcHandlers } from './ipc/register-ipc-handlers';
import { mainWindowOptions } from './main-window';
import { APP_ENTRY_URL, APP_SCHEME } from './protocol/app-origin';
import { createRendererRequestHandler } from './protocol/serve-renderer';
import { hardenSession, hardenWebContents } from './security/harden-web-contents';
import { ShellSettings } from './settings/shell-settings';
import { pagePolicy } from './protocol/page-policy';

const paths = appPaths(path.dirname(fileURLToPath(import.meta.url)));

// A separate profile folder, for tests and for running two profiles side by side.
// Must be set before the single-instance lock, which is held per profile folder.
const userDataDir = process.env['ROUTEWATCH_USER_DATA_DIR'];
if (userDataDir !== undefined && userDataDir !== '') app.setPath('userData', path.resolve(userDataDir));

// Privileges must be registered before 'ready'. standard: real origin and relative
// URLs; secure: a secure context (IndexedDB, crypto.subtle, storage.persist);
// supportFetchAPI: fetch() of app:// assets (e.g. the country shapes).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

function openInBrowser(url: string): void {
  shell.openExternal(url).catch((error: unknown) => {
    console.error('[main] could not open an external link:', error);
  });
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(paths.preload));
  window.once('ready-to-show', () => {
    window.show();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('[main] could not load the renderer:', error);
  });
  return window;
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Main's own settings (tile sources, sync server) in the profile folder, written atomically. */
function loadShellSettings(): Promise<ShellSettings> {
  const file = path.join(app.getPath('userData'), 'shell-settings.json');
  return ShellSettings.load({
    read: async () => {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return null;
        throw error;
      }
    },
    write: async (text) => {
      await writeFile(`${file}.tmp`, text, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    },
    warn: (message) => console.warn(`[main] ${message}`),
  });
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  const settings = await loadShellSettings();
  // connect-src: the sync server once the device is enrolled, as main's settings say at each response.
  const policy = (): string => pagePolicy(settings);
  protocol.handle(
    APP_SCHEME,
    createRendererRequestHandler({ rendererRoot: paths.rendererRoot, readFile: (filePath) => readFile(filePath), contentSecurityPolicy: policy }),
  );
  registerIpcHandlers(settings);
  mainWindow = createMainWindow();
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Routewatch is running on this profile: it gets focus (see 'second-instance').
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, openInBrowser);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((error: unknown) => {
    console.error('[main] start-up failed:', error);
    app.exit(1);
  });
}
