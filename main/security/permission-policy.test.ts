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
