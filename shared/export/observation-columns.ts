/**
 * The columns of an observations export: one definition for the CSV, the XLSX sheet
 * and the GeoJSON properties, so that a column means the same in every format.
 *
 * One row per record. Nested groups are flattened:
 * - counts and site figures: one column each (`men`, `site_occupancy`, ...); empty
 *   where the record does not give the figure (not zero: "not counted" is not "none");
 * - lists of codes: codes joined by `;` (`bus;train`);
 * - counted lists: `code:count` joined by `;` (nationalities `SYR:12;AFG:3`,
 *   vulnerabilities `older_person:2`), with the nationalities' bases apart
 *   (`SYR:declared;AFG:perceived`);
 * - the Admiralty grade as one code, reliability letter then credibility digit
 *   (`B2`); a grade with one part known is that part alone (`B` or `2`: letters and
 *   digits cannot be confused);
 * - `latitude` / `longitude`: the record's own point, else its gazetteer place's, and
 *   `location_source` says which (`record`, `place`, or empty when neither is known).
 *
 * Codes are written as stored (stable, language-independent); the app's screens show
 * their labels. Each column names the record field it reads (`field`), so that its
 * sensitivity is derived from the schema's one list (SENSITIVE_FIELD_PATHS) and a
 * field marked sensitive later is withheld here without another change.
 */
import type { Observation } from '../observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../observations/sensitive-fields';
import type { Place } from '../places/place';

/** A value of a column: numbers stay numbers; `null` is an empty cell. */
export type ColumnValue = string | number | null;

export interface ObservationColumn {
  /** The header: lower case, stable across versions, safe as a GeoJSON property name. */
  readonly name: string;
  /** The dotted path of the record field it reads (what decides whether it is sensitive). */
  readonly field: string;
  /** What the column holds, for the documentation and the XLSX "About" sheet. */
  readonly description: string;
  /** `instant`: an ISO 8601 instant, written as a date cell where the format has them (XLSX). */
  readonly type?: 'instant';
  readonly value: (record: Observation, place: Place | undefined) => ColumnValue;
}

export interface ResolvedPoint {
  lat: number;
  lon: number;
  source: 'record' | 'place';
}

/** The record's point, else its gazetteer place's; null when it has neither. */
export function pointOf(record: Observation, place: Place | undefined): ResolvedPoint | null {
  if (record.location) return { lat: record.location.lat, lon: record.location.lon, source: 'record' };
  if (place) return { lat: place.lat, lon: place.lon, source: 'place' };
  return null;
}

const text = (value: string | null | undefined): ColumnValue => (value === undefined || value === null || value === '' ? null : value);
const count = (value: number | null | undefined): ColumnValue => (value === undefined || value === null ? null : value);
const codes = (values: readonly string[] | undefined): ColumnValue => (values && values.length > 0 ? values.join(';') : null);
const counted = (values: readonly { code: string; count: number }[] | undefined): ColumnValue =>
  values && values.length > 0 ? values.map((v) => `${v.code}:${v.count}`).join(';') : null;

/** `B2`, `B`, `2`, or null: see the header comment. */
export function sourceGrade(source: Observation['source']): string | null {
  const grade = `${source?.reliability ?? ''}${source?.credibility ?? ''}`;
  return grade === '' ? null : grade;
}

