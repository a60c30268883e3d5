/**
 * The field groups of the full observation record (PRODUCT.md, "The observation record
 * (v1)"). Each group is optional on the record: which ones apply depends on the kind,
 * and records made before a group existed simply lack it.
 *
 * Fields marked `sensitive` in their metadata are encrypted at rest on the device,
 * never logged, and left out of exports below their classification
 * (see sensitive-fields.ts, the one list that code reads).
 */
import { z } from '../schema/zod';
import {
  COUNT_METHODS,
  CROSSING_TYPES,
  DIRECTIONS,
  FACILITATORS,
  INCIDENT_ACTORS,
  INCIDENT_TYPES,
  INFORMATION_CREDIBILITY,
  NATIONALITY_BASES,
  SITE_BORDER_STATUSES,
  SOURCE_RELIABILITY,
  SOURCE_TYPES,
  TRAFFICKING_INDICATORS,
  TRANSPORT_MODES,
  VULNERABILITIES,
} from './codelists';
import { isNationalityCode } from './nationalities';

/** Largest head count any one record may carry. */
export const MAX_PERSONS = 1_000_000;
const count = z.number().int().min(0).max(MAX_PERSONS);
const optionalCount = count.nullable();
const countryAlpha2 = z.string().regex(/^[A-Z]{2}$/);
const placeId = z.string().min(1).max(64);
export const nationalityCodeSchema = z.string().refine(isNationalityCode, 'validation.nationalityCode');

export const movementSchema = z.object({
  direction: z.enum(DIRECTIONS).nullable(),
  fromPlaceId: placeId.nullable(),
  fromCountry: countryAlpha2.nullable(),
  toPlaceId: placeId.nullable(),
  toCountry: countryAlpha2.nullable(),
  /** Country the group says it is heading for in the end. */
  intendedCountry: countryAlpha2.nullable(),
  transportModes: z.array(z.enum(TRANSPORT_MODES)).max(TRANSPORT_MODES.length),
  crossingType: z.enum(CROSSING_TYPES).nullable(),
  facilitator: z.enum(FACILITATORS).nullable(),
});
export type Movement = z.infer<typeof movementSchema>;

/** Breakdown of `totalPersons`; every part optional, because often only the total is known. */
export const countsSchema = z.object({
  men: optionalCount,
  women: optionalCount,
  boys: optionalCount,
  girls: optionalCount,
  unaccompaniedChildren: optionalCount,
  separatedChildren: optionalCount,
  method: z.enum(COUNT_METHODS).nullable(),
  /** Range of an estimate. */
  min: optionalCount,
  max: optionalCount,
});
export type Counts = z.infer<typeof countsSchema>;

export const nationalityCountSchema = z.object({
  code: nationalityCodeSchema,
  count,
  basis: z.enum(NATIONALITY_BASES),
});
export type NationalityCount = z.infer<typeof nationalityCountSchema>;

export const vulnerabilityCountSchema = z.object({
  code: z.enum(VULNERABILITIES),
  count,
});

export const siteSchema = z.object({
  capacity: optionalCount,
  /** May exceed capacity: that is a finding to flag, not an error. */
  occupancy: optionalCount,
});

export const borderStatusSchema = z.object({
  status: z.enum(SITE_BORDER_STATUSES),
  /** Nationalities let through when the border is restricted by nationality (as in November 2015). */
  nationalityFilter: z.array(nationalityCodeSchema).max(50),
});

export const incidentSchema = z.object({
  type: z.enum(INCIDENT_TYPES).nullable(),
  actor: z.enum(INCIDENT_ACTORS).nullable(),
  dead: optionalCount,
  injured: optionalCount,
  missing: optionalCount,
});
export type Incident = z.infer<typeof incidentSchema>;

export const sourceSchema = z.object({
  type: z.enum(SOURCE_TYPES).nullable(),
  name: z.string().max(200).nullable().meta({ sensitive: true }),
  /** Admiralty grading, recorded together as e.g. "B2". */
  reliability: z.enum(SOURCE_RELIABILITY).nullable(),
  credibility: z.enum(INFORMATION_CREDIBILITY).nullable(),
});
export type Source = z.infer<typeof sourceSchema>;

export const traffickingIndicatorsSchema = z
  .array(z.enum(TRAFFICKING_INDICATORS))
  .max(TRAFFICKING_INDICATORS.length)
  .meta({ sensitive: true });

export const NOTES_MAX_LENGTH = 10_000;
export const notesSchema = z.string().max(NOTES_MAX_LENGTH).meta({ sensitive: true });

export const reviewSchema = z.object({
  reviewer: z.string().min(1).max(120).nullable(),
  reviewedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Why a record was returned or rejected. */
  note: z.string().max(2000).nullable(),
});
export type Review = z.infer<typeof reviewSchema>;
