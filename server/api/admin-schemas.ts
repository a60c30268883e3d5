/**
 * Schemas of the admin API, which only the server, its CLI and its admin page speak
 * (devices speak shared/sync/protocol.ts).
 */
import { z } from '../../shared/schema/zod';
import { MISSIONS } from '../../shared/observations/codelists';
import { officeCodeSchema } from '../../shared/observations/observation-schema';
import { roleSchema, userNameSchema } from '../../shared/sync/protocol';
import { DEFAULT_CODE_TTL_HOURS, MAX_CODE_TTL_HOURS } from '../domain/enrolment-repo';
import { publicServerUrlSchema } from '../qr/enrolment-qr';

export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'device ids are 1-40 letters, digits or _');

// C0 and C1 controls, and the bidirectional overrides and isolates that can make a name
// read as something else in a terminal or a list.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A name typed by an administrator (a person's or an office's): printable text, trimmed. */
function printableName(schema: z.ZodString): z.ZodType<string> {
  return schema.refine((name) => !CONTROL_CHARACTERS.test(name), 'may not contain control characters');
}

export const missionSchema = z.enum(MISSIONS);

export const createOfficeRequestSchema = z
  .strictObject({
    code: officeCodeSchema,
    mission: missionSchema,
    name: printableName(z.string().trim().min(1).max(80)),
  })
  .refine((office) => office.code.startsWith(`${office.mission}-`), {
    path: ['code'],
    error: 'the office code must start with its mission and a dash (an office of RS is RS-...)',
  });
export type CreateOfficeRequest = z.input<typeof createOfficeRequestSchema>;

export const officeListingSchema = z.object({
  code: officeCodeSchema,
  mission: z.string(),
  /** '' for offices registered before names existed. */
  name: z.string(),
  createdAt: z.string(),
  activeDevices: z.number().int(),
});
export type OfficeListingBody = z.infer<typeof officeListingSchema>;

export const officeListSchema = z.object({ offices: z.array(officeListingSchema) });
export type OfficeList = z.infer<typeof officeListSchema>;

export const createOfficeResponseSchema = z.object({ office: officeListingSchema });
export type CreateOfficeResponse = z.infer<typeof createOfficeResponseSchema>;

const ttlHoursSchema = z.number().int().min(1).max(MAX_CODE_TTL_HOURS).default(DEFAULT_CODE_TTL_HOURS);

export const createCodeRequestSchema = z.strictObject({
  /** An office created with POST /api/v1/admin/offices (or `office create`). */
  office: officeCodeSchema,
  /** The role the device enrolled with this code gets (shared/access/roles.ts). */
  role: roleSchema.default('field_monitor'),
  /** The person who will use the device: every change it pushes is theirs (author, reviewer). */
  userName: printableName(userNameSchema),
  ttlHours: ttlHoursSchema,
  /** The address devices reach this server at: when given, the answer carries the QR code of the code. */
  serverUrl: publicServerUrlSchema.optional(),
});
export type CreateCodeRequest = z.input<typeof createCodeRequestSchema>;

/** The QR code of an enrolment code: its text (enrolment-qr.ts) and an SVG image of it. */
export const enrolmentQrSchema = z.object({ text: z.string(), svg: z.string() });

export const createCodeResponseSchema = z.object({
  code: z.string(),
  office: officeCodeSchema,
  role: roleSchema,
  userName: z.string(),
  expiresAt: z.string(),
  qr: enrolmentQrSchema.optional(),
});
export type CreateCodeResponse = z.infer<typeof createCodeResponseSchema>;

export const rotateRequestSchema = z.strictObject({
  ttlHours: ttlHoursSchema,
  serverUrl: publicServerUrlSchema.optional(),
});
export type RotateRequest = z.input<typeof rotateRequestSchema>;

export const rotateResponseSchema = createCodeResponseSchema.extend({ deviceId: deviceIdSchema });
export type RotateResponse = z.infer<typeof rotateResponseSchema>;

export const deviceListingSchema = z.object({
  deviceId: deviceIdSchema,
  deviceName: z.string(),
  office: officeCodeSchema,
  role: roleSchema,
  /** '' for devices enrolled before user names. */
  userName: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  /** The last completed push or pull. */
  lastSyncAt: z.string().nullable(),
  /** Changes waiting on the device, as it last reported them; null until it does. */
  pendingChanges: z.number().int().nullable(),
  revokedAt: z.string().nullable(),
});

export const deviceListSchema = z.object({ devices: z.array(deviceListingSchema) });
export type DeviceList = z.infer<typeof deviceListSchema>;

export const revokeResponseSchema = z.object({
  device: deviceListingSchema,
  /** True when the device was revoked before this request (its revokedAt is the first time). */
  alreadyRevoked: z.boolean(),
});
export type RevokeResponse = z.infer<typeof revokeResponseSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  service: z.literal('routewatch'),
  protocolVersion: z.number().int(),
});
export type Health = z.infer<typeof healthSchema>;
