/**
 * Schemas of the admin API, which only the server and its CLI speak (devices speak
 * shared/sync/protocol.ts).
 */
import { z } from '../../shared/schema/zod';
import { officeCodeSchema } from '../../shared/observations/observation-schema';
import { roleSchema, userNameSchema } from '../../shared/sync/protocol';
import { DEFAULT_CODE_TTL_HOURS, MAX_CODE_TTL_HOURS } from '../domain/enrolment-repo';

export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'device ids are 1-40 letters, digits or _');

export const createCodeRequestSchema = z.object({
  office: officeCodeSchema,
  /** The role the device enrolled with this code gets (shared/access/roles.ts). */
  role: roleSchema.default('field_monitor'),
  /** The person who will use the device: every change it pushes is theirs (author, reviewer). */
  userName: userNameSchema,
  ttlHours: z.number().int().min(1).max(MAX_CODE_TTL_HOURS).default(DEFAULT_CODE_TTL_HOURS),
});
export type CreateCodeRequest = z.input<typeof createCodeRequestSchema>;

export const createCodeResponseSchema = z.object({
  code: z.string(),
  office: officeCodeSchema,
  role: roleSchema,
  userName: z.string(),
  expiresAt: z.string(),
});
export type CreateCodeResponse = z.infer<typeof createCodeResponseSchema>;

export const deviceListingSchema = z.object({
  deviceId: deviceIdSchema,
  deviceName: z.string(),
  office: officeCodeSchema,
  role: roleSchema,
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const deviceListSchema = z.object({ devices: z.array(deviceListingSchema) });
export type DeviceList = z.infer<typeof deviceListSchema>;

export const revokeResponseSchema = z.object({ device: deviceListingSchema });
export type RevokeResponse = z.infer<typeof revokeResponseSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  service: z.literal('routewatch'),
  protocolVersion: z.number().int(),
});
export type Health = z.infer<typeof healthSchema>;
