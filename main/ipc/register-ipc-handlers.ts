/** Binds each handler of the contract to its real effects. The only place handlers meet Electron. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, session, shell, type SaveDialogOptions, type WebContents } from 'electron';
import { MAX_TILE_BYTES } from '../../shared/tiles/image-type';
import { appInfo } from './handlers/app-info';
import { keychainProtect, keychainStatus, keychainUnprotect, type OsKeychainEffects } from './handlers/os-keychain';
import { openExternal } from './handlers/open-external';
import { saveReportPdf, type SaveReportPdfEffects } from './handlers/save-report-pdf';
import { deleteTiles, loadTile, statTiles, type TileCacheEffects } from './handlers/tile-cache';
import { nodeTileFiles } from './handlers/tile-files';
import { trimViewedTiles, countViewedTiles } from './handlers/viewed-tiles';
import { handleIpc } from './handle-ipc';

function saveReportPdfEffects(sender: WebContents): SaveReportPdfEffects {
  return {
    printToPdf: (options) => sender.printToPDF(options),
    chooseSavePath: async (suggestedName) => {
      const options: SaveDialogOptions = {
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = BrowserWindow.fromWebContents(sender);
      const result = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },
    writeFile: (filePath, data) => writeFile(filePath, data),
  };
}

/** A tile server gets this long to answer before the tile counts as unreachable. */
const TILE_FETCH_TIMEOUT_MS = 20_000;

/**
 * Tiles live under the app's data folder. They are fetched through the session's network
 * stack (Chromium's: the system proxy, the app's User-Agent), never with cookies.
 */
function tileCacheEffects(): TileCacheEffects {
  return {
    root: path.join(app.getPath('userData'), 'tiles'),
    files: nodeTileFiles,
    now: () => Date.now(),
    fetchTile: async (url) => {
      const response = await session.defaultSession.fetch(url, {
        credentials: 'omit',
        redirect: 'follow',
        signal: AbortSignal.timeout(TILE_FETCH_TIMEOUT_MS),
      });
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (response.status !== 200 || declared > MAX_TILE_BYTES) {
        await response.body?.cancel();
        return { status: response.status === 200 ? 413 : response.status, bytes: new Uint8Array() };
      }
      return { status: 200, bytes: new Uint8Array(await response.arrayBuffer()) };
    },
  };
}

/** The data key's copy under the OS keychain (renderer/lock/key-vault.ts). */
function osKeychainEffects(): OsKeychainEffects {
  return {
    isEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    // Linux only; elsewhere the keychain is the OS's own.
    storageBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
    platform: process.platform,
    encryptString: (text) => safeStorage.encryptStringAsync(text),
    decryptString: async (bytes) => (await safeStorage.decryptStringAsync(Buffer.from(bytes))).result,
  };
}

/** Registers every channel of the contract. Call once, after `app` is ready. */
export function registerIpcHandlers(): void {
  handleIpc('app:info', appInfo, () => ({ version: app.getVersion(), platform: process.platform }));
  handleIpc('report:savePdf', saveReportPdf, saveReportPdfEffects);
  handleIpc('shell:openExternal', openExternal, () => ({ openExternal: (url: string) => shell.openExternal(url) }));
  handleIpc('tiles:load', loadTile, tileCacheEffects);
  handleIpc('tiles:stat', statTiles, tileCacheEffects);
  handleIpc('tiles:delete', deleteTiles, tileCacheEffects);
  handleIpc('tiles:viewedUsage', countViewedTiles, tileCacheEffects);
  handleIpc('tiles:trimViewed', trimViewedTiles, tileCacheEffects);
  handleIpc('keychain:status', keychainStatus, osKeychainEffects);
  handleIpc('keychain:protect', keychainProtect, osKeychainEffects);
  handleIpc('keychain:unprotect', keychainUnprotect, osKeychainEffects);
}
