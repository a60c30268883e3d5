import type { CircleMarkerOptions } from 'leaflet';
import type { PlaceKind } from '../../../shared/observations/codelists';

/**
 * Places are map furniture: small, white or dark, so they never read as observations
 * (which are filled with the kind colours). The three kinds of centre share one style.
 */
export const PLACE_STYLE_GROUPS = ['crossing', 'greenBorder', 'centre', 'camp', 'city'] as const;
export type PlaceStyleGroup = (typeof PLACE_STYLE_GROUPS)[number];

export const PLACE_STYLE_GROUP: Readonly<Record<PlaceKind, PlaceStyleGroup>> = {
  border_crossing: 'crossing',
  green_border: 'greenBorder',
  transit_centre: 'centre',
  reception_centre: 'centre',
  asylum_centre: 'centre',
  informal_camp: 'camp',
  city: 'city',
};

type PlaceStyle = Required<Pick<CircleMarkerOptions, 'radius' | 'color' | 'weight' | 'fillColor' | 'fillOpacity'>>;

export const PLACE_STYLES: Readonly<Record<PlaceStyleGroup, PlaceStyle>> = {
  crossing: { radius: 5.5, color: '#1a1a1a', weight: 2.5, fillColor: '#ffffff', fillOpacity: 1 },
  greenBorder: { radius: 5.5, color: '#1b7f2a', weight: 2.5, fillColor: '#ffffff', fillOpacity: 1 },
  centre: { radius: 5, color: '#ffffff', weight: 1.5, fillColor: '#37474f', fillOpacity: 1 },
  camp: { radius: 5, color: '#ffffff', weight: 1.5, fillColor: '#8d5524', fillOpacity: 1 },
  city: { radius: 3.5, color: '#ffffff', weight: 1, fillColor: '#5f5f5f', fillOpacity: 1 },
};

export function placeStyle(kind: PlaceKind): PlaceStyle {
  return PLACE_STYLES[PLACE_STYLE_GROUP[kind]];
}