export const OBSERVATION_COLUMNS: readonly ObservationColumn[] = Object.freeze([
  { name: 'id', field: 'id', description: 'Record id (UUID).', value: (r) => r.id },
  { name: 'kind', field: 'kind', description: 'Kind of observation (code).', value: (r) => r.kind },
  { name: 'observed_start', type: 'instant', field: 'observedStart', description: 'When it was observed (ISO 8601, UTC).', value: (r) => r.observedStart },
  { name: 'observed_end', type: 'instant', field: 'observedEnd', description: 'End of the observation, if it lasted (ISO 8601, UTC).', value: (r) => text(r.observedEnd) },
  { name: 'time_precision', field: 'timePrecision', description: 'Precision of the time (exact, hour, day).', value: (r) => text(r.timePrecision) },
  { name: 'reported_at', type: 'instant', field: 'reportedAt', description: 'When it was recorded (ISO 8601, UTC).', value: (r) => r.reportedAt },
  { name: 'mission', field: 'mission', description: 'Mission code.', value: (r) => r.mission },
  { name: 'office', field: 'office', description: 'Office code.', value: (r) => r.office },
  { name: 'author', field: 'author', description: 'Who recorded it.', value: (r) => r.author },
  { name: 'review_status', field: 'reviewStatus', description: 'Review status (draft, submitted, verified, returned, rejected).', value: (r) => r.reviewStatus },
  { name: 'reviewer', field: 'review.reviewer', description: 'Who reviewed it.', value: (r) => text(r.review?.reviewer) },
  { name: 'reviewed_at', type: 'instant', field: 'review.reviewedAt', description: 'When it was reviewed (ISO 8601, UTC).', value: (r) => text(r.review?.reviewedAt) },
  { name: 'review_note', field: 'review.note', description: 'Why it was returned or rejected.', value: (r) => text(r.review?.note) },
  { name: 'classification', field: 'classification', description: 'Classification (internal when not set).', value: (r) => r.classification ?? 'internal' },
  { name: 'training', field: 'training', description: '"training" for generated training records, else empty.', value: (r) => (r.training === true ? 'training' : null) },
  { name: 'place_id', field: 'placeId', description: 'Gazetteer place id.', value: (r) => text(r.placeId) },
  { name: 'place_name', field: 'placeId', description: "The gazetteer place's name.", value: (_r, p) => text(p?.name) },
  { name: 'place_name_local', field: 'placeId', description: "The gazetteer place's local name.", value: (_r, p) => text(p?.nameLocal) },
  { name: 'place_kind', field: 'placeId', description: "The gazetteer place's kind.", value: (_r, p) => text(p?.kind) },
  { name: 'country', field: 'country', description: 'Country of the location (ISO 3166-1 alpha-2, XK for Kosovo).', value: (r, p) => text(r.country ?? p?.country) },
  { name: 'latitude', field: 'location', description: 'Latitude (WGS 84): the record\'s point, else its place\'s.', value: (r, p) => pointOf(r, p)?.lat ?? null },
  { name: 'longitude', field: 'location', description: 'Longitude (WGS 84): the record\'s point, else its place\'s.', value: (r, p) => pointOf(r, p)?.lon ?? null },
  { name: 'location_source', field: 'location', description: 'Where latitude and longitude come from: record or place.', value: (r, p) => pointOf(r, p)?.source ?? null },
  { name: 'location_method', field: 'locationMethod', description: 'How the location was taken.', value: (r) => r.locationMethod },
  { name: 'location_precision', field: 'locationPrecision', description: 'Precision of the location.', value: (r) => text(r.locationPrecision) },
  { name: 'total_persons', field: 'totalPersons', description: 'Total persons the record counts (what it counts depends on the kind).', value: (r) => r.totalPersons },
  { name: 'men', field: 'counts.men', description: 'Men (empty: not given).', value: (r) => count(r.counts?.men) },
  { name: 'women', field: 'counts.women', description: 'Women (empty: not given).', value: (r) => count(r.counts?.women) },
  { name: 'boys', field: 'counts.boys', description: 'Boys (empty: not given).', value: (r) => count(r.counts?.boys) },
  { name: 'girls', field: 'counts.girls', description: 'Girls (empty: not given).', value: (r) => count(r.counts?.girls) },
  { name: 'unaccompanied_children', field: 'counts.unaccompaniedChildren', description: 'Unaccompanied children (empty: not given).', value: (r) => count(r.counts?.unaccompaniedChildren) },
  { name: 'separated_children', field: 'counts.separatedChildren', description: 'Separated children (empty: not given).', value: (r) => count(r.counts?.separatedChildren) },
  { name: 'count_method', field: 'counts.method', description: 'How the persons were counted.', value: (r) => text(r.counts?.method) },
  { name: 'count_min', field: 'counts.min', description: 'Lower end of an estimate.', value: (r) => count(r.counts?.min) },
  { name: 'count_max', field: 'counts.max', description: 'Upper end of an estimate.', value: (r) => count(r.counts?.max) },
  { name: 'direction', field: 'movement.direction', description: 'Direction of movement.', value: (r) => text(r.movement?.direction) },
  { name: 'from_place_id', field: 'movement.fromPlaceId', description: 'Coming from (gazetteer place id).', value: (r) => text(r.movement?.fromPlaceId) },
  { name: 'from_country', field: 'movement.fromCountry', description: 'Coming from (country, alpha-2).', value: (r) => text(r.movement?.fromCountry) },
  { name: 'to_place_id', field: 'movement.toPlaceId', description: 'Going to (gazetteer place id).', value: (r) => text(r.movement?.toPlaceId) },
  { name: 'to_country', field: 'movement.toCountry', description: 'Going to (country, alpha-2).', value: (r) => text(r.movement?.toCountry) },
  { name: 'intended_country', field: 'movement.intendedCountry', description: 'Country the group says it is heading for (alpha-2).', value: (r) => text(r.movement?.intendedCountry) },
  { name: 'transport_modes', field: 'movement.transportModes', description: 'Means of transport, ;-separated.', value: (r) => codes(r.movement?.transportModes) },
  { name: 'crossing_type', field: 'movement.crossingType', description: 'Kind of crossing.', value: (r) => text(r.movement?.crossingType) },
  { name: 'facilitator', field: 'movement.facilitator', description: 'Facilitation observed.', value: (r) => text(r.movement?.facilitator) },
  { name: 'nationalities', field: 'nationalities', description: 'Nationality (ISO 3166-1 alpha-3 or ICAO) and persons, as CODE:count;CODE:count.', value: (r) => counted(r.nationalities) },
  { name: 'nationality_bases', field: 'nationalities', description: 'How each nationality was established, as CODE:basis;...', value: (r) => (r.nationalities && r.nationalities.length > 0 ? r.nationalities.map((n) => `${n.code}:${n.basis}`).join(';') : null) },
  { name: 'vulnerabilities', field: 'vulnerabilities', description: 'Vulnerabilities and persons, as code:count;...', value: (r) => counted(r.vulnerabilities) },
  { name: 'site_capacity', field: 'site.capacity', description: 'Capacity of the site.', value: (r) => count(r.site?.capacity) },
  { name: 'site_occupancy', field: 'site.occupancy', description: 'Persons at the site.', value: (r) => count(r.site?.occupancy) },
  { name: 'border_status', field: 'borderStatus.status', description: 'Border status (open, restricted, closed).', value: (r) => text(r.borderStatus?.status) },
  { name: 'border_nationality_filter', field: 'borderStatus.nationalityFilter', description: 'Nationalities let through, ;-separated.', value: (r) => codes(r.borderStatus?.nationalityFilter) },
  { name: 'incident_type', field: 'incident.type', description: 'Kind of incident.', value: (r) => text(r.incident?.type) },
  { name: 'incident_actor', field: 'incident.actor', description: 'Actor of the incident.', value: (r) => text(r.incident?.actor) },
  { name: 'incident_dead', field: 'incident.dead', description: 'Dead.', value: (r) => count(r.incident?.dead) },
  { name: 'incident_injured', field: 'incident.injured', description: 'Injured.', value: (r) => count(r.incident?.injured) },
  { name: 'incident_missing', field: 'incident.missing', description: 'Missing.', value: (r) => count(r.incident?.missing) },
  { name: 'source_type', field: 'source.type', description: 'Kind of source.', value: (r) => text(r.source?.type) },
  { name: 'source_grade', field: 'source.reliability', description: 'Admiralty grade: reliability A-F then credibility 1-6 (B2); one part alone when only one is known.', value: (r) => sourceGrade(r.source) },
  { name: 'source_name', field: 'source.name', description: 'Name of the source (sensitive).', value: (r) => text(r.source?.name) },
  { name: 'summary', field: 'summary', description: 'Summary as written.', value: (r) => text(r.summary) },
  { name: 'summary_language', field: 'summaryLanguage', description: 'Language of the summary (BCP 47).', value: (r) => text(r.summaryLanguage) },
  { name: 'trafficking_indicators', field: 'traffickingIndicators', description: 'Trafficking indicators, ;-separated (sensitive).', value: (r) => codes(r.traffickingIndicators) },
  { name: 'notes', field: 'notes', description: 'Notes (sensitive).', value: (r) => text(r.notes) },
] satisfies ObservationColumn[]);

/** Whether a field path is a sensitive field or lies inside one. */
export function isSensitiveField(field: string): boolean {
  return SENSITIVE_FIELD_PATHS.some((path) => field === path || field.startsWith(`${path}.`));
}

export function isSensitiveColumn(column: ObservationColumn): boolean {
  return isSensitiveField(column.field);
}
