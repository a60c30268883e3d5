/** What the list and the view of issued reports both show: the period, and where a report stands with the server. */
import type { IssuedReportParameters } from '../../../shared/reports/issued-report';
import type { IssuedReportRow } from '../../store/database';
import { formatDate, t } from '../../i18n/i18n';

/** A period's local days, at noon UTC so that no time zone moves them to the day before. */
export function periodText(period: IssuedReportParameters['period']): string {
  return t('issued.period', { from: formatDate(`${period.from}T12:00:00Z`), to: formatDate(`${period.to}T12:00:00Z`) });
}

export function SyncState({ row }: { row: Pick<IssuedReportRow, 'pending' | 'refused'> }) {
  if (row.refused !== undefined) return <span className="issued-state issued-state-refused">{t('issued.refused')}</span>;
  if (row.pending === 1) return <span className="issued-state issued-state-waiting">{t('issued.waiting')}</span>;
  return <span className="issued-state issued-state-synced">{t('issued.synced')}</span>;
}
