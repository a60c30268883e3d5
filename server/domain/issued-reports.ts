/**
 * Issued situation reports on the server (migration 007): numbered here, kept for ever,
 * unchanged. The server is the one that numbers because it is the one that knows every
 * report of an office: two analysts of one office issuing offline would otherwise give
 * the same number. Authorship (office, device, user) is the pushing device's, from its
 * token; a body cannot name it.
 *
 * - A new id gets the next number of its office and year (the year of the period's
 *   end), allocated in the push's transaction from `issued_report_counters`, under an
 *   advisory lock that also makes `feed_seq` commit in order for pullers.
 * - The same id again with the same content (a retry after a lost answer) returns the
 *   number it has; with other content it is refused (`IssuedReportConflict`): an issued
 *   report is immutable. An id held for another office is refused as not this device's,
 *   saying nothing of that report.
 * - A pull returns the reports of the puller's office, or of every office for a role the
 *   rule book lets see every office's records (HQ analysts), in feed order.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { formatReportNumber, reportYear } from '../../shared/reports/issued-report';
import type { IssuedReportContent, PushReportResponse, ServerIssuedReport } from '../../shared/reports/issued-report';
import { grantFor } from '../../shared/access/roles';
import type { AuthDevice } from './devices-repo';
import { writeAudit } from './audit';
import { isoOf } from './time';
import { rowsWithinBytes } from './page-by-bytes';

/** Arbitrary constant, distinct from the push and migration locks. */
const REPORT_LOCK_KEY = 7_245_003;

/** Why a pushed report was refused (the route turns each into an HTTP answer). */
export type ReportRefusal =
  /** The id is held for another office: not this device's to push. */
  | { kind: 'other_office' }
  /** The id is held with other content: an issued report never changes. */
  | { kind: 'changed'; number: string };

export type PushReportOutcome = { ok: true; answer: PushReportResponse } | { ok: false; refusal: ReportRefusal };

/** SHA-256 of the canonical JSON of what the device sent: what "the same report" means. */
export function contentHash(report: IssuedReportContent): string {
  const { id: _id, ...content } = report;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

interface HeldRow {
  [column: string]: unknown;
  office: string;
  number: string;
  issued_by: string;
  content_hash: string;
  received_at: unknown;
}

/** Store a pushed report, numbering it if it is new; or say why not. One transaction. */
export async function pushIssuedReport(db: Db, device: AuthDevice, report: IssuedReportContent): Promise<PushReportOutcome> {
  const hash = contentHash(report);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REPORT_LOCK_KEY]);
    const held = await tx.query<HeldRow>(
      'SELECT office, number, issued_by, content_hash, received_at FROM issued_reports WHERE id = $1::uuid',
      [report.id],
    );
    const existing = held[0];
    if (existing !== undefined) {
      const refusal: ReportRefusal | undefined =
        existing.office !== device.office ? { kind: 'other_office' } : existing.content_hash !== hash ? { kind: 'changed', number: existing.number } : undefined;
      if (refusal !== undefined) {
        await writeAudit(tx, `device:${device.id}`, 'report.refused', { reportId: report.id, reason: refusal.kind });
        return { ok: false, refusal };
      }
      return {
        ok: true,
        answer: { id: report.id, number: existing.number, issuedBy: existing.issued_by, office: existing.office, receivedAt: isoOf(existing.received_at) },
      };
    }
    const year = reportYear(report.parameters);
    // One row per office and year; the upsert takes its row lock, so even without the
    // advisory lock two transactions could not draw the same seq.
    const counted = await tx.query<{ last_seq: unknown }>(
      `INSERT INTO issued_report_counters (office, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (office, year) DO UPDATE SET last_seq = issued_report_counters.last_seq + 1
       RETURNING last_seq`,
      [device.office, year],
    );
    const seq = Number(counted[0]?.last_seq);
    const number = formatReportNumber(device.office, year, seq);
    const inserted = await tx.query<{ received_at: unknown }>(
      `INSERT INTO issued_reports (id, office, year, seq, number, device_id, issued_by, content_hash, parameters, highlights, document, issued_at)
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::json, $10::json, $11::json, $12)
       RETURNING received_at`,
      [
        report.id,
        device.office,
        year,
        seq,
        number,
        device.id,
        device.userName,
        hash,
        JSON.stringify(report.parameters),
        JSON.stringify(report.highlights),
        JSON.stringify(report.document),
        report.issuedAt,
      ],
    );
    await writeAudit(tx, `device:${device.id}`, 'report.issued', { reportId: report.id, number });
    return {
      ok: true,
      answer: { id: report.id, number, issuedBy: device.userName, office: device.office, receivedAt: isoOf(inserted[0]?.received_at) },
    };
  });
}

/** Who pulls: the office and role decide the scope. */
export interface ReportPuller {
  office: string;
  role: AuthDevice['role'];
}

/** Every office for a role that sees every office's records (HQ analysts), else the puller's own. */
function scopeOf(puller: ReportPuller): { where: string; params: unknown[] } {
  const grant = grantFor(puller.role, 'record.view');
  return grant.kind === 'record' && grant.offices === 'all'
    ? { where: 'feed_seq > $1::bigint', params: [] }
    : { where: 'feed_seq > $1::bigint AND office = $2', params: [puller.office] };
}

interface ReportRow {
  [column: string]: unknown;
  feed_text: string;
  id: string;
  office: string;
  number: string;
  issued_by: string;
  parameters: unknown;
  highlights: unknown;
  document: unknown;
  issued_at: string;
  received_at: unknown;
}

export interface ReportsPage {
  reports: ServerIssuedReport[];
  cursor: string | null;
  hasMore: boolean;
}

/**
 * One page of the reports feed after `after`: at most `limit` reports, and no more once
 * their documents pass `maxBytes` (at least one, so that a page always moves the
 * cursor). Sizes are read first and the documents after, as the change feed does.
 */
export async function pullIssuedReports(q: Queryable, puller: ReportPuller, after: string | null, limit: number, maxBytes: number): Promise<ReportsPage> {
  const scope = scopeOf(puller);
  const from = after ?? '0';
  const limitParam = `$${String(scope.params.length + 2)}`;
  const sizes = await q.query<{ feed_text: string; bytes: unknown }>(
    `SELECT feed_seq::text AS feed_text, octet_length(document::text) + octet_length(parameters::text) + octet_length(highlights::text) AS bytes
     FROM issued_reports WHERE ${scope.where} ORDER BY feed_seq LIMIT ${limitParam}`,
    [from, ...scope.params, limit + 1],
  );
  const taken = rowsWithinBytes(sizes, limit, maxBytes);
  const last = sizes[taken - 1]?.feed_text;
  if (last === undefined) return { reports: [], cursor: after, hasMore: false };
  const rows = await q.query<ReportRow>(
    `SELECT feed_seq::text AS feed_text, id::text AS id, office, number, issued_by, parameters, highlights, document, issued_at, received_at
     FROM issued_reports WHERE ${scope.where} AND feed_seq <= ${limitParam}::bigint ORDER BY feed_seq`,
    [from, ...scope.params, last],
  );
  const reports = rows.map(
    (row): ServerIssuedReport => ({
      id: row.id,
      number: row.number,
      issuedBy: row.issued_by,
      office: row.office,
      parameters: row.parameters as ServerIssuedReport['parameters'],
      highlights: row.highlights as ServerIssuedReport['highlights'],
      document: row.document as ServerIssuedReport['document'],
      issuedAt: row.issued_at,
      receivedAt: isoOf(row.received_at),
    }),
  );
  return { reports, cursor: last, hasMore: sizes.length > taken };
}
