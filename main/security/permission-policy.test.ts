import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permission-policy';

const ours = { requestingUrl: 'app://routewatch/index.html', isMainFrame: true };

describe('isPermissionGranted', () => {
  it.each(['persistent-storage', 'clipboard-sanitized-write'])('grants %s to our main frame', (permission) => {
    expect(isPermissionGranted({ ...ours, permission })).toBe(true);
  });

  it('accepts our origin as a permission check reports it (no path)', () => {
    expect(isPermissionGranted({ permission: 'persistent-storage', requestingUrl: 'app://routewatch', isMainFrame: true })).toBe(true);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'display-capture',
    'fileSystem',
    'unknown',
    'Persistent-Storage',
    '',
  ])('denies %s even to our main frame', (permission) => {
    expect(isPermissionGranted({ ...ours, permission })).toBe(false);
  });

  it.each([
    'https://example.org/',
    'https://evil/?next=app://routewatch',
    'app://routewatch.evil/',
    'app://routewatch@evil/',
    'file:///work/main/dist/renderer/index.html',
    'about:blank',
    '',
  ])('denies a granted permission to %s', (requestingUrl) => {
    expect(isPermissionGranted({ permission: 'persistent-storage', requestingUrl, isMainFrame: true })).toBe(false);
  });

  it('denies subframes and requests with no URL', () => {
    expect(isPermissionGranted({ ...ours, permission: 'persistent-storage', isMainFrame: false })).toBe(false);
    expect(isPermissionGranted({ permission: 'persistent-storage', requestingUrl: undefined, isMainFrame: true })).toBe(false);
  });
});

describe('isPermissionGranted against every permission Electron names', () => {
  /** The permission names in Electron's own typings, for requests and for checks. */
  async function electronPermissions(): Promise<string[]> {
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const typings = await readFile(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8');
    const names = new Set<string>();
    for (const handler of ['setPermissionRequestHandler', 'setPermissionCheckHandler']) {
      const line = typings.split('\n').find((l) => l.includes(`${handler}(handler`));
      expect(line, handler).toBeDefined();
      const union = /permission: ((?:'[^']+'(?: \| )?)+)/.exec(line ?? '')?.[1] ?? '';
      for (const match of union.matchAll(/'([^']+)'/g)) names.add(match[1] ?? '');
    }
    return [...names].sort();
  }

  it('grants only the allowlist, only to our main frame; denies every other permission to everyone', async () => {
    const names = await electronPermissions();
    expect(names.length).toBeGreaterThan(30);
    const frames = [
      { requestingUrl: 'app://routewatch/index.html', isMainFrame: true },
      { requestingUrl: 'app://routewatch/index.html', isMainFrame: false },
      { requestingUrl: 'https://tile.openstreetmap.org/', isMainFrame: true },
      { requestingUrl: 'app://routewatch.evil/', isMainFrame: true },
      { requestingUrl: 'file:///index.html', isMainFrame: true },
      { requestingUrl: undefined, isMainFrame: true },
    ];
    const granted: string[] = [];
    for (const permission of names) {
      for (const frame of frames) if (isPermissionGranted({ permission, ...frame })) granted.push(`${permission} ${String(frame.requestingUrl)} ${String(frame.isMainFrame)}`);
    }
    expect(granted.sort()).toEqual(['clipboard-sanitized-write app://routewatch/index.html true', 'persistent-storage app://routewatch/index.html true']);
    console.log(`permissions: ${String(names.length)} Electron permission names x ${String(frames.length)} frames, ${String(granted.length)} granted (the allowlist, our main frame only)`);
  });
});
