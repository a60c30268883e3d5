/**
 * The sync protocol between a device and the headquarters server (see docs/sync-protocol.md).
 * Both sides parse every message with these schemas.
 */
import { z } from '../schema/zod';
import { observationSchema, officeCodeSchema } from '../observations/observation-schema';
import { ROLES } from '../access/roles';

/** Bumped on any incompatible change; the server refuses other versions with `protocol_mismatch`. */
export const SYNC_PROTOCOL_VERSION = 1;

/** Most changes a device sends in one push, and most the server returns in one pull page. */
export const MAX_PUSH_BATCH = 200;
export const MAX_PULL_PAGE = 500;

/**
 * One closed union of error codes, shared by client and server. Each has a message a
 * field officer can act on (i18n keys `syncError.<code>`).
 */
export const SYNC_ERROR_CODES = [
  'network_unreachable',
  'unauthorized',
  'device_revoked',
  'invalid_enrolment_code',
  'invalid_request',
  'protocol_mismatch',
  'payload_too_large',
  'rate_limited',
  'clock_skew',
  'not_enrolled',
  'server_error',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const errorBodySchema = z.object({
  error: z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string().max(500) }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const changeIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** A change as it travels: the whole record as it stood after the change, and the change's own id. */
export const syncChangeSchema = z.object({
  changeId: changeIdSchema,
  record: observationSchema,
});
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const enrolRequestSchema = z.object({
  code: z.string().min(6).max(64),
  deviceName: z.string().min(1).max(100),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** A device's role (shared/access/roles.ts), granted with its enrolment code. */
export const roleSchema = z.enum(ROLES);

export const enrolResponseSchema = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_]{1,40}$/),
  token: z.string().min(32).max(200),
  office: officeCodeSchema,
  /** Absent from servers older than roles: such a device is a field monitor's. */
  role: roleSchema.optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

export const pushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  changes: z.array(syncChangeSchema).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Ids of the changes the server now holds (new or seen before): the device may drop them from its outbox. */
export const pushResponseSchema = z.object({
  accepted: z.array(changeIdSchema),
  serverTime: z.string(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Pull query: `after` is the opaque cursor of the last page applied, absent on the first pull. */
export const pullQuerySchema = z.object({
  protocolVersion: z.coerce.number().int(),
  after: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).optional(),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const pullResponseSchema = z.object({
  changes: z.array(syncChangeSchema),
  /** Cursor after the last change of this page; pass it as `after` to continue. */
  cursor: z.string().regex(/^\d{1,19}$/).nullable(),
  hasMore: z.boolean(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const deviceInfoSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  office: officeCodeSchema,
  role: roleSchema,
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;
