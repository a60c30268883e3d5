import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateAdminToken, readAdminToken } from './admin-token';

const dirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rw-admin-token-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('admin token', () => {
  it('is created once, mode 0600, and read back', () => {
    const dir = tmp();
    expect(readAdminToken(dir, {})).toBeUndefined();
    const created = loadOrCreateAdminToken(dir, {});
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateAdminToken(dir, {})).toEqual(created);
    expect(readAdminToken(dir, {})).toEqual(created);
  });

  it('prefers ROUTEWATCH_ADMIN_TOKEN and writes no file then', () => {
    const dir = tmp();
    const env = { ROUTEWATCH_ADMIN_TOKEN: 'from-the-environment-123' };
    expect(loadOrCreateAdminToken(dir, env)).toEqual({ token: 'from-the-environment-123', from: 'ROUTEWATCH_ADMIN_TOKEN' });
    expect(() => readFileSync(join(dir, 'admin-token'))).toThrow();
    expect(() => loadOrCreateAdminToken(dir, { ROUTEWATCH_ADMIN_TOKEN: 'short' })).toThrow(/16-512/);
  });

  it('tightens a token file others can read', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'admin-token'), 'an-existing-token-of-some-length\n');
    chmodSync(join(dir, 'admin-token'), 0o644);
    expect(loadOrCreateAdminToken(dir, {}).token).toBe('an-existing-token-of-some-length');
    expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
  });

  it('refuses a token file that holds no token', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'admin-token'), '\n');
    expect(() => loadOrCreateAdminToken(dir, {})).toThrow(/holds no valid admin token/);
  });
});
