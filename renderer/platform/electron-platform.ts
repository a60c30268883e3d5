import type { RoutewatchBridge } from '../../shared/ipc/contract';
import { createElectronTileCache } from './electron-tile-cache';
import { electronKeychain } from './os-keychain';
import type { Platform } from './platform';

/** An http(s) address, as main only ever keeps; anything else is no switch to offer in the form. */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

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
    async announceSyncServer(serverUrl, purpose) {
      const result = await bridge['shell:setSyncServer']({ url: serverUrl, purpose });
      if (!result.ok) throw new Error(`sync server not taken: ${result.error.code}`);
      return result.data.reloadNeeded ? 'reloading' : 'kept';
    },
    async syncServerSwitch() {
      const result = await bridge['shell:syncServerSwitch']({});
      if (!result.ok) return null;
      const url = result.data.switchingTo;
      return url === null || !isHttpUrl(url) ? null : url;
    },
    defaultServerUrl: () => '',
    tileCache: createElectronTileCache(bridge),
    keychain: electronKeychain(bridge),
  };
}
