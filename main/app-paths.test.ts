import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from './app-paths';

describe('appPaths', () => {
  it('finds the renderer and the preload next to the bundled main, in the project folder', () => {
    const root = path.resolve('/home/ana/routewatch');
    expect(appPaths(path.join(root, 'dist-electron'))).toEqual({
      rendererRoot: path.join(root, 'dist', 'renderer'),
      preload: path.join(root, 'dist-electron', 'preload.cjs'),
    });
  });

  it('and inside the packaged app.asar', () => {
    const asar = path.resolve('/opt/Routewatch/resources/app.asar');
    expect(appPaths(path.join(asar, 'dist-electron'))).toEqual({
      rendererRoot: path.join(asar, 'dist', 'renderer'),
      preload: path.join(asar, 'dist-electron', 'preload.cjs'),
    });
  });
});
