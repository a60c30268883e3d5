import L from 'leaflet';
import type { FlowEnd } from '../../../shared/flows/aggregate-flows';
import type { Place } from '../../../shared/places/place';
import { countryName } from '../../i18n/codelist-label';
import { COUNTRY_LABEL_POINTS } from '../basemap/country-names';

/**
 * Where a country end of a flow is drawn: the route countries' label points
 * (country-names.ts: inside the country, clear of the places), and for the countries a
 * movement often names beyond them a point of our own, on their side facing the route.
 * Flows to or from any other country are not drawn (and not counted as shown).
 */
export const FLOW_COUNTRY_POINTS: Readonly<Record<string, { lat: number; lon: number }>> = {
  ...COUNTRY_LABEL_POINTS,
  TR: { lat: 40.6, lon: 27.2 },
  IT: { lat: 45.55, lon: 12.0 },
  DE: { lat: 48.9, lon: 11.5 },
};

/** Where an end is on the map, or null when it cannot be placed (unknown place, other country). */
export function flowEndPoint(places: ReadonlyMap<string, Place>, end: FlowEnd): L.LatLng | null {
  if (end.type === 'place') {
    const place = places.get(end.id);
    return place ? L.latLng(place.lat, place.lon) : null;
  }
  const point = Object.hasOwn(FLOW_COUNTRY_POINTS, end.code) ? FLOW_COUNTRY_POINTS[end.code] : undefined;
  return point ? L.latLng(point.lat, point.lon) : null;
}

/** An end's name as the tooltip and the accessible name read it (user text: shown as text only). */
export function flowEndName(places: ReadonlyMap<string, Place>, end: FlowEnd): string {
  return end.type === 'place' ? (places.get(end.id)?.name ?? end.id) : countryName(end.code);
}
