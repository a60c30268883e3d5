import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db';
import type { Health } from '../api/admin-schemas';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { ApiError } from '../http/api-error';

/** GET /health: the process answers and the database does too. */
export function registerHealthRoute(app: FastifyInstance, db: Db): void {
  app.get('/health', async (request): Promise<Health> => {
    try {
      await db.query('SELECT 1');
    } catch (error) {
      request.log.error({ err: error }, 'database check failed');
      throw new ApiError(503, 'server_error', 'The server cannot reach its database.');
    }
    return { status: 'ok', service: 'routewatch', protocolVersion: SYNC_PROTOCOL_VERSION };
  });
}
