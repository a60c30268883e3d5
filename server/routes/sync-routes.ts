import type { FastifyInstance } from 'fastify';
import type { AuthHook } from '../http/auth';
import type { Db } from '../db/db';
import type { Clock } from '../domain/time';
import type { PullResponse, PushResponse } from '../../shared/sync/protocol';
import {
  MAX_PULL_PAGE,
  MAX_PULL_PAGE_BYTES,
  OLDEST_SERVED_PROTOCOL_VERSION,
  SYNC_PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
} from '../../shared/sync/protocol';
import { grantFor } from '../../shared/access/roles';
import { A_ROLE } from '../domain/push-authorisation';
import { ApiError, invalidRequest } from '../http/api-error';
import { authenticatedDevice } from '../http/auth';
import { parseInput } from '../http/parse-input';
import { recordSync } from '../domain/devices-repo';
import type { AuthDevice } from '../domain/devices-repo';
import { pushChanges } from '../domain/sync-repo';
import { pullChanges } from '../domain/pull-repo';

/** Largest value of a PostgreSQL bigint: a longer cursor cannot be one the server gave. */
const MAX_CURSOR = 9_223_372_036_854_775_807n;

/**
 * Negotiate the protocol before reading the rest: a version this server does not serve
 * may not parse with this version's schemas, and the useful answer is which side to
 * update, not "malformed". A version that is not a number is left to the schema.
 */
export function checkProtocolVersion(version: unknown): void {
  const number = typeof version === 'string' && /^\d{1,9}$/.test(version) ? Number(version) : version;
  if (typeof number !== 'number' || !Number.isInteger(number)) return;
  if (number < OLDEST_SERVED_PROTOCOL_VERSION) {
    throw new ApiError(
      400,
      'app_too_old',
      `This app speaks sync protocol ${number}; this server serves ${OLDEST_SERVED_PROTOCOL_VERSION} to ${SYNC_PROTOCOL_VERSION}: update the app. Nothing waiting on the device is lost meanwhile.`,
    );
  }
  if (number > SYNC_PROTOCOL_VERSION) {
    throw new ApiError(
      400,
      'app_too_new',
      `This app speaks sync protocol ${number}, newer than this server's ${SYNC_PROTOCOL_VERSION}: the server must be updated (tell headquarters). Keep working: nothing waiting on the device is lost meanwhile.`,
    );
  }
}

/** An administrator's device (any role the rule book lets see no record) reads no observations. */
function refuseBlindPuller(device: AuthDevice): void {
  const grant = grantFor(device.role, 'record.view');
  if (grant.kind !== 'never') return;
  throw new ApiError(403, 'forbidden', `This device is enrolled as ${A_ROLE[device.role]}, whose role reads no observations: ${grant.why}`);
}

/** POST /api/v1/sync/push and GET /api/v1/sync/pull. */
export function registerSyncRoutes(app: FastifyInstance, db: Db, now: Clock, deviceAuth: AuthHook): void {
  app.post('/api/v1/sync/push', { onRequest: deviceAuth }, async (request): Promise<PushResponse> => {
    const device = authenticatedDevice(request);
    const raw: unknown = request.body;
    if (typeof raw === 'object' && raw !== null && 'protocolVersion' in raw) checkProtocolVersion(raw.protocolVersion);
    const body = parseInput(pushRequestSchema, raw, 'push request');
    const outcome = await pushChanges(db, device, body.changes, now());
    await recordSync(db, device.id, body.pending);
    return { results: outcome.results, serverTime: new Date(now()).toISOString() };
  });

  app.get('/api/v1/sync/pull', { onRequest: deviceAuth }, async (request): Promise<PullResponse> => {
    const device = authenticatedDevice(request);
    const raw = request.query as Record<string, unknown>;
    checkProtocolVersion(raw.protocolVersion);
    const query = parseInput(pullQuerySchema, raw, 'pull query');
    if (query.after !== undefined && BigInt(query.after) > MAX_CURSOR) {
      throw invalidRequest('invalid pull query: after is not a cursor this server gave');
    }
    refuseBlindPuller(device);
    const puller = { id: device.id, name: device.userName, role: device.role, office: device.office };
    const page = await pullChanges(db, puller, query.after ?? null, query.limit ?? MAX_PULL_PAGE, MAX_PULL_PAGE_BYTES, query.count === '1');
    await recordSync(db, device.id, query.pending);
    return { ...page, serverTime: new Date(now()).toISOString() };
  });
}
