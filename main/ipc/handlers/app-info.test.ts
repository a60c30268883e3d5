import { describe, expect, it } from 'vitest';
import { appInfo } from './app-info';

describe('app:info handler', () => {
  it('returns the version and platform it is given', () => {
    expect(appInfo({}, { version: '0.1.0', platform: 'linux' })).toEqual({ ok: true, data: { version: '0.1.0', platform: 'linux' } });
  });
});
