import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options of the main window. The security settings are Electron's defaults today;
 * they are spelled out so a reader (and electronegativity) sees them, and so a change
 * of default cannot weaken them silently.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: 'Routewatch',
    // Shown on 'ready-to-show', so the user never sees an empty frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
