import { describe, expect, it, vi } from 'vitest';
import { openExternal } from './open-external';

describe('shell:openExternal handler', () => {
  it('opens a parsed https URL in the system browser', async () => {
    const effects = { openExternal: vi.fn(() => Promise.resolve()) };
    expect(await openExternal({ url: 'https://example.org/guide?x=1' }, effects)).toEqual({ ok: true, data: {} });
    expect(effects.openExternal).toHaveBeenCalledWith('https://example.org/guide?x=1');
  });

  it('passes on the normalized URL, not the raw string', async () => {
    const effects = { openExternal: vi.fn(() => Promise.resolve()) };
    await openExternal({ url: 'HTTPS://Example.org/a b' }, effects);
    expect(effects.openExternal).toHaveBeenCalledWith('https://example.org/a%20b');
  });

  it.each([
    'http://example.org/',
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'ms-msdt:/id PCWDiagnostic /skip force',
    'app://routewatch/index.html',
    'https://example.org@evil.example/',
    'mailto:a@example.org',
    'not a url',
    '',
  ])('refuses %s without opening anything', async (url) => {
    const effects = { openExternal: vi.fn(() => Promise.resolve()) };
    expect(await openExternal({ url }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(effects.openExternal).not.toHaveBeenCalled();
  });
});
