import type { FastifyInstance } from 'fastify';
import type { AuthHook } from '../http/auth';
import type { Db } from '../db/db';
import type { Clock } from '../domain/time';
import type { CreateCodeResponse, CreateOfficeResponse, DeviceList, OfficeList, RevokeResponse, RotateResponse } from '../api/admin-schemas';
import { createCodeRequestSchema, createOfficeRequestSchema, deviceIdSchema, rotateRequestSchema } from '../api/admin-schemas';
import { createEnrolmentCode, createRotationCode, rotationRefusalMessage } from '../domain/enrolment-repo';
import { listDevices, revokeDevice } from '../domain/devices-repo';
import { createOffice, listOffices, officeConflictMessage } from '../domain/offices';
import { ApiError } from '../http/api-error';
import { hasNul, parseInput } from '../http/parse-input';
import { enrolmentQrSvg, enrolmentQrText } from '../qr/enrolment-qr';
import { registerAdminPage } from '../admin-page/admin-page-route';

/** The QR code of a code, when the caller said which address devices reach the server at. */
async function qrOf(serverUrl: string | undefined, code: string): Promise<{ qr?: { text: string; svg: string } }> {
  if (serverUrl === undefined) return {};
  const text = enrolmentQrText(serverUrl, code);
  return { qr: { text, svg: await enrolmentQrSvg(text) } };
}

/** An optional JSON body: a POST without one means "all defaults". */
function bodyOrEmpty(body: unknown): unknown {
  return body === undefined || body === null ? {} : body;
}

function deviceIdParam(params: unknown): string {
  return parseInput(deviceIdSchema, (params as { id?: unknown }).id, 'device id');
}

/**
 * The admin API, used by the CLI while a server runs (PGlite's folder then belongs to
 * the server process) and by the admin page (GET /admin): offices, enrolment codes, devices.
 * Enrolment codes and rotation codes are secrets shown once, in the answer; they are
 * never logged (the audit log records that one was issued, not what it is).
 */
export function registerAdminRoutes(app: FastifyInstance, db: Db, now: Clock, adminAuth: AuthHook): void {
  registerAdminPage(app);

  app.get('/api/v1/admin/offices', { onRequest: adminAuth }, async (): Promise<OfficeList> => {
    return { offices: await listOffices(db) };
  });

  app.post('/api/v1/admin/offices', { onRequest: adminAuth }, async (request, reply): Promise<CreateOfficeResponse> => {
    const body = parseInput(createOfficeRequestSchema, request.body, 'office');
    const result = await db.transaction((tx) => createOffice(tx, { ...body, actor: 'admin' }));
    if ('conflict' in result) throw new ApiError(409, 'invalid_request', officeConflictMessage(result));
    void reply.status(201);
    return { office: result.created };
  });

  app.post('/api/v1/admin/enrolment-codes', { onRequest: adminAuth }, async (request, reply): Promise<CreateCodeResponse> => {
    const body = parseInput(createCodeRequestSchema, request.body, 'enrolment code request');
    if (hasNul(body.userName)) throw new ApiError(400, 'invalid_request', 'invalid enrolment code request: userName may not contain NUL characters');
    const issued = await createEnrolmentCode(db, {
      office: body.office,
      role: body.role,
      userName: body.userName,
      ttlHours: body.ttlHours,
      nowMs: now(),
      actor: 'admin',
    });
    void reply.status(201);
    return { ...issued, ...(await qrOf(body.serverUrl, issued.code)) };
  });

  app.get('/api/v1/admin/devices', { onRequest: adminAuth }, async (): Promise<DeviceList> => {
    return { devices: await listDevices(db) };
  });

  app.post('/api/v1/admin/devices/:id/revoke', { onRequest: adminAuth }, async (request): Promise<RevokeResponse> => {
    const id = deviceIdParam(request.params);
    const revoked = await db.transaction((tx) => revokeDevice(tx, id));
    if (revoked === undefined) throw new ApiError(404, 'invalid_request', `There is no device ${id}.`);
    return revoked;
  });

  app.post('/api/v1/admin/devices/:id/rotate', { onRequest: adminAuth }, async (request, reply): Promise<RotateResponse> => {
    const id = deviceIdParam(request.params);
    const body = parseInput(rotateRequestSchema, bodyOrEmpty(request.body), 'rotation request');
    const result = await createRotationCode(db, { deviceId: id, ttlHours: body.ttlHours, nowMs: now(), actor: 'admin' });
    if (result.outcome !== 'issued') {
      throw new ApiError(result.outcome === 'unknown_device' ? 404 : 409, 'invalid_request', rotationRefusalMessage(result, id));
    }
    void reply.status(201);
    return { ...result.issued, ...(await qrOf(body.serverUrl, result.issued.code)) };
  });
}
