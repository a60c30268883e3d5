/** Gazetteer places for the map layers' tests, one of them named with markup. */
import type { Place } from '../../shared/places/place';

/** A name that would run as code if it were ever rendered as HTML. */
export const MARKUP = '<img src=x onerror=alert(1)>';

export function testPlace(id: string, name: string, lat: number, lon: number): Place {
  return { id, name, nameLocal: '', country: id.slice(0, 2).toUpperCase(), kind: 'city', lat, lon, coordStatus: 'verified', active: '', notes: '' };
}

/** Places along the route, Zagreb named with markup. */
export const FLOW_TEST_PLACES: ReadonlyMap<string, Place> = new Map(
  [
    testPlace('mk-gevgelija', 'Gevgelija', 41.14, 22.5),
    testPlace('mk-tabanovce', 'Tabanovce', 42.22, 21.7),
    testPlace('rs-presevo', 'Preševo', 42.31, 21.65),
    testPlace('rs-belgrade', 'Belgrade', 44.82, 20.46),
    testPlace('hr-zagreb', MARKUP, 45.81, 15.98),
  ].map((p) => [p.id, p]),
);
