import { z } from '../schema/zod';
import {
  CLASSIFICATIONS,
  LOCATION_METHODS,
  LOCATION_PRECISIONS,
  MISSIONS,
  OBSERVATION_KINDS,
  REVIEW_STATUSES,
  SUMMARY_LANGUAGES,
  TIME_PRECISIONS,
} from './codelists';
import {
  borderStatusSchema,
  countsSchema,
  incidentSchema,
  movementSchema,
  nationalityCountSchema,
  notesSchema,
  reviewSchema,
  siteSchema,
  sourceSchema,
  traffickingIndicatorsSchema,
  vulnerabilityCountSchema,
} from './observation-detail-schemas';

/** Office codes look like `RS-BEL`: the mission, a dash, a short office tag. */
export const officeCodeSchema = z
  .string()
  .regex(/^(RS|MK|BA|AL|ME|XK|HQ)-[A-Z0-9]{2,10}$/, 'office code must look like RS-BEL');

const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** An ISO 8601 instant with an explicit offset, as `Date.prototype.toISOString` writes it. */
export const isoInstantSchema = z.iso.datetime({ offset: true });

export const wgs84PointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Wgs84Point = z.infer<typeof wgs84PointSchema>;

/** Longest summary the product allows (PRODUCT.md). */
export const SUMMARY_MAX_LENGTH = 2000;

/**
 * The detail groups of the full record. Optional: which apply depends on the kind,
 * and records made before a group existed lack it.
 */
const detailShape = {
  observedEnd: isoInstantSchema.nullable().optional(),
  timePrecision: z.enum(TIME_PRECISIONS).optional(),
  locationPrecision: z.enum(LOCATION_PRECISIONS).optional(),
  /** ISO 3166-1 alpha-2 of the location (XK for Kosovo), derived from the place or point. */
  country: z.string().regex(/^[A-Z]{2}$/).nullable().optional(),
  movement: movementSchema.optional(),
  counts: countsSchema.optional(),
  nationalities: z.array(nationalityCountSchema).max(60).optional(),
  vulnerabilities: z.array(vulnerabilityCountSchema).max(20).optional(),
  site: siteSchema.optional(),
  borderStatus: borderStatusSchema.optional(),
  incident: incidentSchema.optional(),
  traffickingIndicators: traffickingIndicatorsSchema.optional(),
  source: sourceSchema.optional(),
  summaryLanguage: z.enum(SUMMARY_LANGUAGES).optional(),
  notes: notesSchema.optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
};

/**
 * The fields a person edits. Validation messages are i18n keys, so that the form
 * can show them in the user's language.
 */
export const observationInputSchema = z
  .object({
    kind: z.enum(OBSERVATION_KINDS),
    observedStart: isoInstantSchema,
    placeId: z.string().min(1).max(64).nullable(),
    location: wgs84PointSchema.nullable(),
    locationMethod: z.enum(LOCATION_METHODS),
    totalPersons: z.number().int().min(0).max(1_000_000),
    summary: z.string().max(SUMMARY_MAX_LENGTH),
    ...detailShape,
  })
  .refine((o) => o.placeId !== null || o.location !== null, {
    error: 'validation.placeRequired',
    path: ['placeId'],
  });
export type ObservationInput = z.infer<typeof observationInputSchema>;

/**
 * The stored and synced observation. `hlc` is the hybrid logical clock stamp of its
 * last change: the sync merge orders concurrent versions by it.
 */
/** The longest name of who records (the capture form and Settings hold typed names to it). */
export const AUTHOR_MAX_LENGTH = 120;

export const observationSchema = z.object({
  id: uuidSchema,
  kind: z.enum(OBSERVATION_KINDS),
  mission: z.enum(MISSIONS),
  office: officeCodeSchema,
  author: z.string().min(1).max(AUTHOR_MAX_LENGTH),
  device: z.string().min(1).max(64),
  observedStart: isoInstantSchema,
  reportedAt: isoInstantSchema,
  placeId: z.string().min(1).max(64).nullable(),
  location: wgs84PointSchema.nullable(),
  locationMethod: z.enum(LOCATION_METHODS),
  totalPersons: z.number().int().min(0).max(1_000_000),
  summary: z.string().max(SUMMARY_MAX_LENGTH),
  reviewStatus: z.enum(REVIEW_STATUSES),
  /** Deletion is a tombstone that syncs, never a hard delete. */
  deleted: z.boolean(),
  hlc: z.string().min(1).max(80),
  ...detailShape,
  review: reviewSchema.optional(),
  /**
   * HLC stamp of each field's (or field group's) last change, keyed by top-level field
   * name: what a field-by-field merge of concurrent edits orders on.
   */
  fieldClocks: z.record(z.string().max(40), z.string().max(80)).optional(),
  /**
   * For each field of the last edit of its merge unit: the unit's clock on the writer's
   * copy when the edit was made ('' for a unit unchanged since creation). It tells a
   * concurrent edit (the writer had not seen the other side's) from a sequential one,
   * so that a value a merge drops is kept as a conflict only when it was never seen
   * (shared/sync/merge-conflicts.ts).
   */
  fieldBases: z.record(z.string().max(40), z.string().max(80)).optional(),
  /**
   * Generated for demos and training (renderer/training/): kept on the device, never
   * queued for sync, removed in one step.
   */
  training: z.literal(true).optional(),
});
export type Observation = z.infer<typeof observationSchema>;
