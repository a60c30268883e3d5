/**
 * Issued situation reports on this device (table `issuedReports`, database v9).
 *
 * `issueReport` keeps a report as issued, waiting to be pushed; the server numbers it
 * when it first receives it (docs/sync-protocol.md, "Issued reports"), so a report
 * issued offline has no number until it has synced, and the screens say so: a number is
 * never made up here. The sync (renderer/sync/issued-report-sync.ts) marks a report
 * sent with the number the server gave, or refused with its reason, and files the
 * reports it pulls.
 *
 * Who issues is the enrolment's user and office: the server takes the same from the
 * device's token. The rule book (`report.export`: "Situation reports are issued by HQ")
 * decides who may; a device that may not is refused here, before anything is stored.
 */
import { can } from '../../shared/access/roles';
import type { User } from '../../shared/access/roles';
import type { SyncErrorCode } from '../../shared/sync/protocol';
import {
  documentFromWire,
  documentToWire,
  issuedReportContentSchema,
  MAX_ISSUED_REPORT_BYTES,
} from '../../shared/reports/issued-report';
import type { IssuedReportContent, IssuedReportParameters, PushReportResponse, ServerIssuedReport } from '../../shared/reports/issued-report';
import type { ReportDocument } from '../../shared/reports/report-document';
import type { IssuedReportDocumentRow, IssuedReportRow, RoutewatchDatabase } from './database';
import { DamagedCiphertextError, placeOf } from '../crypto/record-cipher';
import type { RecordCipher } from '../crypto/record-cipher';
import { reportDocumentWireSchema } from '../../shared/reports/issued-report';
import type { Enrolment, IssuedReportsSyncMeta, MetaShapes, Profile } from './meta-keys';

/** Room left in the body for the request's own keys. */
const BODY_MARGIN_BYTES = 4096;

/** Why a report cannot be issued on this device; nothing was stored. */
export class IssueReportError extends Error {
  constructor(
    readonly reason: 'no_user' | 'not_allowed' | 'invalid' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'IssueReportError';
  }
}

export interface IssueReportInput {
  parameters: IssuedReportParameters;
  /** The highlights as the analyst edited them (at most 5, each at most 500 characters). */
  highlights: string[];
  /** The document as previewed, without a number line. */
  document: ReportDocument;
}

/** The user issuing: the enrolment's, else the profile's (a device not enrolled acts as a field monitor). */
function issuer(profile: Profile | undefined, enrolment: Enrolment | undefined): User | null {
  const enrolledName = enrolment?.userName?.trim() ?? '';
  const name = enrolment !== undefined && enrolledName !== '' ? enrolledName : (profile?.author.trim() ?? '');
  if (name === '') return null;
  return { name, role: enrolment?.role ?? 'field_monitor', office: enrolment?.office ?? profile?.office.trim() ?? '' };
}

/** An issued report whole: its row, its highlights and its document. */
export type IssuedReport = Omit<IssuedReportRow, 'highlights'> & { highlights: string[]; document: ReportDocument };

/**
 * Where a report's sealed part is kept (the envelope's additional data). The document
 * can name sources (the methodology, the official figures' annex) and the highlights are
 * the analyst's own words: both are sealed at rest, in one envelope per report. The row
 * (number, period, issuer, sync state) stays in the clear for the list.
 */
const reportPlace = (id: string): string => placeOf('issuedReportDocuments', id, ['document', 'highlights']);

/** The sealed part of a report as stored: its document in wire form (JSON, images as base64) and its highlights. */
export async function sealIssuedReport(id: string, highlights: readonly string[], document: ReportDocument, cipher: RecordCipher): Promise<IssuedReportDocumentRow> {
  return { id, sealed: await cipher.seal({ highlights, document: documentToWire(document) }, reportPlace(id)) };
}

