import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './hash-route';

describe('hash routes', () => {
  it('reads the screen and its parameters', () => {
    const route = parseHash('#/report?from=2026-03-01&to=2026-03-07');
    expect(route.screen).toBe('report');
    expect(route.params.get('from')).toBe('2026-03-01');
  });

  it('falls back to the map for anything else', () => {
    expect(parseHash('').screen).toBe('map');
    expect(parseHash('#/../../etc/passwd').screen).toBe('map');
    expect(parseHash('#/constructor').screen).toBe('map');
  });

  it('builds links that parse back', () => {
    expect(parseHash(hrefFor('report', { from: 'a&b' })).params.get('from')).toBe('a&b');
  });

  it('routes the review queue and the detail view of one record', () => {
    expect(parseHash('#/review').screen).toBe('review');
    const detail = parseHash(hrefFor('observation', { id: '01900000-0000-7000-8000-000000000001' }));
    expect(detail.screen).toBe('observation');
    expect(detail.params.get('id')).toBe('01900000-0000-7000-8000-000000000001');
  });

  it('routes "Needs attention"', () => {
    expect(parseHash('#/attention').screen).toBe('attention');
    expect(hrefFor('attention')).toBe('#/attention');
  });
});
