/**
 * The policy parsed as a browser reads it (directives split on ';', sources on white
 * space) and checked directive by directive, so a loosened source shows as exactly that.
 */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';

function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    // A browser ignores a repeated directive; a policy of ours never has one.
    expect(directives.has(name), `directive ${name} repeated`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

const FIXED: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

describe('content security policy', () => {
  it.each([
    ['without known servers', undefined, ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*']],
    ['with the sync server', ['https://hq.example.org'], ["'self'", 'https://hq.example.org']],
    ['with a loopback server', ['http://127.0.0.1:8080'], ["'self'", 'http://127.0.0.1:8080']],
    ['with none', [], ["'self'"]],
  ] as const)('has exactly its directives, %s', (_name, connectSources, connect) => {
    const directives = parse(contentSecurityPolicy(connectSources === undefined ? {} : { connectSources }));
    expect([...directives.keys()].sort()).toEqual([...Object.keys(FIXED), 'connect-src'].sort());
    for (const [name, sources] of Object.entries(FIXED)) expect(directives.get(name), name).toEqual(sources);
    expect(directives.get('connect-src')).toEqual(connect);
  });

  it('never runs inline, eval’d or remote script, and names no wildcard outside the unenrolled connect-src', () => {
    const directives = parse(contentSecurityPolicy({ connectSources: ['https://hq.example.org'] }));
    for (const [name, sources] of directives) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain('*');
      expect(sources, name).not.toContain('https:');
      expect(sources, name).not.toContain('http:');
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    }
  });

  const HOSTILE_ORIGINS = [
    'https://hq.example.org; script-src *',
    "https://hq.example.org 'unsafe-eval'",
    'https://hq.example.org/api',
    'https://*.example.org',
    'javascript:alert(1)',
    'data:',
    'https:',
    '*',
    '',
  ];

  it.each(HOSTILE_ORIGINS)('refuses to put %j into connect-src', (origin) => {
    expect(() => contentSecurityPolicy({ connectSources: [origin] })).toThrow();
  });

  it('prints its figures', () => {
    const refused = HOSTILE_ORIGINS.filter((origin) => {
      try {
        contentSecurityPolicy({ connectSources: [origin] });
        return false;
      } catch {
        return true;
      }
    });
    console.log(`CSP: ${String(Object.keys(FIXED).length + 1)} directives checked in 4 policies; ${String(refused.length)} of ${String(HOSTILE_ORIGINS.length)} hostile origins refused`);
    expect(refused).toEqual(HOSTILE_ORIGINS);
  });
});
