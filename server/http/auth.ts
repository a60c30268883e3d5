import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import type { AuthDevice } from '../domain/devices-repo';
import { findDeviceByTokenHash } from '../domain/devices-repo';
import { secretsEqual, sha256Hex } from '../domain/secrets';
import { ApiError } from './api-error';

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

/** An onRequest hook that admits a caller or throws an ApiError. */
export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const devices = new WeakMap<FastifyRequest, AuthDevice>();

/**
 * An onRequest hook that admits enrolled, unrevoked devices. It runs before the body is
 * read, so that an unknown caller cannot make the server parse a large body.
 */
export function deviceAuthHook(db: Db): AuthHook {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (token === undefined) throw unauthorized(reply, 'This request needs an Authorization: Bearer <device token> header.');
    // Looked up by hash: the database never holds, and so never compares, a plain token.
    const device = await findDeviceByTokenHash(db, sha256Hex(token));
    if (device === undefined) throw unauthorized(reply, 'The device token is not valid: enrol this device again.');
    if (device.revoked) {
      void reply.header('www-authenticate', 'Bearer realm="routewatch"');
      throw new ApiError(401, 'device_revoked', 'This device has been revoked by headquarters: enrol it again with a new code.');
    }
    devices.set(request, device);
  };
}

/** The device deviceAuthHook admitted for this request. */
export function authenticatedDevice(request: FastifyRequest): AuthDevice {
  const device = devices.get(request);
  if (device === undefined) throw new Error('route is missing deviceAuthHook');
  return device;
}

/** An onRequest hook that admits only the holder of the administrator token. */
export function adminAuthHook(adminToken: string): AuthHook {
  return (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (token === undefined) {
      return Promise.reject(unauthorized(reply, 'This request needs an Authorization: Bearer <admin token> header.'));
    }
    if (!secretsEqual(token, adminToken)) return Promise.reject(unauthorized(reply, 'The admin token is not valid.'));
    return Promise.resolve();
  };
}
