import path from 'node:path';

/** Where the bundled main process finds the rest of the app. */
export interface AppPaths {
  /** The built renderer (Vite's output) served at app://routewatch/. */
  readonly rendererRoot: string;
  /** The bundled preload of the main window. */
  readonly preload: string;
}

/**
 * Paths relative to the folder holding the bundled main.js (dist-electron/). The same
 * layout holds in the project folder and inside the packaged app.asar, where
 * electron-builder puts dist-electron/ and dist/renderer/ side by side.
 */
export function appPaths(mainBundleDir: string): AppPaths {
  return {
    rendererRoot: path.resolve(mainBundleDir, '..', 'dist', 'renderer'),
    preload: path.resolve(mainBundleDir, 'preload.cjs'),
  };
}
