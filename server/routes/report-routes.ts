import type { FastifyInstance } from 'fastify';
import type { AuthHook } from '../http/auth';
import type { Db } from '../db/db';
import {
  MAX_ISSUED_REPORT_BYTES,
  MAX_REPORTS_PULL_PAGE,
  MAX_REPORTS_PULL_PAGE_BYTES,
  pullReportsQuerySchema,
  pushReportRequestSchema,
} from '../../shared/reports/issued-report';
import type { PullReportsResponse, PushReportResponse } from '../../shared/reports/issued-report';
import { grantFor } from '../../shared/access/roles';
import { A_ROLE } from '../domain/push-authorisation';
import { ApiError, invalidRequest } from '../http/api-error';
import { authenticatedDevice } from '../http/auth';
import { parseInput } from '../http/parse-input';
import type { AuthDevice } from '../domain/devices-repo';
import { pullIssuedReports, pushIssuedReport } from '../domain/issued-reports';
import { checkProtocolVersion } from './sync-routes';

/** Largest value of a PostgreSQL bigint: a longer cursor cannot be one the server gave. */
const MAX_CURSOR = 9_223_372_036_854_775_807n;

/** Issuing a report is the rule book's `report.export` (HQ analysts: "Situation reports are issued by HQ"). */
function refuseNonIssuer(device: AuthDevice): void {
  const grant = grantFor(device.role, 'report.export');
  if (grant.kind !== 'never') return;
  throw new ApiError(403, 'forbidden', `This device is enrolled as ${A_ROLE[device.role]}, who may not issue situation reports: ${grant.why}`);
}

/** Reports are made of observations: a role that reads none reads no reports (administrators). */
function refuseBlindPuller(device: AuthDevice): void {
  const grant = grantFor(device.role, 'record.view');
  if (grant.kind !== 'never') return;
  throw new ApiError(403, 'forbidden', `This device is enrolled as ${A_ROLE[device.role]}, whose role reads no observations and so no reports: ${grant.why}`);
}

/** POST /api/v1/reports (push one issued report) and GET /api/v1/reports (pull the feed). */
export function registerReportRoutes(app: FastifyInstance, db: Db, deviceAuth: AuthHook): void {
  app.post(
    '/api/v1/reports',
    // A report carries its map and chart as images: it may be larger than a push of
    // records. Fastify refuses a longer body from its Content-Length, before reading it.
    { onRequest: deviceAuth, bodyLimit: MAX_ISSUED_REPORT_BYTES },
    async (request): Promise<PushReportResponse> => {
      const device = authenticatedDevice(request);
      const raw: unknown = request.body;
      if (typeof raw === 'object' && raw !== null && 'protocolVersion' in raw) checkProtocolVersion(raw.protocolVersion);
      if (device.userName === '') {
        throw new ApiError(401, 'unauthorized', 'This device was enrolled before user names existed: enrol it again with a new code.');
      }
      refuseNonIssuer(device);
      const body = parseInput(pushReportRequestSchema, raw, 'issued report');
      const outcome = await pushIssuedReport(db, device, body.report);
      if (outcome.ok) return outcome.answer;
      if (outcome.refusal.kind === 'other_office') {
        throw new ApiError(403, 'forbidden', `Report ${body.report.id} is not one this device may issue: its id is taken. Issue it again as a new report.`);
      }
      throw new ApiError(
        409,
        'report_already_issued',
        `Report ${body.report.id} was issued as ${outcome.refusal.number} with other content; an issued report never changes. Issue it again as a new report.`,
      );
    },
  );

  app.get('/api/v1/reports', { onRequest: deviceAuth }, async (request): Promise<PullReportsResponse> => {
    const device = authenticatedDevice(request);
    const query = parseInput(pullReportsQuerySchema, request.query, 'reports query');
    if (query.after !== undefined && BigInt(query.after) > MAX_CURSOR) {
      throw invalidRequest('invalid reports query: after is not a cursor this server gave');
    }
    refuseBlindPuller(device);
    return pullIssuedReports(db, { office: device.office, role: device.role }, query.after ?? null, query.limit ?? MAX_REPORTS_PULL_PAGE, MAX_REPORTS_PULL_PAGE_BYTES);
  });
}
