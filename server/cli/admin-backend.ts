import type { z } from '../../shared/schema/zod';
import type { Role } from '../../shared/access/roles';
import type { AdminServer } from './cli-args';
import type { CreateCodeResponse, DeviceList, RevokeResponse } from '../api/admin-schemas';
import { createCodeResponseSchema, deviceListSchema, healthSchema, revokeResponseSchema } from '../api/admin-schemas';
import { errorBodySchema } from '../../shared/sync/protocol';
import { adminTokenPath, readAdminToken } from '../admin-token';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openConfiguredDb } from '../db/open-db';
import { DataDirBusyError } from '../db/data-dir-lock';
import { createEnrolmentCode } from '../domain/enrolment-repo';
import { listDevices, revokeDevice } from '../domain/devices-repo';
import type { DeviceListing } from '../domain/devices-repo';

/** What enroll, revoke and devices need, through a running server or straight to the database. */
export interface AdminBackend {
  /** "the server at URL" or "PGlite in DIR", for messages. */
  readonly via: string;
  createCode(office: string, role: Role, ttlHours: number): Promise<CreateCodeResponse>;
  listDevices(): Promise<DeviceList>;
  /** The revoked device, or undefined when there is no such device. */
  revoke(deviceId: string): Promise<DeviceListing | undefined>;
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
    if (response.status === 404) return undefined;
    if (response.status === 401) {
      throw new CliFailure(
        `the server at ${serverUrl} refused the admin token from ${tokenFrom}: pass the --data-dir that server uses, or set ROUTEWATCH_ADMIN_TOKEN to its token`,
      );
    }
    const error = errorBodySchema.safeParse(payload);
    throw new CliFailure(
      error.success ? `the server refused: ${error.data.error.message}` : `the server answered HTTP ${response.status}`,
    );
  }
  return {
    via: `the server at ${serverUrl}`,
    async createCode(office, role, ttlHours) {
      const issued = await call('POST', '/api/v1/admin/enrolment-codes', createCodeResponseSchema, { office, role, ttlHours });
      if (issued === undefined) throw new CliFailure(`the server at ${serverUrl} has no admin API: is it a Routewatch server of this version?`);
      return issued;
    },
    async listDevices() {
      const list = await call('GET', '/api/v1/admin/devices', deviceListSchema);
      if (list === undefined) throw new CliFailure(`the server at ${serverUrl} has no admin API: is it a Routewatch server of this version?`);
      return list;
    },
    async revoke(deviceId) {
      const revoked: RevokeResponse | undefined = await call(
        'POST',
        `/api/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`,
        revokeResponseSchema,
      );
      return revoked?.device;
    },
    close: () => Promise.resolve(),
  };
}

function dbBackend(db: Db, via: string): AdminBackend {
  return {
    via,
    createCode: (office, role, ttlHours) => createEnrolmentCode(db, { office, role, ttlHours, nowMs: Date.now(), actor: 'admin' }),
    listDevices: async () => ({ devices: await listDevices(db) }),
    revoke: (deviceId) => db.transaction((tx) => revokeDevice(tx, deviceId)),
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
