import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './hash-route';

describe('hash routes', () => {
  it('reads the screen and its parameters', () => {
    const route = parseHash('#/report?from=2026-03-01&to=2026-03-07');
    expect(route.screen).toBe('report');
    expect(route.params.get('from')).toBe('2026-03-01');
  });

  it('opens the map where no screen is named', () => {
    expect(parseHash('').screen).toBe('map');
    expect(parseHash('#').screen).toBe('map');
    expect(parseHash('#/').screen).toBe('map');
    expect(parseHash('#/?from=2026-03-01').params.get('from')).toBe('2026-03-01');
  });

  it('says "not found" for an address that names no screen, keeping what was asked for', () => {
    for (const hash of ['#/nonsense', '#/../../etc/passwd', '#/constructor', '#/__proto__', '#/Map', '#/map/extra', '#/reports', '#nonsense?x=1']) {
      const route = parseHash(hash);
      expect(route.screen, hash).toBe('not-found');
      expect(route.screen === 'not-found' && route.address, hash).toBe(hash);
    }
  });

  it('says "not found" for a path that is not the app\'s page, whatever its hash', () => {
    expect(parseHash('', '/nonsense')).toMatchObject({ screen: 'not-found', address: '/nonsense' });
    expect(parseHash('#/map', '/observations')).toMatchObject({ screen: 'not-found', address: '/observations#/map' });
    // The app's own page: the server's root, a folder behind a proxy, the desktop app's index.html.
    expect(parseHash('#/map', '/').screen).toBe('map');
    expect(parseHash('#/review', '/routewatch/').screen).toBe('review');
    expect(parseHash('#/report', '/index.html').screen).toBe('report');
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
