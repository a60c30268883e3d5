import { noKeychain } from './os-keychain';
import type { Platform } from './platform';
import { createWebTileCache } from './web-tile-cache';

/** The renderer served by the web-mode server in a browser. */
export function createWebPlatform(win: Window): Platform {
  return {
    name: 'web',
    saveReportPdf() {
      win.print();
      // The browser's print dialog does not say whether a file was written: the screen
      // says the dialog was opened, never that a PDF was saved.
      return Promise.resolve('print-dialog');
    },
    openExternal(url) {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:') win.open(parsed.href, '_blank', 'noopener,noreferrer');
      return Promise.resolve();
    },
    // The web-mode server sends the page's CSP itself (any https server may be reached): nothing to switch.
    announceSyncServer: () => Promise.resolve('kept'),
    // Nor a desktop switch to tell of.
    syncServerSwitch: () => Promise.resolve(null),
    // In web mode the server that serves the app is the HQ server.
    defaultServerUrl: () => win.location.origin,
    // `caches` is undefined outside a secure context, although the DOM types say otherwise.
    tileCache: createWebTileCache((win as { caches?: CacheStorage }).caches, (input, init) => win.fetch(input, init)),
    keychain: noKeychain,
  };
}
