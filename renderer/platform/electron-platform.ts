import type { RoutewatchBridge } from '../../shared/ipc/contract';
import { createElectronTileCache } from './electron-tile-cache';
import { electronKeychain } from './os-keychain';
import { rememberServerSwitch, sessionStorageOrNull } from './server-switch-note';
import type { Platform } from './platform';

/** The renderer inside the Electron shell, talking to main through the preload bridge. */
export function createElectronPlatform(bridge: RoutewatchBridge): Platform {
  return {
    name: 'electron',
    async saveReportPdf({ suggestedName, paper, text }) {
      const result = await bridge['report:savePdf']({ suggestedName, paper, ...text });
      if (!result.ok) throw new Error(`PDF export failed: ${result.error.code}`);
      return result.data.saved ? 'saved' : 'cancelled';
    },
    async openExternal(url) {
      const result = await bridge['shell:openExternal']({ url });
      if (!result.ok) throw new Error(`link refused: ${result.error.code}`);
    },
    async announceSyncServer(serverUrl) {
      const result = await bridge['shell:setSyncServer']({ url: serverUrl });
      if (!result.ok) throw new Error(`sync server not taken: ${result.error.code}`);
      if (!result.data.reloading) return 'kept';
      // Main reloads this page next: the note is written now, in the answer's own turn.
      rememberServerSwitch(serverUrl, sessionStorageOrNull(globalThis));
      return 'reloading';
    },
    defaultServerUrl: () => '',
    tileCache: createElectronTileCache(bridge),
    keychain: electronKeychain(bridge),
  };
}
