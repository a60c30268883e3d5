import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './main-window';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist-electron/preload.cjs');

  it('keeps the renderer sandboxed and isolated, without Node', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('waits for ready-to-show before showing the window', () => {
    expect(options.show).toBe(false);
  });
});
