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

/** Precision of the observation time. */
export const TIME_PRECISIONS = ['exact', 'hour', 'day'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

/** Precision of the location. */
export const LOCATION_PRECISIONS = ['exact', 'within_1km', 'settlement', 'municipality', 'region'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

export const DIRECTIONS = ['incoming', 'outgoing', 'transit', 'stationary', 'returned_pushed_back', 'unknown'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const TRANSPORT_MODES = ['on_foot', 'car', 'van', 'truck', 'bus', 'train', 'taxi', 'boat', 'other'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const CROSSING_TYPES = ['official_crossing', 'green_border', 'river'] as const;
export type CrossingType = (typeof CROSSING_TYPES)[number];

export const FACILITATORS = ['none_observed', 'suspected_smuggler', 'confirmed_smuggler', 'unknown'] as const;
export type Facilitator = (typeof FACILITATORS)[number];

export const COUNT_METHODS = ['exact_count', 'estimate', 'official_figure', 'key_informant', 'media'] as const;
export type CountMethod = (typeof COUNT_METHODS)[number];

/** How a nationality was established. */
export const NATIONALITY_BASES = ['declared', 'documented', 'perceived'] as const;
export type NationalityBasis = (typeof NATIONALITY_BASES)[number];

export const VULNERABILITIES = [
  'unaccompanied_child',
  'separated_child',
  'pregnant_or_lactating',
  'disability',
  'serious_medical_condition',
  'older_person',
  'single_parent',
  'survivor_of_violence',
  'lgbtiq',
] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const SITE_BORDER_STATUSES = ['open', 'restricted', 'closed'] as const;
export type BorderStatusValue = (typeof SITE_BORDER_STATUSES)[number];

export const INCIDENT_TYPES = [
  'pushback',
  'violence',
  'death',
  'missing',
  'detention',
  'extortion_theft',
  'smuggling_interdiction',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_ACTORS = ['state', 'non_state', 'unknown'] as const;
export type IncidentActor = (typeof INCIDENT_ACTORS)[number];

/**
 * Trafficking indicators (sensitive): IOM's five flow-monitoring questions, then the
 * ILO dimensions of forced labour and trafficking.
 */
export const TRAFFICKING_INDICATORS = [
  'iom_unpaid_work',
  'iom_forced_work',
  'iom_job_offer',
  'iom_marriage_offer',
  'iom_held_against_will',
  'ilo_deceptive_recruitment',
  'ilo_coercive_recruitment',
  'ilo_abusive_recruitment',
  'ilo_exploitative_conditions',
  'ilo_coercion_at_destination',
  'ilo_abuse_of_vulnerability_at_destination',
] as const;
export type TraffickingIndicator = (typeof TRAFFICKING_INDICATORS)[number];

export const SOURCE_TYPES = [
  'direct_observation',
  'authorities',
  'un_or_international_organisation',
  'ngo',
  'key_informant',
  'migrant_testimony',
  'media',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Admiralty code: reliability of the source, A (completely reliable) to F (cannot be judged). */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

/** Admiralty code: credibility of the information, 1 (confirmed) to 6 (cannot be judged). */
export const INFORMATION_CREDIBILITY = ['1', '2', '3', '4', '5', '6'] as const;
export type InformationCredibility = (typeof INFORMATION_CREDIBILITY)[number];

export const CLASSIFICATIONS = ['internal', 'restricted', 'shareable_with_partners', 'public'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Languages a summary may be tagged with (BCP 47). */
export const SUMMARY_LANGUAGES = ['en', 'sr-Latn', 'sr-Cyrl', 'mk', 'sq', 'bs', 'hr', 'other'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];