/** The highlights and document a stored row holds; throws DamagedCiphertextError when its envelope does not open. */
export async function openIssuedReport(row: IssuedReportDocumentRow, legacyHighlights: readonly string[] | undefined, cipher: RecordCipher): Promise<{ highlights: string[]; document: ReportDocument }> {
  if (row.sealed === undefined) {
    // Written before reports were sealed (migrate-at-rest.ts seals it after the unlock).
    if (row.document === undefined) throw new DamagedCiphertextError(reportPlace(row.id), 'no document');
    return { highlights: [...(legacyHighlights ?? [])], document: row.document };
  }
  const opened = (await cipher.open(row.sealed, reportPlace(row.id))) as { highlights?: unknown; document?: unknown } | null;
  const highlights = opened?.highlights;
  const wire = reportDocumentWireSchema.safeParse(opened?.document);
  if (!Array.isArray(highlights) || !highlights.every((h) => typeof h === 'string') || !wire.success) throw new DamagedCiphertextError(reportPlace(row.id), 'not a report');
  return { highlights, document: documentFromWire(wire.data) };
}

/** What the server is sent for a report: its content, never its authorship. */
export function contentOf(report: IssuedReport): IssuedReportContent {
  return { id: report.id, parameters: report.parameters, highlights: report.highlights, document: documentToWire(report.document), issuedAt: report.issuedAt };
}

async function split(report: IssuedReport, cipher: RecordCipher): Promise<[IssuedReportRow, IssuedReportDocumentRow]> {
  const { document, highlights, ...row } = report;
  return [row, await sealIssuedReport(report.id, highlights, document, cipher)];
}

