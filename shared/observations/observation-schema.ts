import { z } from '../schema/zod';
import { LOCATION_METHODS, MISSIONS, OBSERVATION_KINDS, REVIEW_STATUSES } from './codelists';

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
export const observationSchema = z.object({
  id: uuidSchema,
  kind: z.enum(OBSERVATION_KINDS),
  mission: z.enum(MISSIONS),
  office: officeCodeSchema,
  author: z.string().min(1).max(120),
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
});
export type Observation = z.infer<typeof observationSchema>;
