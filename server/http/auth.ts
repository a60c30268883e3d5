import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import type { AuthDevice } from '../domain/devices-repo';
import { findDeviceByTokenHash } from '../domain/devices-repo';
import { secretsEqual, sha256Hex } from '../domain/secrets';
import { ApiError } from './api-error';
import type { TokenFailureLimiter } from './token-failure-limiter';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]{1,512}=*) *$/i;

/** The token of an `Authorization: Bearer` header, or undefined when there is none that parses. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header)?.[1];
}

function unauthorized(reply: FastifyReply, message: string): ApiError {
  void reply.header('www-authenticate', 'Bearer realm="routewatch"');
  return new ApiError(401, 'unauthorized', message);
}

function rateLimited(reply: FastifyReply, waitMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  void reply.header('retry-after', String(seconds));
  return new ApiError(429, 'rate_limited', `Too many failed token checks from this address: try again in ${seconds} seconds.`);
}

/**
 * Check a presented token against the failure limit of the caller's address: a blocked
 * address is refused before the check (nothing looked up); a failed check is counted,
 * and the one that passes the limit is answered 429 rather than 401.
 */
async function limitedCheck(
  limiter: TokenFailureLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  check: () => Promise<ApiError | undefined>,
): Promise<void> {
  const wait = limiter.waitFor(request.ip);
  if (wait > 0) throw rateLimited(reply, wait);
  const refusal = await check();
  if (refusal === undefined) return;
  if (refusal.statusCode === 401 && refusal.code === 'unauthorized') {
    const owed = await limiter.recordFailure(request.ip);
    if (owed > 0) throw rateLimited(reply, owed);
  }
  throw refusal;
}

/** An onRequest hook that admits a caller or throws an ApiError. */
export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const devices = new WeakMap<FastifyRequest, AuthDevice>();

/**
 * An onRequest hook that admits enrolled, unrevoked devices. It runs before the body is
 * read, so that an unknown caller cannot make the server parse a large body.
 */
export function deviceAuthHook(db: Db, limiter: TokenFailureLimiter): AuthHook {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (token === undefined) throw unauthorized(reply, 'This request needs an Authorization: Bearer <device token> header.');
    await limitedCheck(limiter, request, reply, async () => {
      // Looked up by hash: the database never holds, and so never compares, a plain token.
      const device = await findDeviceByTokenHash(db, sha256Hex(token));
      if (device === undefined) return unauthorized(reply, 'The device token is not valid: enrol this device again.');
      // A revoked token is a real one, not a guess: it is not counted as a failure.
      if (device.revoked) {
        void reply.header('www-authenticate', 'Bearer realm="routewatch"');
        return new ApiError(401, 'device_revoked', 'This device has been revoked by headquarters: enrol it again with a new code.');
      }
      devices.set(request, device);
      return undefined;
    });
  };
}

/** The device deviceAuthHook admitted for this request. */
export function authenticatedDevice(request: FastifyRequest): AuthDevice {
  const device = devices.get(request);
  if (device === undefined) throw new Error('route is missing deviceAuthHook');
  return device;
}

/** An onRequest hook that admits only the holder of the administrator token. */
export function adminAuthHook(adminToken: string, limiter: TokenFailureLimiter): AuthHook {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (token === undefined) throw unauthorized(reply, 'This request needs an Authorization: Bearer <admin token> header.');
    await limitedCheck(limiter, request, reply, () =>
      Promise.resolve(secretsEqual(token, adminToken) ? undefined : unauthorized(reply, 'The admin token is not valid.')),
    );
  };
}