export class IssuedReportStore {
  constructor(
    readonly db: RoutewatchDatabase,
    private readonly cipher: RecordCipher,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  private async meta<K extends keyof MetaShapes>(key: K): Promise<MetaShapes[K] | undefined> {
    return (await this.db.meta.get(key))?.value as MetaShapes[K] | undefined;
  }

  /**
   * Keep a report as issued, waiting to be pushed; returns the stored row (number null).
   * Throws IssueReportError, storing nothing, when there is no user, the user's role may
   * not issue reports, the parameters or highlights are not valid, or the report is
   * larger than the server takes.
   */
  async issueReport(input: IssueReportInput): Promise<IssuedReport> {
    const [profile, enrolment] = await Promise.all([this.meta('profile'), this.meta('enrolment')]);
    const user = issuer(profile, enrolment);
    if (user === null) throw new IssueReportError('no_user', 'no user: enrol this device or enter a name first');
    if (!can(user, 'report.export')) throw new IssueReportError('not_allowed', `a ${user.role} may not issue situation reports`);
    // The number line is added when the report is shown or exported; an issued document has none.
    const { numberLine: _numberLine, ...bare } = input.document;
    const content: IssuedReportContent = {
      id: this.newId(),
      parameters: input.parameters,
      highlights: input.highlights,
      document: documentToWire(bare),
      issuedAt: new Date(this.now()).toISOString(),
    };
    if (new TextEncoder().encode(JSON.stringify(content)).length > MAX_ISSUED_REPORT_BYTES - BODY_MARGIN_BYTES) {
      throw new IssueReportError('too_large', 'the report is larger than the server takes: leave out an image');
    }
    // The server's own schema: a report kept here is one the server will take.
    const checked = issuedReportContentSchema.safeParse(content);
    if (!checked.success) throw new IssueReportError('invalid', checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const report: IssuedReport = {
      id: content.id,
      number: null,
      parameters: checked.data.parameters,
      highlights: checked.data.highlights,
      document: documentFromWire(checked.data.document),
      issuedAt: content.issuedAt,
      issuedBy: user.name,
      office: user.office,
      receivedAt: null,
      pending: 1,
    };
    // Sealed before the transaction opens (IndexedDB ends a transaction that waits on crypto.subtle).
    const [row, document] = await split(report, this.cipher);
    await this.db.transaction('rw', this.db.issuedReports, this.db.issuedReportDocuments, async () => {
      await this.db.issuedReports.add(row);
      await this.db.issuedReportDocuments.put(document);
    });
    return report;
  }

  /** Every issued report on this device, the latest issued first, without their highlights and documents. */
  async list(): Promise<IssuedReportRow[]> {
    const rows = await this.db.issuedReports.orderBy('issuedAt').reverse().toArray();
    return rows.map(({ highlights: _sealedSoon, ...row }) => row);
  }

  /**
   * One report whole, highlights and document included. Throws DamagedCiphertextError
   * when its sealed part does not open (a changed byte, another device's key): the
   * screens say so and show none of it.
   */
  async get(id: string): Promise<IssuedReport | undefined> {
    const [row, document] = await this.db.transaction('r', this.db.issuedReports, this.db.issuedReportDocuments, () =>
      Promise.all([this.db.issuedReports.get(id), this.db.issuedReportDocuments.get(id)]),
    );
    if (row === undefined || document === undefined) return undefined;
    // Opened after the transaction (decryption inside would end it).
    const { highlights: legacy, ...clear } = row;
    return { ...clear, ...(await openIssuedReport(document, legacy, this.cipher)) };
  }

  /** Ids of the reports waiting to be pushed, oldest issued first (refused ones are not pushed again). */
  async waiting(): Promise<string[]> {
    const rows = await this.db.issuedReports.where('pending').equals(1).toArray();
    return rows
      .filter((row) => row.refused === undefined)
      .sort((a, b) => (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0))
      .map((row) => row.id);
  }

  /** How many wait to be pushed, and how many the server refused. */
  async counts(): Promise<{ waiting: number; refused: number }> {
    const rows = await this.db.issuedReports.where('pending').equals(1).toArray();
    const refused = rows.filter((row) => row.refused !== undefined).length;
    return { waiting: rows.length - refused, refused };
  }

  /** The server has the report: keep the number and the authorship it recorded. */
  async markPushed(answer: PushReportResponse): Promise<void> {
    await this.db.issuedReports.update(answer.id, (row) => {
      row.number = answer.number;
      row.issuedBy = answer.issuedBy;
      row.office = answer.office;
      row.receivedAt = answer.receivedAt;
      delete row.pending;
      delete row.refused;
    });
  }

  /** The server will not take the report as it stands: keep it, say why, push it no more. */
  async markRefused(id: string, code: SyncErrorCode, message: string): Promise<void> {
    await this.db.issuedReports.update(id, { refused: { code, message } });
  }

  /**
   * File a pulled page of reports and its cursor in one transaction. The server's copy is
   * the issued one (immutable there), so it replaces what the device holds under its id.
   */
  async applyPulled(reports: readonly ServerIssuedReport[], sync: IssuedReportsSyncMeta): Promise<void> {
    const parts = await Promise.all(
      reports.map((report) => {
        const pulled: IssuedReport = {
          id: report.id,
          number: report.number,
          parameters: report.parameters,
          highlights: report.highlights,
          document: documentFromWire(report.document),
          issuedAt: report.issuedAt,
          issuedBy: report.issuedBy,
          office: report.office,
          receivedAt: report.receivedAt,
        };
        return split(pulled, this.cipher);
      }),
    );
    await this.db.transaction('rw', this.db.issuedReports, this.db.issuedReportDocuments, this.db.meta, async () => {
      await this.db.issuedReports.bulkPut(parts.map(([row]) => row));
      await this.db.issuedReportDocuments.bulkPut(parts.map(([, document]) => document));
      await this.db.meta.put({ key: 'issuedReportsSync', value: sync });
    });
  }

  /** Where the pull stands for this server and office (from the beginning when enrolled elsewhere). */
  async pullCursor(scope: string): Promise<string | null> {
    const sync = await this.meta('issuedReportsSync');
    return sync?.scope === scope ? sync.cursor : null;
  }
}
