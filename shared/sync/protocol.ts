/**
 * The sync protocol between a device and the headquarters server (see docs/sync-protocol.md).
 * Both sides parse every message with these schemas.
 */
import { z } from '../schema/zod';
import { observationSchema, officeCodeSchema } from '../observations/observation-schema';
import { ROLES } from '../access/roles';
import { MAX_REVISIONS_PER_CHANGE, pulledRevisionSchema, pushedRevisionSchema } from './revisions';

/**
 * The protocol version this build speaks. Bumped on any incompatible change. A server
 * answers versions below the oldest it still serves with `app_too_old` (update the app)
 * and versions above its own with `app_too_new` (the server must be updated first).
 *
 * 2: per-change push results (a refused change no longer refuses its batch), the
 *    user's name granted with the enrolment code, the device's pending count reported.
 */
export const SYNC_PROTOCOL_VERSION = 2;
/** The oldest version a server of this build still serves. */
export const OLDEST_SERVED_PROTOCOL_VERSION = 2;

/**
 * Most changes a device sends in one push, and most the server returns in one pull page.
 * Fewer, larger requests: each costs the device a transaction of bookkeeping and the
 * server one of writing, whatever its size (200 and 500 were half as fast end to end).
 */
export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_PAGE = 1000;
/**
 * Most bytes of JSON in one push request, like MAX_PULL_PAGE_BYTES for a pull page. A
 * device closes a batch before it would pass this (shared/sync/push-batch.ts), and the
 * server's body limit is a little more, so a batch of large records goes in several
 * requests instead of being refused whole, and a request stays short enough to finish
 * within the transport's timeout on a slow field connection. One change, at most
 * MAX_RECORD_BYTES of record and MAX_REVISIONS_BYTES of revisions, is far smaller.
 */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

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
  'app_too_old',
  'app_too_new',
  'forbidden',
  'payload_too_large',
  'rate_limited',
  'clock_skew',
  'not_enrolled',
  'mass_change',
  'report_already_issued',
  'server_error',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const errorBodySchema = z.object({
  error: z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string().max(500) }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

const changeIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/**
 * Why the server refused one change of a push (the rest of the batch goes on). Each has
 * a message a field officer can act on (i18n keys `changeRefusal.<code>`); the refusal's
 * own `message` names the change and the field, never another office's data.
 * - forbidden: the rule book (shared/access/roles.ts) does not let this device's user
 *   take the action the change takes (as the merge would produce it).
 * - identity_mismatch: the change names an author, office, mission or reviewer other
 *   than the user and office the device was enrolled for, or changes a record's author.
 * - invalid_record: the record breaks a cross-field rule.
 * - invalid_stamp: `hlc` or a `fieldClocks` entry is not a stamp, names no field of the
 *   record, or is later than the record's `hlc`.
 * - clock_skew: a stamp is further ahead of the server's clock than the HLC allows.
 * - record_too_large: the record is larger than MAX_RECORD_BYTES.
 * - change_id_conflict: the change id is already used for another record (in this batch
 *   or before): a change id names one change of one record.
 */
export const CHANGE_REFUSAL_CODES = [
  'forbidden',
  'identity_mismatch',
  'invalid_record',
  'invalid_stamp',
  'clock_skew',
  'record_too_large',
  'change_id_conflict',
] as const;
export type ChangeRefusalCode = (typeof CHANGE_REFUSAL_CODES)[number];

/** Largest record, as JSON text, a server accepts (a full record of every kind is under 12 KB). */
export const MAX_RECORD_BYTES = 64 * 1024;
/** A pull page stops adding changes once its records pass this many bytes of JSON (at least one change per page). */
export const MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * A change as it travels: the whole record as it stood after the change, and the change's
 * own id. A pushed change may carry `revisions`: the device's revision rows of the record
 * not yet sent (shared/sync/revisions.ts), at most MAX_REVISIONS_PER_CHANGE and
 * MAX_REVISIONS_BYTES of JSON; the server names their author from the token.
 */
export const syncChangeSchema = z.object({
  changeId: changeIdSchema,
  record: observationSchema,
  revisions: z.array(pushedRevisionSchema).max(MAX_REVISIONS_PER_CHANGE).optional(),
});
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const enrolRequestSchema = z.object({
  code: z.string().min(6).max(64),
  deviceName: z.string().min(1).max(100),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** A device's role (shared/access/roles.ts), granted with its enrolment code. */
export const roleSchema = z.enum(ROLES);

/** The name records carry as `author` and reviews as `reviewer`: granted with the enrolment code, never typed on the device. */
export const userNameSchema = z.string().trim().min(1).max(120);

export const enrolResponseSchema = z.object({
  deviceId: z.string().regex(/^[A-Za-z0-9_]{1,40}$/),
  token: z.string().min(32).max(200),
  office: officeCodeSchema,
  role: roleSchema,
  /** The user the code was issued for: the device's author and reviewer name from now on. */
  userName: userNameSchema,
  protocolVersion: z.number().int(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** How many changes wait on the device (its outbox), reported so that an administrator sees who is behind. */
const pendingSchema = z.number().int().min(0).max(100_000_000);

export const pushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  changes: z.array(syncChangeSchema).max(MAX_PUSH_BATCH),
  pending: pendingSchema.optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * The outcome of one change. `accepted`: the server holds it (new, or seen before): it
 * leaves the outbox. `refused`: it never will as it stands; the device sets it aside
 * for a person to look at ("Needs attention") and the rest of the outbox goes on.
 */
export const changeResultSchema = z.discriminatedUnion('outcome', [
  z.object({ changeId: changeIdSchema, outcome: z.literal('accepted') }),
  z.object({
    changeId: changeIdSchema,
    outcome: z.literal('refused'),
    code: z.enum(CHANGE_REFUSAL_CODES),
    message: z.string().max(500),
  }),
]);
export type ChangeResult = z.infer<typeof changeResultSchema>;

/** One result per distinct change id of the request, in request order. */
export const pushResponseSchema = z.object({
  results: z.array(changeResultSchema),
  serverTime: z.string(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Pull query: `after` is the opaque cursor of the last page applied, absent on the first pull. */
export const pullQuerySchema = z.object({
  protocolVersion: z.coerce.number().int(),
  after: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).optional(),
  pending: z.coerce.number().int().min(0).max(100_000_000).optional(),
  /**
   * `1`: count the changes in scope after the page (`remaining`). Counting walks every
   * change left, so a device asks on the first page of a pull and keeps the count itself.
   */
  count: z.literal('1').optional(),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/**
 * A change as a pull delivers it. `withheld` names the sensitive fields the server left
 * out because the puller's role may not see them (shared/access/roles.ts): the device
 * shows them as withheld, not as empty.
 */
export const pulledChangeSchema = syncChangeSchema.extend({
  withheld: z.array(z.string().max(40)).max(100).optional(),
  /**
   * The revisions that arrived with this feed row (the pusher's history of the record,
   * and the conflicts the server met merging it), with `by` set by the server and
   * sensitive values withheld as from the record.
   */
  revisions: z.array(pulledRevisionSchema).max(200).optional(),
});
export type PulledChange = z.infer<typeof pulledChangeSchema>;

/**
 * The name of the enrolled device a record's `device` (a local id, chosen by the device
 * itself) is bound to: the server, not the record, says which device recorded it.
 */
export const deviceNameSchema = z.object({
  localId: z.string().min(1).max(64),
  name: z.string().max(100),
});
export type DeviceName = z.infer<typeof deviceNameSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(pulledChangeSchema),
  /** Changes in the puller's scope after this page, when asked (`count`): the device's progress. */
  remaining: z.number().int().min(0).optional(),
  /** The devices the page's records were recorded on, by their local ids (those the server knows). */
  devices: z.array(deviceNameSchema).max(MAX_PULL_PAGE).optional(),
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
  userName: userNameSchema,
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;
