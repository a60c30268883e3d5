/** Binds each handler of the contract to its real effects. The only place handlers meet Electron. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, session, shell, type SaveDialogOptions, type WebContents } from 'electron';
import { appInfo } from './handlers/app-info';
import { keychainProtect, keychainStatus, keychainUnprotect, type OsKeychainEffects } from './handlers/os-keychain';
import { openExternal } from './handlers/open-external';
import { saveReportPdf, type SaveReportPdfEffects } from './handlers/save-report-pdf';
import { deleteTiles, loadTile, statTiles, type TileCacheEffects } from './handlers/tile-cache';
import { nodeTileFiles } from './handlers/tile-files';
import { trimViewedTiles, countViewedTiles } from './handlers/viewed-tiles';
import { handleIpc } from './handle-ipc';
import { fetchTileForSession, resolveWithSession } from '../net/electron-tile-fetch';
import { TileAgents } from '../net/tile-agents';
import type { ShellSettings } from '../settings/shell-settings';
import { PendingServerSwitch, setSyncServer, syncServerSwitch } from './handlers/sync-server';
import { oneQuestionAtATime, setTileSource } from './handlers/tile-sources';

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

/**
 * Tiles live under the app's data folder. Main fetches only from the sources in its own
 * settings, connected to the addresses it checked (main/net/electron-tile-fetch.ts), over
 * connections kept alive per source (main/net/tile-agents.ts).
 */
function tileCacheEffectsWith(settings: ShellSettings, agents: TileAgents): TileCacheEffects {
  return {
    root: path.join(app.getPath('userData'), 'tiles'),
    files: nodeTileFiles,
    now: () => Date.now(),
    sourceOf: (id) => settings.tileSource(id),
    resolveHost: (host) => resolveWithSession(session.defaultSession, host),
    fetchTile: (url, addresses, source) => fetchTileForSession(session.defaultSession, url, addresses, agents.agentFor(source, new URL(url))),
  };
}

/** A yes/no question in a native dialog, parented to the asking window; true only for the first button. */
const askUser = oneQuestionAtATime(async (sender: WebContents, message: string, detail: string, yes: string): Promise<boolean> => {
  const options = { type: 'question' as const, message, detail, buttons: [yes, 'Cancel'], defaultId: 1, cancelId: 1, noLink: true };
  const window = BrowserWindow.fromWebContents(sender);
  const answer = window === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(window, options);
  return answer.response === 0;
});

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
export function registerIpcHandlers(settings: ShellSettings): void {
  // Kept-alive connections, one pool per configured source, for the app's life.
  const tileAgents = new TileAgents();
  const tileCacheEffects = (): TileCacheEffects => tileCacheEffectsWith(settings, tileAgents);
  // One for the app: the window's reloads come and go, the switch the person allowed stays.
  const pendingSwitch = new PendingServerSwitch();
  handleIpc('app:info', appInfo, () => ({ version: app.getVersion(), platform: process.platform }));
  handleIpc('report:savePdf', saveReportPdf, saveReportPdfEffects);
  handleIpc('shell:openExternal', openExternal, () => ({ openExternal: (url: string) => shell.openExternal(url) }));
  // Main-process strings: the dialogs are main's own, outside the renderer's i18n layer.
  handleIpc('tiles:setSource', setTileSource, (sender) => ({
    settings,
    confirmPrivateSource: (name: string, host: string) =>
      askUser(sender, `Let the map source "${name}" use your local network?`, `Routewatch will fetch map tiles from ${host}, an address on this computer or your local network.`, 'Allow'),
  }));
  handleIpc('shell:setSyncServer', setSyncServer, (sender) => ({
    settings,
    pendingSwitch,
    confirmServerChange: (from: string, to: string) =>
      askUser(
        sender,
        'Switch to another sync server?',
        `This device syncs with ${from}. Allow it to connect to ${to} instead? Routewatch then reloads its window to connect there, and you enter the enrolment code again.`,
        'Switch',
      ),
  }));
  handleIpc('shell:syncServerSwitch', syncServerSwitch, () => ({ pendingSwitch }));
  handleIpc('tiles:load', loadTile, tileCacheEffects);
  handleIpc('tiles:stat', statTiles, tileCacheEffects);
  handleIpc('tiles:delete', deleteTiles, tileCacheEffects);
  handleIpc('tiles:viewedUsage', countViewedTiles, tileCacheEffects);
  handleIpc('tiles:trimViewed', trimViewedTiles, tileCacheEffects);
  handleIpc('keychain:status', keychainStatus, osKeychainEffects);
  handleIpc('keychain:protect', keychainProtect, osKeychainEffects);
  handleIpc('keychain:unprotect', keychainUnprotect, osKeychainEffects);
}
