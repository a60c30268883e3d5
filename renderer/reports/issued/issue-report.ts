/**
 * Issuing a report, for the report screen's "Issue" button: keep it on this device as
 * issued (waiting to be numbered by the server) and ask the sync service to send it at
 * once when it can. Throws IssueReportError (nothing stored) when it cannot be issued
 * here; see IssuedReportStore.issueReport.
 */
import type { AppServices } from '../../app/services';
import type { IssuedReportRow } from '../../store/database';
import type { IssuedReport } from '../../store/issued-report-store';
import { IssuedReportStore } from '../../store/issued-report-store';
import type { IssueReportInput } from '../../store/issued-report-store';
import { t } from '../../i18n/i18n';

export { IssueReportError } from '../../store/issued-report-store';
import type { IssueReportError } from '../../store/issued-report-store';
export type { IssueReportInput, IssuedReport } from '../../store/issued-report-store';

/** The store of issued reports on the app's database. */
export function issuedReportStore(services: Pick<AppServices, 'store'>): IssuedReportStore {
  return new IssuedReportStore(services.store.db, services.store.cipher);
}

export async function issueReport(services: Pick<AppServices, 'store' | 'sync'>, input: IssueReportInput): Promise<IssuedReport> {
  const row = await issuedReportStore(services).issueReport(input);
  // Counts the report as waiting and starts a round: the number comes back with it.
  void services.sync.noteLocalChange();
  return row;
}

/** Why a report could not be issued, in the user's words (IssueReportError.reason). */
export function issueErrorText(reason: IssueReportError['reason']): string {
  return t(`issued.issueError.${reason}`);
}

/**
 * The number line of a report for withReportNumber (shown and exported): its number, or
 * that the server assigns it on sync. Never a made-up number.
 */
export function reportNumberLine(row: Pick<IssuedReportRow, 'number' | 'refused'>): string {
  if (row.number !== null) return t('issued.numberLine', { number: row.number });
  // A refused report is not sent again, so no number will come.
  return row.refused === undefined ? t('issued.numberPending') : t('issued.numberRefused');
}

/** The number as the list shows it: the number alone, or why there is none. */
export function reportNumberCell(row: Pick<IssuedReportRow, 'number' | 'refused'>): string {
  return row.number ?? reportNumberLine(row);
}
