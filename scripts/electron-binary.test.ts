import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeInstallerOutcome,
  executableInDist,
  exitCodeOf,
  findElectronBinary,
  INSTALL_TIME_LIMIT_MS,
  installerCommand,
  shouldTryInstaller,
  webModeNotice,
  type FindElectronBinaryOptions,
} from './electron-binary.mjs';

const pkg = path.resolve('/project/node_modules/electron');

/** A fake file system: the files that exist, with their text. */
function options(files: Record<string, string>, env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): FindElectronBinaryOptions {
  return {
    env,
    electronPackageDir: pkg,
    platform,
    exists: (filePath) => filePath in files,
    readText: (filePath) => files[filePath] ?? null,
  };
}

describe('findElectronBinary', () => {
  it('finds the binary electron installed (path.txt + dist)', () => {
    const binary = path.join(pkg, 'dist', 'electron');
    expect(findElectronBinary(options({ [path.join(pkg, 'path.txt')]: 'electron', [binary]: '' }))).toEqual({
      found: true,
      path: binary,
      source: 'installed',
    });
  });

  it('reports not-installed when path.txt is missing (the state after `npm ci` here)', () => {
    expect(findElectronBinary(options({}))).toMatchObject({ found: false, reason: 'not-installed' });
  });

  it('reports not-installed when path.txt names a binary that is not there', () => {
    expect(findElectronBinary(options({ [path.join(pkg, 'path.txt')]: 'electron' }))).toMatchObject({
      found: false,
      reason: 'not-installed',
      looked: [path.join(pkg, 'dist', 'electron')],
    });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, with the platform executable name', () => {
    const override = path.resolve('/opt/electron-45');
    expect(findElectronBinary(options({ [path.join(override, 'electron')]: '' }, { ELECTRON_OVERRIDE_DIST_PATH: override }))).toEqual({
      found: true,
      path: path.join(override, 'electron'),
      source: 'override',
    });
    expect(
      findElectronBinary(options({ [path.join(override, 'electron.exe')]: '' }, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'win32')),
    ).toMatchObject({ found: true, path: path.join(override, 'electron.exe') });
  });

  it('does not fall back to node_modules when the override points nowhere', () => {
    const files = { [path.join(pkg, 'path.txt')]: 'electron', [path.join(pkg, 'dist', 'electron')]: '' };
    expect(findElectronBinary(options(files, { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }))).toMatchObject({
      found: false,
      reason: 'override-missing',
    });
  });

  it('ignores an empty override and trims path.txt', () => {
    const files = { [path.join(pkg, 'path.txt')]: 'electron\n', [path.join(pkg, 'dist', 'electron')]: '' };
    expect(findElectronBinary(options(files, { ELECTRON_OVERRIDE_DIST_PATH: '' }))).toMatchObject({ found: true, source: 'installed' });
  });
});

describe('executableInDist', () => {
  it('names the executable as electron install.js does', () => {
    expect(executableInDist('linux')).toBe('electron');
    expect(executableInDist('win32')).toBe('electron.exe');
    expect(executableInDist('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});

describe('the start-up decision', () => {
  it('tries the installer only when nothing is installed and no override is set', () => {
    expect(shouldTryInstaller({ found: false, reason: 'not-installed', looked: [] })).toBe(true);
    expect(shouldTryInstaller({ found: false, reason: 'override-missing', looked: [] })).toBe(false);
    expect(shouldTryInstaller({ found: true, path: '/x/electron', source: 'installed' })).toBe(false);
  });

  it('runs electron/install.js with the current node, under a time limit of about 90 s', () => {
    expect(installerCommand(pkg, '/usr/bin/node')).toEqual({
      command: '/usr/bin/node',
      args: [path.join(pkg, 'install.js')],
      timeoutMs: INSTALL_TIME_LIMIT_MS,
    });
    expect(INSTALL_TIME_LIMIT_MS).toBeGreaterThanOrEqual(60_000);
    expect(INSTALL_TIME_LIMIT_MS).toBeLessThanOrEqual(120_000);
  });

  it('describes how the installer ended', () => {
    const timedOut = Object.assign(new Error('spawnSync node ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(describeInstallerOutcome({ status: null, signal: 'SIGKILL', error: timedOut })).toMatch(/did not finish within 90 seconds/);
    expect(describeInstallerOutcome({ status: 1, signal: null })).toMatch(/download failed/);
    expect(describeInstallerOutcome({ status: 1, signal: null, stderr: '\nTypeError: fetch failed\n    at node:internal' })).toBe(
      'the download failed (no network, or the download site is blocked) [TypeError: fetch failed]',
    );
    expect(describeInstallerOutcome({ status: null, signal: 'SIGTERM' })).toMatch(/stopped/);
    expect(describeInstallerOutcome({ status: 0, signal: null })).toBe('the installer finished');
  });

  it('explains the fall-back to web mode in plain words', () => {
    const notice = webModeNotice({ found: false, reason: 'not-installed', looked: [] }, 'the download failed (no network, or the download site is blocked)');
    expect(notice).toContain('desktop shell could not be installed here');
    expect(notice).toContain('no network');
    expect(notice).toContain('web mode');
    expect(webModeNotice({ found: false, reason: 'override-missing', looked: ['/nowhere/electron'] }, null)).toContain(
      'ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron binary at /nowhere/electron',
    );
  });

  it('forwards the exit code of the child', () => {
    const signals = { SIGINT: 2, SIGTERM: 15 };
    expect(exitCodeOf(0, null, signals)).toBe(0);
    expect(exitCodeOf(3, null, signals)).toBe(3);
    expect(exitCodeOf(null, 'SIGTERM', signals)).toBe(143);
    expect(exitCodeOf(null, null, signals)).toBe(1);
  });
});
