import type { FastifyInstance } from 'fastify';
import type { AuthHook } from '../http/auth';
import type { Db } from '../db/db';
import type { Clock } from '../domain/time';
import type { CreateCodeResponse, DeviceList, RevokeResponse } from '../api/admin-schemas';
import { createCodeRequestSchema, deviceIdSchema } from '../api/admin-schemas';
import { createEnrolmentCode } from '../domain/enrolment-repo';
import { listDevices, revokeDevice } from '../domain/devices-repo';
import { ApiError } from '../http/api-error';
import { parseInput } from '../http/parse-input';

/**
 * The admin API, used by the CLI while a server runs (PGlite's folder then belongs to
 * the server process): issue enrolment codes, list and revoke devices.
 */
export function registerAdminRoutes(app: FastifyInstance, db: Db, now: Clock, adminAuth: AuthHook): void {
  app.post('/api/v1/admin/enrolment-codes', { onRequest: adminAuth }, async (request, reply): Promise<CreateCodeResponse> => {
    const body = parseInput(createCodeRequestSchema, request.body, 'enrolment code request');
    const issued = await createEnrolmentCode(db, { office: body.office, role: body.role, userName: body.userName, ttlHours: body.ttlHours, nowMs: now(), actor: 'admin' });
    void reply.status(201);
    return issued;
  });

  app.get('/api/v1/admin/devices', { onRequest: adminAuth }, async (): Promise<DeviceList> => {
    return { devices: await listDevices(db) };
  });

  app.post('/api/v1/admin/devices/:id/revoke', { onRequest: adminAuth }, async (request): Promise<RevokeResponse> => {
    const id = parseInput(deviceIdSchema, (request.params as { id?: unknown }).id, 'device id');
    const device = await db.transaction((tx) => revokeDevice(tx, id));
    if (device === undefined) throw new ApiError(404, 'invalid_request', `There is no device ${id}.`);
    return { device };
  });
}
