import { z } from '../../shared/schema/zod';
import { observationSchema } from '../../shared/observations/observation-schema';
import {
  OLDEST_SERVED_PROTOCOL_VERSION,
  SYNC_PROTOCOL_VERSION,
  changeResultSchema,
  deviceInfoSchema,
  enrolRequestSchema,
  enrolResponseSchema,
  errorBodySchema,
  pullQuerySchema,
  pulledChangeSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  syncChangeSchema,
} from '../../shared/sync/protocol';
import {
  createCodeRequestSchema,
  createCodeResponseSchema,
  createOfficeRequestSchema,
  createOfficeResponseSchema,
  deviceIdSchema,
  deviceListSchema,
  deviceListingSchema,
  healthSchema,
  officeListSchema,
  officeListingSchema,
  revokeResponseSchema,
  rotateRequestSchema,
  rotateResponseSchema,
} from '../api/admin-schemas';
import {
  pullReportsQuerySchema,
  pullReportsResponseSchema,
  pushReportRequestSchema,
  pushReportResponseSchema,
  serverIssuedReportSchema,
} from '../../shared/reports/issued-report';

type Json = Record<string, unknown>;

/** Every schema the API names, under the name the document gives it. */
const NAMED_SCHEMAS: Record<string, z.ZodType> = {
  ErrorBody: errorBodySchema,
  Observation: observationSchema,
  SyncChange: syncChangeSchema,
  EnrolRequest: enrolRequestSchema,
  EnrolResponse: enrolResponseSchema,
  DeviceInfo: deviceInfoSchema,
  PushRequest: pushRequestSchema,
  ChangeResult: changeResultSchema,
  PushResponse: pushResponseSchema,
  PulledChange: pulledChangeSchema,
  PullResponse: pullResponseSchema,
  Health: healthSchema,
  CreateCodeRequest: createCodeRequestSchema,
  CreateCodeResponse: createCodeResponseSchema,
  DeviceListing: deviceListingSchema,
  DeviceList: deviceListSchema,
  RevokeResponse: revokeResponseSchema,
  CreateOfficeRequest: createOfficeRequestSchema,
  OfficeListing: officeListingSchema,
  OfficeList: officeListSchema,
  CreateOfficeResponse: createOfficeResponseSchema,
  RotateRequest: rotateRequestSchema,
  RotateResponse: rotateResponseSchema,
  PushReportRequest: pushReportRequestSchema,
  PushReportResponse: pushReportResponseSchema,
  IssuedReport: serverIssuedReportSchema,
  PullReportsResponse: pullReportsResponseSchema,
};

const ERROR_TEXT: Record<number, string> = {
  400: `Invalid request (invalid_request; app_too_old below protocol ${OLDEST_SERVED_PROTOCOL_VERSION}, app_too_new above ${SYNC_PROTOCOL_VERSION}; invalid_enrolment_code)`,
  401: 'Missing or invalid token (unauthorized), or revoked device (device_revoked)',
  403: "The device's role reads no observations (forbidden: an administrator's device), may not issue reports, or a report id is another office's (forbidden)",
  404: 'No such route or device (invalid_request)',
  409: 'Conflicts with what exists: an office code or name taken, a revoked device (invalid_request); a report id issued before with other content (report_already_issued)',
  413: 'Body larger than the limit, or a gzipped body that inflates past it (payload_too_large)',
  415: 'A Content-Encoding other than gzip (invalid_request)',
  429: 'Too many enrolment attempts, or failed token checks, from this address (rate_limited, with Retry-After)',
  503: 'Database unreachable (server_error)',
};

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of one schema, as a request would carry it. */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

function componentSchemas(): Json {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(NAMED_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out: Json = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string): Json => ({ content: { 'application/json': { schema: ref(name) } } });

interface Operation {
  summary: string;
  auth: 'device' | 'admin' | 'none';
  body?: string;
  /** A POST without a documented body still reads one, and may refuse it (400, 413, 415). */
  post?: boolean;
  ok: [status: number, schema: string];
  errors: number[];
  parameters?: Json[];
}

function operation(op: Operation): Json {
  const responses: Json = { [String(op.ok[0])]: { description: 'Success', ...json(op.ok[1]) } };
  const errors = new Set([
    ...op.errors,
    ...(op.body === undefined && op.post !== true ? [] : [400, 413, 415]),
    // Failed token checks are limited per address (server/http/token-failure-limiter.ts).
    ...(op.auth === 'none' ? [] : [401, 429]),
  ]);
  for (const status of [...errors].sort()) {
    responses[String(status)] = { description: ERROR_TEXT[status] ?? 'Error', ...json('ErrorBody') };
  }
  return {
    summary: op.summary,
    security: op.auth === 'device' ? [{ deviceToken: [] }] : op.auth === 'admin' ? [{ adminToken: [] }] : [],
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body === undefined ? {} : { requestBody: { required: true, ...json(op.body) } }),
    responses,
  };
}

