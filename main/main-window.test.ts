import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './main-window';

const mainFolder = path.dirname(fileURLToPath(import.meta.url));

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist-electron/preload.cjs');

  it('keeps the renderer sandboxed and isolated, without Node: exactly these web preferences', () => {
    // toEqual, not toMatchObject: a preference added later must be looked at here.
    expect(options.webPreferences).toEqual({
      preload: '/app/dist-electron/preload.cjs',
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
    });
  });

  it('waits for ready-to-show before showing the window', () => {
    expect(options.show).toBe(false);
  });

  it('is the one factory: every window main opens is built from it', async () => {
    const entries = await readdir(mainFolder, { recursive: true });
    const sources = entries.filter((file) => /\.(c|m)?ts$/.test(file) && !/\.test\.ts$/.test(file));
    const constructions: string[] = [];
    for (const file of sources) {
      const text = await readFile(path.join(mainFolder, file), 'utf8');
      for (const match of text.matchAll(/new\s+BrowserWindow\s*\(([^)]*)/g)) constructions.push(`${file}: ${match[1] ?? ''}`);
      // No other way to a page with web preferences of its own.
      expect(text, file).not.toMatch(/new\s+(BrowserView|WebContentsView)\s*\(/);
      if (file !== 'main-window.ts') expect(text, file).not.toMatch(/webPreferences\s*:/);
    }
    expect(constructions).toEqual(['main.ts: mainWindowOptions(paths.preload']);
  });
});
