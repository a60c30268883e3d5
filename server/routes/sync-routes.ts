import type { FastifyInstance } from 'fastify';
import type { AuthHook } from '../http/auth';
import type { Db } from '../db/db';
import type { Clock } from '../domain/time';
import type { PullResponse, PushResponse, SyncChange } from '../../shared/sync/protocol';
import {
  MAX_PULL_PAGE,
  SYNC_PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
} from '../../shared/sync/protocol';
import { MAX_CLOCK_DRIFT_MS, parseHlc } from '../../shared/sync/hlc';
import { checkRules } from '../../shared/observations/observation-rules';
import { ApiError, invalidRequest } from '../http/api-error';
import { authenticatedDevice } from '../http/auth';
import { parseInput } from '../http/parse-input';
import { isHqOffice } from '../domain/offices';
import { touchDevice } from '../domain/devices-repo';
import { pullChanges, pushChanges } from '../domain/sync-repo';
import { authorisePush } from '../domain/push-authorisation';
import type { AuthDevice } from '../domain/devices-repo';

/** Largest value of a PostgreSQL bigint: a longer cursor cannot be one the server gave. */
const MAX_CURSOR = 9_223_372_036_854_775_807n;

/**
 * Refuse another protocol version before reading the rest: its messages may not parse
 * with this version's schemas, and the useful answer is "update", not "malformed".
 */
function checkProtocolVersion(version: unknown): void {
  const number = typeof version === 'string' && /^\d{1,9}$/.test(version) ? Number(version) : version;
  if (typeof number === 'number' && Number.isInteger(number) && number !== SYNC_PROTOCOL_VERSION) {
    throw new ApiError(
      400,
      'protocol_mismatch',
      `This server speaks sync protocol ${SYNC_PROTOCOL_VERSION} and the app sent ${number}: update the app or the server.`,
    );
  }
}

/**
 * Check every change before anything is written: its office is the device's (HQ may
 * write any), its HLC stamp parses and is not from the future, and the record keeps
 * the cross-field rules the app's form applies (shared/observations/observation-rules.ts).
 * One bad change refuses the batch, so that a device never half-syncs a batch.
 */
function checkChanges(device: AuthDevice, changes: readonly SyncChange[], nowMs: number): void {
  const hq = isHqOffice(device.office);
  changes.forEach((change, index) => {
    const { record } = change;
    if (!hq && record.office !== device.office) {
      throw new ApiError(
        403,
        'invalid_request',
        `changes.${index}: record of office ${record.office}; this device may only write records of ${device.office}`,
      );
    }
    let wallMs: number;
    try {
      wallMs = parseHlc(record.hlc).wallMs;
    } catch {
      throw invalidRequest(`changes.${index}.record.hlc: not an HLC stamp (<15-digit ms>-<6-digit counter>-<node>)`);
    }
    const aheadMs = wallMs - nowMs;
    if (aheadMs > MAX_CLOCK_DRIFT_MS) {
      throw new ApiError(
        400,
        'clock_skew',
        `changes.${index}: the record's clock is ${Math.round(aheadMs / 60_000)} min ahead of the server's: check the device's date, time and time zone.`,
      );
    }
    const { issues } = checkRules(record, nowMs);
    if (issues.length > 0) {
      throw invalidRequest(`changes.${index}.record breaks ${issues.map((i) => `${i.field} (${i.message})`).join(', ')}`);
    }
  });
}

/** POST /api/v1/sync/push and GET /api/v1/sync/pull. */
export function registerSyncRoutes(app: FastifyInstance, db: Db, now: Clock, deviceAuth: AuthHook): void {
  app.post('/api/v1/sync/push', { onRequest: deviceAuth }, async (request): Promise<PushResponse> => {
    const device = authenticatedDevice(request);
    const raw: unknown = request.body;
    if (typeof raw === 'object' && raw !== null && 'protocolVersion' in raw) checkProtocolVersion(raw.protocolVersion);
    const body = parseInput(pushRequestSchema, raw, 'push request');
    const nowMs = now();
    checkChanges(device, body.changes, nowMs);
    await authorisePush(db, device, body.changes);
    const outcome = await pushChanges(db, device, body.changes);
    await touchDevice(db, device.id);
    return { accepted: outcome.accepted, serverTime: new Date(now()).toISOString() };
  });

  app.get('/api/v1/sync/pull', { onRequest: deviceAuth }, async (request): Promise<PullResponse> => {
    const device = authenticatedDevice(request);
    const raw = request.query as Record<string, unknown>;
    checkProtocolVersion(raw.protocolVersion);
    const query = parseInput(pullQuerySchema, raw, 'pull query');
    if (query.after !== undefined && BigInt(query.after) > MAX_CURSOR) {
      throw invalidRequest('invalid pull query: after is not a cursor this server gave');
    }
    const page = await pullChanges(db, device, query.after ?? null, query.limit ?? MAX_PULL_PAGE);
    await touchDevice(db, device.id);
    return { ...page, serverTime: new Date(now()).toISOString() };
  });
}