function pullParameters(): Json[] {
  return Object.entries(pullQuerySchema.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: name === 'protocolVersion',
    schema: jsonSchema(schema),
  }));
}

/** The OpenAPI 3.1 document of the server's API, built from the same zod schemas the code parses with. */
export function buildOpenApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Routewatch headquarters sync server',
      version: `${SYNC_PROTOCOL_VERSION}`,
      description:
        'Devices enrol with a one-time code, then push and pull observation changes (docs/sync-protocol.md). Every error body is ErrorBody. Answers are gzipped for clients that send Accept-Encoding: gzip.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/health': { get: operation({ summary: 'Liveness and database check', auth: 'none', ok: [200, 'Health'], errors: [503] }) },
      '/api/v1/openapi.json': {
        get: {
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
      '/api/v1/enrolments': {
        post: operation({ summary: 'Enrol a device with a one-time code', auth: 'none', body: 'EnrolRequest', ok: [201, 'EnrolResponse'], errors: [400, 429] }),
      },
      '/api/v1/me': { get: operation({ summary: 'The calling device', auth: 'device', ok: [200, 'DeviceInfo'], errors: [] }) },
      '/api/v1/sync/push': {
        post: operation({
          summary:
            'Push a batch of changes: one result per distinct change id, accepted or refused with a ChangeRefusalCode (a refused change does not hold up the rest). Idempotent by change id. The body may be gzipped (Content-Encoding: gzip).',
          auth: 'device',
          body: 'PushRequest',
          ok: [200, 'PushResponse'],
          errors: [],
        }),
      },
      '/api/v1/sync/pull': {
        get: operation({
          summary:
            "Pull the next page of changes after a cursor, in the device's scope, with the sensitive fields its role may not see withheld; a page ends at the limit or once its records pass MAX_PULL_PAGE_BYTES",
          auth: 'device',
          ok: [200, 'PullResponse'],
          errors: [400, 403],
          parameters: pullParameters(),
        }),
      },
      '/api/v1/reports': {
        post: operation({
          summary:
            'Push one issued report (body up to MAX_ISSUED_REPORT_BYTES): the server numbers it ({office}-{year}-{seq}) and names who issued it from the token; the same id and content again returns the same number, other content is refused (409 report_already_issued)',
          auth: 'device',
          body: 'PushReportRequest',
          ok: [200, 'PushReportResponse'],
          errors: [403, 409],
        }),
        get: operation({
          summary: "Pull the issued reports after a cursor: the device's office's, or every office's for a role that sees every office (HQ analysts)",
          auth: 'device',
          ok: [200, 'PullReportsResponse'],
          errors: [400, 403],
          parameters: Object.entries(pullReportsQuerySchema.shape).map(([name, schema]) => ({ name, in: 'query', required: false, schema: jsonSchema(schema) })),
        }),
      },
      '/api/v1/admin/offices': {
        get: operation({ summary: 'List offices', auth: 'admin', ok: [200, 'OfficeList'], errors: [] }),
        post: operation({ summary: 'Create an office of a mission (its code starts with the mission)', auth: 'admin', body: 'CreateOfficeRequest', ok: [201, 'CreateOfficeResponse'], errors: [409] }),
      },
      '/api/v1/admin/enrolment-codes': {
        post: operation({
          summary: 'Issue a one-time enrolment code for a named user of an existing office, with its QR code when serverUrl is given',
          auth: 'admin',
          body: 'CreateCodeRequest',
          ok: [201, 'CreateCodeResponse'],
          errors: [],
        }),
      },
      '/api/v1/admin/devices': { get: operation({ summary: 'List enrolled devices', auth: 'admin', ok: [200, 'DeviceList'], errors: [] }) },
      '/api/v1/admin/devices/{id}/revoke': {
        post: operation({
          summary: 'Revoke a device',
          auth: 'admin',
          post: true,
          ok: [200, 'RevokeResponse'],
          errors: [400, 404],
          parameters: [{ name: 'id', in: 'path', required: true, schema: jsonSchema(deviceIdSchema) }],
        }),
      },
      '/api/v1/admin/devices/{id}/rotate': {
        post: {
          ...operation({
            summary: "Rotate a device's token: the token stops working now; a one-time code re-enrols the same device (body optional)",
            auth: 'admin',
            post: true,
            ok: [201, 'RotateResponse'],
            errors: [400, 404, 409, 413],
            parameters: [{ name: 'id', in: 'path', required: true, schema: jsonSchema(deviceIdSchema) }],
          }),
          requestBody: { required: false, ...json('RotateRequest') },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: 'The token a device received at enrolment.' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The administrator token in <data-dir>/admin-token or ROUTEWATCH_ADMIN_TOKEN.' },
      },
    },
  };
}
