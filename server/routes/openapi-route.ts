import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../openapi/openapi-document';

/** GET /api/v1/openapi.json: public, as it documents the API and holds no data. */
export function registerOpenApiRoute(app: FastifyInstance): void {
  let document: Record<string, unknown> | undefined;
  app.get('/api/v1/openapi.json', (): Promise<Record<string, unknown>> => {
    document ??= buildOpenApiDocument();
    return Promise.resolve(document);
  });
}
