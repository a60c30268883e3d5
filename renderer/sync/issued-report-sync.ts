/**
 * The issued reports' part of a sync round, run after the observations' (sync-service.ts):
 * push each report waiting, one per request (a report can be megabytes: its map and
 * chart), then pull the reports the server holds for this device's scope, page by page.
 *
 * It never fails the observations' round: its outcome is its own (`ReportSyncOutcome`),
 * which the status shows beside the round's. A report the server will not take as it
 * stands (another office's id, other content under an issued id, too large, malformed)
 * is marked refused with the server's words and not pushed again; a failure of the
 * connection or the server leaves every report waiting for the next round.
 */
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { SyncErrorCode } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-engine';
import { MAX_REPORTS_PULL_PAGE, pullReportsResponseSchema, pushReportResponseSchema } from '../../shared/reports/issued-report';
import type { IssuedReportContent, PullReportsResponse, PushReportResponse } from '../../shared/reports/issued-report';
import type { IssuedReport, IssuedReportStore } from '../store/issued-report-store';
import { contentOf } from '../store/issued-report-store';
import { DamagedCiphertextError } from '../crypto/record-cipher';
import { jsonBody, request } from './http-transport';
import type { FetchLike } from './http-transport';

/** How the device talks to the server about reports (tests pass a fake). */
export interface ReportTransport {
  push(report: IssuedReportContent): Promise<PushReportResponse>;
  pull(after: string | null, limit: number): Promise<PullReportsResponse>;
}

/**
 * A server without the reports routes (older than this app) answers 404, which would
 * read as a refusal of the report itself: it is the server's lack, so the reports wait.
 */
function withoutReportsRoutes(fetchFn: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    if (response.status !== 404) return response;
    const body = { error: { code: 'app_too_new', message: 'This server does not keep issued reports yet: it must be updated.' } };
    return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } });
  };
}

export function createReportTransport(fetchFn: FetchLike, serverUrl: URL, token: string): ReportTransport {
  const auth = { authorization: `Bearer ${token}` };
  fetchFn = withoutReportsRoutes(fetchFn);
  return {
    push: async (report) => {
      const { body, headers } = await jsonBody({ protocolVersion: SYNC_PROTOCOL_VERSION, report });
      return request(fetchFn, new URL('api/v1/reports', serverUrl).href, { method: 'POST', headers: { ...auth, ...headers }, body }, pushReportResponseSchema);
    },
    pull: async (after, limit) => {
      const url = new URL('api/v1/reports', serverUrl);
      url.searchParams.set('limit', String(limit));
      if (after !== null) url.searchParams.set('after', after);
      return request(fetchFn, url.href, { method: 'GET', headers: auth }, pullReportsResponseSchema);
    },
  };
}

/** Codes that say this report, as it stands, will never be taken: set it aside. Others are the connection's or the device's. */
const REFUSALS: readonly SyncErrorCode[] = ['report_already_issued', 'forbidden', 'invalid_request', 'payload_too_large'];

export interface ReportSyncOutcome {
  pushed: number;
  refused: number;
  pulled: number;
  /** What stopped it, or null when it ran to the end. */
  error: SyncErrorCode | null;
}

/**
 * Push the waiting reports, then pull. `scope` names the server and office the pull
 * cursor belongs to. A `forbidden` answer for a role that may not issue at all is the
 * same for every report: it is filed on each (the screen then says why).
 */
/** The report, or undefined when it is gone or its sealed part does not open here (it stays waiting; its screen says why). */
async function readable(store: IssuedReportStore, id: string): Promise<IssuedReport | undefined> {
  try {
    return await store.get(id);
  } catch (error) {
    if (error instanceof DamagedCiphertextError) return undefined;
    throw error;
  }
}

export async function syncIssuedReports(store: IssuedReportStore, transport: ReportTransport, scope: string): Promise<ReportSyncOutcome> {
  const outcome: ReportSyncOutcome = { pushed: 0, refused: 0, pulled: 0, error: null };
  try {
    // One report read at a time: each can be megabytes.
    for (const id of await store.waiting()) {
      const report = await readable(store, id);
      if (report === undefined) continue;
      try {
        await store.markPushed(await transport.push(contentOf(report)));
        outcome.pushed += 1;
      } catch (error) {
        if (!(error instanceof SyncError) || !REFUSALS.includes(error.code)) throw error;
        await store.markRefused(id, error.code, error.message);
        outcome.refused += 1;
      }
    }
    let after = await store.pullCursor(scope);
    for (;;) {
      const page = await transport.pull(after, MAX_REPORTS_PULL_PAGE);
      await store.applyPulled(page.reports, { cursor: page.cursor, scope });
      outcome.pulled += page.reports.length;
      after = page.cursor;
      if (!page.hasMore) break;
    }
  } catch (error) {
    if (!(error instanceof SyncError)) console.error('issued reports sync failed', error);
    outcome.error = error instanceof SyncError ? error.code : 'server_error';
  }
  return outcome;
}
