/**
 * "Issued reports" (#/reports/issued): every report issued on this device or pulled from
 * the server, the latest first, with its number (or "Number assigned on sync": the
 * server numbers a report when it first receives it), period, who issued it for which
 * office, when (by the issuing device's clock), and whether it has synced. With `?id=`
 * it shows that report (issued-report-view.tsx). The list reads the table live, so a
 * number appears as soon as a round brings it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useServices } from '../../app/services';
import { hrefFor } from '../../app/hash-route';
import { formatDateTime, t } from '../../i18n/i18n';
import { useSyncStatus } from '../../sync/use-sync-status';
import { issuedReportStore, reportNumberCell, reportNumberLine } from './issue-report';
import { IssuedReportView } from './issued-report-view';
import { periodText, SyncState } from './issued-report-parts';
import { DamagedCiphertextError } from '../../crypto/record-cipher';
import './issued.css';

export function IssuedReportsScreen({ params, actions }: { params: URLSearchParams; actions?: (id: string) => ReactNode }) {
  const services = useServices();
  const status = useSyncStatus(services.sync);
  const headingId = useId();
  const reportId = params.get('id');
  const rows = useLiveQuery(() => issuedReportStore(services).list(), [services]);
  const opened = useLiveQuery(async () => {
    if (reportId === null) return null;
    try {
      return (await issuedReportStore(services).get(reportId)) ?? null;
    } catch (error) {
      // Its sealed part does not open here: say so, show none of it.
      if (error instanceof DamagedCiphertextError) return 'unreadable' as const;
      throw error;
    }
  }, [services, reportId]);

  if (reportId !== null) {
    return (
      <section className="screen issued-screen">
        {opened === undefined && <p className="muted">{t('issued.loading')}</p>}
        {opened === null && (
          <>
            <p className="notice">{t('issued.notFound')}</p>
            <a href={hrefFor('reports/issued')}>{t('issued.back')}</a>
          </>
        )}
        {opened === 'unreadable' && (
          <>
            <p className="notice" role="alert" data-testid="issued-unreadable">
              {t('issued.unreadable')}
            </p>
            <a href={hrefFor('reports/issued')}>{t('issued.back')}</a>
          </>
        )}
        {opened && opened !== 'unreadable' && <IssuedReportView row={opened} actions={actions?.(opened.id)} />}
      </section>
    );
  }

  return (
    <section className="screen issued-screen" aria-labelledby={headingId}>
      <h1 id={headingId}>{t('issued.title')}</h1>
      <p className="issued-intro">{t('issued.intro')}</p>
      {status.reportsError !== null && (
        <p className="field-error" role="alert" data-testid="issued-sync-error">
          {t('issued.syncError', { reason: t(`syncError.${status.reportsError}`) })}
        </p>
      )}
      {rows === undefined && <p className="muted">{t('issued.loading')}</p>}
      {rows !== undefined && rows.length === 0 && (
        <p className="notice" data-testid="issued-empty">
          {t('issued.empty')}
        </p>
      )}
      {rows !== undefined && rows.length > 0 && (
        <>
          <p className="muted">{t('issued.count', { count: rows.length })}</p>
          <table className="data-table issued-list" data-testid="issued-list">
            <thead>
              <tr>
                <th scope="col">{t('issued.column.number')}</th>
                <th scope="col">{t('issued.column.period')}</th>
                <th scope="col">{t('issued.column.issuedBy')}</th>
                <th scope="col">{t('issued.column.office')}</th>
                <th scope="col">{t('issued.column.issuedAt')}</th>
                <th scope="col">{t('issued.column.sync')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="issued-row">
                  <td>
                    <a
                      href={hrefFor('reports/issued', { id: row.id })}
                      className={row.number === null ? 'issued-pending-number' : 'issued-report-number'}
                      aria-label={t('issued.open', { number: reportNumberLine(row) })}
                    >
                      {reportNumberCell(row)}
                    </a>
                  </td>
                  <td>{periodText(row.parameters.period)}</td>
                  <td>{row.issuedBy}</td>
                  <td>{row.office}</td>
                  <td>{formatDateTime(row.issuedAt)}</td>
                  <td>
                    <SyncState row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
