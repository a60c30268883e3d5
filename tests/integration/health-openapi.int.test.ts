import { expect, it } from 'vitest';
import { describeEachDb } from './helpers/test-db';

/** Every route the server has, as `METHOD path` in OpenAPI's path syntax. */
const ROUTES = [
  'get /health',
  'get /api/v1/openapi.json',
  'post /api/v1/enrolments',
  'get /api/v1/me',
  'post /api/v1/sync/push',
  'get /api/v1/sync/pull',
  'post /api/v1/reports',
  'get /api/v1/reports',
  'post /api/v1/admin/enrolment-codes',
  'get /api/v1/admin/devices',
  'post /api/v1/admin/devices/{id}/revoke',
  'get /api/v1/admin/offices',
  'post /api/v1/admin/offices',
  'post /api/v1/admin/devices/{id}/rotate',
];

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
}

describeEachDb('health and OpenAPI document', (h) => {
  it('answers /health with status ok after checking the database', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves a public OpenAPI 3.1 document listing every route, the bearer schemes and the error body', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<OpenApiDoc>();
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(listed.sort()).toEqual([...ROUTES].sort());
    expect(doc.components.securitySchemes.deviceToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.ErrorBody).toBeDefined();
    expect(doc.paths['/api/v1/sync/push']?.post?.security).toEqual([{ deviceToken: [] }]);
    expect(doc.paths['/api/v1/sync/push']?.post?.responses['401']).toBeDefined();
    expect(doc.paths['/api/v1/sync/push']?.post?.responses['413']).toBeDefined();
    expect(doc.paths['/api/v1/sync/pull']?.get?.responses['403']).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ChangeResult', 'PulledChange', 'PushResponse', 'PullResponse']) as unknown);
    expect(JSON.stringify(doc.components.schemas.ChangeResult)).toContain('change_id_conflict');
    expect(doc.paths['/api/v1/reports']?.post?.responses['409']).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['PushReportRequest', 'PushReportResponse', 'PullReportsResponse']) as unknown);

    // Every $ref points at a schema the document holds.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas, `missing schema ${String(ref)}`).toHaveProperty(String(ref));
  });

  it('answers unknown routes with 404 and an error body', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
