/**
 * Countries of the route, and how world-atlas (Natural Earth) names them.
 *
 * world-atlas carries only an abbreviated English `name` per country ("Bosnia and Herz.",
 * "Macedonia"), Kosovo has no numeric id, and id 036 appears twice: so the basemap keys
 * countries by this table of our own, never by world-atlas ids, and never shows a
 * world-atlas name to a user (labels go through i18n).
 */
import { t } from '../../i18n/i18n';

/** ISO 3166-1 alpha-2 codes, with XK for Kosovo as the organisation uses it. */
export const ROUTE_COUNTRIES = ['GR', 'MK', 'RS', 'XK', 'BA', 'ME', 'AL', 'HR', 'SI', 'HU', 'AT', 'BG', 'RO'] as const;
export type RouteCountry = (typeof ROUTE_COUNTRIES)[number];

/**
 * world-atlas `name` -> our code. Several spellings map to one code so that a newer
 * Natural Earth release (which renamed "Macedonia" to "North Macedonia") keeps working.
 */
export const WORLD_ATLAS_NAMES: Readonly<Record<string, RouteCountry>> = {
  Greece: 'GR',
  Macedonia: 'MK',
  'N. Macedonia': 'MK',
  'North Macedonia': 'MK',
  Serbia: 'RS',
  Kosovo: 'XK',
  'Bosnia and Herz.': 'BA',
  'Bosnia and Herzegovina': 'BA',
  Montenegro: 'ME',
  Albania: 'AL',
  Croatia: 'HR',
  Slovenia: 'SI',
  Hungary: 'HU',
  Austria: 'AT',
  Bulgaria: 'BG',
  Romania: 'RO',
};

/** Our code for a world-atlas country name, or undefined for countries off the route. */
export function routeCountryOfAtlasName(name: unknown): RouteCountry | undefined {
  return typeof name === 'string' && Object.hasOwn(WORLD_ATLAS_NAMES, name) ? WORLD_ATLAS_NAMES[name] : undefined;
}

/**
 * Hand-chosen label points: inside each country, clear of the gazetteer places and
 * readable at zoom 5-8 (a polygon centroid falls in the sea for Croatia and sits on
 * top of the route's places for North Macedonia).
 */
export const COUNTRY_LABEL_POINTS: Readonly<Record<RouteCountry, { lat: number; lon: number }>> = {
  GR: { lat: 39.75, lon: 21.95 },
  MK: { lat: 41.6, lon: 21.35 },
  RS: { lat: 43.95, lon: 20.85 },
  XK: { lat: 42.45, lon: 20.6 },
  BA: { lat: 44.25, lon: 17.65 },
  ME: { lat: 42.85, lon: 19.15 },
  AL: { lat: 40.75, lon: 20.1 },
  HR: { lat: 45.6, lon: 16.75 },
  SI: { lat: 46.15, lon: 14.75 },
  HU: { lat: 46.95, lon: 18.7 },
  AT: { lat: 47.3, lon: 14.4 },
  BG: { lat: 42.8, lon: 24.3 },
  RO: { lat: 45.85, lon: 23.6 },
};

/** The label of a route country; Kosovo's carries the marker of the reference footnote. */
export function countryLabel(code: RouteCountry): string {
  return code === 'XK' ? t('map.label.XK') : t(`map.country.${code}`);
}
