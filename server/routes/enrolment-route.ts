import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db';
import type { Clock } from '../domain/time';
import type { EnrolResponse } from '../../shared/sync/protocol';
import { SYNC_PROTOCOL_VERSION, enrolRequestSchema } from '../../shared/sync/protocol';
import { enrolDevice } from '../domain/enrolment-repo';
import { hasNul, parseInput } from '../http/parse-input';
import { invalidRequest } from '../http/api-error';

export interface EnrolmentRateLimit {
  max: number;
  timeWindowMs: number;
}

/** POST /api/v1/enrolments: a device trades a one-time code for its id and token. */
export function registerEnrolmentRoute(app: FastifyInstance, db: Db, now: Clock, limit: EnrolmentRateLimit): void {
  app.post(
    '/api/v1/enrolments',
    // Codes are guessable only by trying many: limit tries per IP address.
    { config: { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } } },
    async (request, reply): Promise<EnrolResponse> => {
      const body = parseInput(enrolRequestSchema, request.body, 'enrolment request');
      if (hasNul(body.deviceName)) throw invalidRequest('invalid enrolment request: deviceName may not contain NUL characters');
      // Edge spaces (and a byte-order mark, which PGlite would drop on reading) are not part of a name.
      const deviceName = body.deviceName.trim();
      if (deviceName === '') throw invalidRequest('invalid enrolment request: deviceName is blank');
      const enrolled = await enrolDevice(db, {
        code: body.code,
        deviceName,
        nowMs: now(),
        ip: request.ip,
      });
      void reply.status(201);
      return { ...enrolled, protocolVersion: SYNC_PROTOCOL_VERSION };
    },
  );
}
