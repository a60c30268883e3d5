/**
 * Codelists of the observation record. Values are stable codes stored and synced;
 * labels live in the i18n catalogues under `codelist.<list>.<code>`.
 */

export const OBSERVATION_KINDS = [
  'group_sighting',
  'point_count',
  'site_snapshot',
  'incident',
  'border_status',
  'route_report',
  'secondary_source',
] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

/** Field missions of the organisation; HQ sees all of them. */
export const MISSIONS = ['RS', 'MK', 'BA', 'AL', 'ME', 'XK', 'HQ'] as const;
export type Mission = (typeof MISSIONS)[number];

export const REVIEW_STATUSES = ['draft', 'submitted', 'verified', 'returned', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** How the location of a record was taken. */
export const LOCATION_METHODS = ['gazetteer', 'map_click', 'typed', 'gps'] as const;
export type LocationMethod = (typeof LOCATION_METHODS)[number];

export const PLACE_KINDS = [
  'border_crossing',
  'green_border',
  'transit_centre',
  'reception_centre',
  'asylum_centre',
  'informal_camp',
  'city',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
