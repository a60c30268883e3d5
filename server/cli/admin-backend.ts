import type { z } from '../../shared/schema/zod';
import type { Role } from '../../shared/access/roles';
import type { AdminServer } from './cli-args';
import type { CreateCodeResponse, DeviceList, OfficeList, OfficeListingBody, RevokeResponse, RotateResponse } from '../api/admin-schemas';
import {
  createCodeResponseSchema,
  createOfficeResponseSchema,
  deviceListSchema,
  healthSchema,
  officeListSchema,
  revokeResponseSchema,
  rotateResponseSchema,
} from '../api/admin-schemas';
import { errorBodySchema } from '../../shared/sync/protocol';
import { adminTokenPath, readAdminToken } from '../admin-token';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openConfiguredDb } from '../db/open-db';
import { DataDirBusyError } from '../db/data-dir-lock';
import { createEnrolmentCode, createRotationCode, rotationRefusalMessage } from '../domain/enrolment-repo';
import { listDevices, revokeDevice } from '../domain/devices-repo';
import { createOffice, listOffices, officeConflictMessage } from '../domain/offices';
import { ApiError } from '../http/api-error';

/** What the admin commands need, through a running server or straight to the database. */
export interface AdminBackend {
  /** "the server at URL" or "PGlite in DIR", for messages. */
  readonly via: string;
  /** The server's address when going through one (the QR code's default server address). */
  readonly serverUrl: string | undefined;
  createOffice(code: string, mission: string, name: string): Promise<OfficeListingBody>;
  listOffices(): Promise<OfficeList>;
  createCode(office: string, role: Role, userName: string, ttlHours: number): Promise<CreateCodeResponse>;
  listDevices(): Promise<DeviceList>;
  /** The revoked device, or undefined when there is no such device. */
  revoke(deviceId: string): Promise<RevokeResponse | undefined>;
  rotate(deviceId: string, ttlHours: number): Promise<RotateResponse>;
  close(): Promise<void>;
}

/** A failure the CLI reports in one sentence, exit code 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

const PROBE_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** Is a Routewatch server answering at this URL? Anything else (refused, timeout, another service) is no. */
export async function routewatchAnswers(serverUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${serverUrl}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok && healthSchema.safeParse(await response.json()).success;
  } catch {
    return false;
  }
}

function httpBackend(serverUrl: string, token: string, tokenFrom: string): AdminBackend {
  /** The parsed answer; undefined for a 404 that names a missing thing (a device), not a missing route. */
  async function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S> | undefined> {
    const response = await fetch(`${serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new CliFailure(`the server at ${serverUrl} sent an answer this CLI does not understand`);
      return parsed.data;
    }
    if (response.status === 401) {
      throw new CliFailure(
        `the server at ${serverUrl} refused the admin token from ${tokenFrom}: pass the --data-dir that server uses, or set ROUTEWATCH_ADMIN_TOKEN to its token`,
      );
    }
    const error = errorBodySchema.safeParse(payload);
    if (response.status === 404 && error.success && error.data.error.message.startsWith('There is no route')) {
      throw new CliFailure(`the server at ${serverUrl} has no ${method} ${path.replace(/\/devices\/[^/]+\//, '/devices/:id/')}: is it a Routewatch server of this version?`);
    }
    if (response.status === 404) return undefined;
    throw new CliFailure(error.success ? error.data.error.message : `the server answered HTTP ${response.status}`);
  }
  async function required<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const answer = await call(method, path, schema, body);
    if (answer === undefined) throw new CliFailure(`the server at ${serverUrl} answered 404 to ${method} ${path}`);
    return answer;
  }
  const devicePath = (deviceId: string, action: string): string => `/api/v1/admin/devices/${encodeURIComponent(deviceId)}/${action}`;
  return {
    via: `the server at ${serverUrl}`,
    serverUrl,
    createOffice: async (code, mission, name) => (await required('POST', '/api/v1/admin/offices', createOfficeResponseSchema, { code, mission, name })).office,
    listOffices: () => required('GET', '/api/v1/admin/offices', officeListSchema),
    createCode: (office, role, userName, ttlHours) =>
      required('POST', '/api/v1/admin/enrolment-codes', createCodeResponseSchema, { office, role, userName, ttlHours }),
    listDevices: () => required('GET', '/api/v1/admin/devices', deviceListSchema),
    revoke: (deviceId) => call('POST', devicePath(deviceId, 'revoke'), revokeResponseSchema),
    async rotate(deviceId, ttlHours) {
      const rotated = await call('POST', devicePath(deviceId, 'rotate'), rotateResponseSchema, { ttlHours });
      if (rotated === undefined) throw new CliFailure(rotationRefusalMessage({ outcome: 'unknown_device' }, deviceId));
      return rotated;
    },
    close: () => Promise.resolve(),
  };
}

/** The database refuses bad input with an ApiError, which the CLI reports as a one-line failure. */
async function refusalsAsFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw new CliFailure(error.message);
    throw error;
  }
}

function dbBackend(db: Db, via: string): AdminBackend {
  return {
    via,
    serverUrl: undefined,
    async createOffice(code, mission, name) {
      const result = await db.transaction((tx) => createOffice(tx, { code, mission, name, actor: 'admin' }));
      if ('conflict' in result) throw new CliFailure(officeConflictMessage(result));
      return result.created;
    },
    listOffices: async () => ({ offices: await listOffices(db) }),
    createCode: (office, role, userName, ttlHours) =>
      refusalsAsFailures(() => createEnrolmentCode(db, { office, role, userName, ttlHours, nowMs: Date.now(), actor: 'admin' })),
    listDevices: async () => ({ devices: await listDevices(db) }),
    revoke: (deviceId) => db.transaction((tx) => revokeDevice(tx, deviceId)),
    async rotate(deviceId, ttlHours) {
      const result = await createRotationCode(db, { deviceId, ttlHours, nowMs: Date.now(), actor: 'admin' });
      if (result.outcome !== 'issued') throw new CliFailure(rotationRefusalMessage(result, deviceId));
      return result.issued;
    },
    close: () => db.close(),
  };
}

/**
 * Reach the admin functions: through the server at `serverUrl` when a Routewatch
 * server answers there (it owns the PGlite folder while it runs), else by opening the
 * database. An explicit --server that does not answer is an error, not a fallback.
 */
export async function openAdminBackend(options: {
  server: AdminServer;
  dataDir: string;
  databaseUrl: string | undefined;
  env: NodeJS.ProcessEnv;
}): Promise<AdminBackend> {
  const { server } = options;
  if (server.mode !== 'direct') {
    if (await routewatchAnswers(server.url)) {
      const admin = readAdminToken(options.dataDir, options.env);
      if (admin === undefined) {
        throw new CliFailure(
          `a Routewatch server answers at ${server.url}, but there is no admin token at ${adminTokenPath(options.dataDir)}: pass the --data-dir that server uses, or set ROUTEWATCH_ADMIN_TOKEN`,
        );
      }
      return httpBackend(server.url, admin.token, admin.from);
    }
    if (server.mode === 'explicit') throw new CliFailure(`no Routewatch server answers at ${server.url}`);
  }
  let opened;
  try {
    opened = await openConfiguredDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  } catch (error) {
    if (error instanceof DataDirBusyError) {
      throw new CliFailure(
        server.mode === 'direct'
          ? `${error.message}: use the running server (--server URL) instead of --direct`
          : `${error.message}, and no Routewatch server answers at ${server.url}: pass that server's address with --server URL`,
      );
    }
    throw error;
  }
  const { db, description } = opened;
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return dbBackend(db, description);
}
