/**
 * One issued report, read only (#/reports/issued?id=…): its number (or that it is
 * assigned on sync), how it was made (the parameters), the highlights as issued, and the
 * document as issued (the same view as the report screen's preview, so that it prints
 * and exports the same). Every string of the report is rendered as React text.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import { withReportNumber } from '../../../shared/reports/report-document';
import { ReportDocumentView } from '../document/report-document-view';
import { ReportExportBar } from '../export/report-export-bar';
import type { IssuedReport } from '../../store/issued-report-store';
import { hrefFor } from '../../app/hash-route';
import { useServices } from '../../app/services';
import { codelistLabel } from '../../i18n/codelist-label';
import { formatDateTime, t } from '../../i18n/i18n';
import { reportNumberLine } from './issue-report';
import { periodText, SyncState } from './issued-report-parts';

function scopeText(list: readonly string[], label: (code: string) => string): string {
  return list.length === 0 ? t('issued.param.all') : list.map(label).join(', ');
}

/** `actions`: what the app offers for an issued report (exports), placed under its title. */
export function IssuedReportView({ row, actions }: { row: IssuedReport; actions?: ReactNode }) {
  const id = useId();
  const { placesById } = useServices();
  const p = row.parameters;
  const params: [string, string][] = [
    [t('issued.param.period'), periodText(p.period)],
    [t('issued.param.timeZone'), p.timeZone],
    [t('issued.param.classification'), codelistLabel('classification', p.classification)],
    [t('issued.param.paper'), p.paper],
    [t('issued.param.records'), p.includeSubmitted ? t('issued.param.withSubmitted') : t('issued.param.verifiedOnly')],
    [t('issued.param.training'), p.training ? t('issued.param.yes') : t('issued.param.no')],
    [t('issued.param.kinds'), scopeText(p.kinds, (k) => codelistLabel('kind', k as (typeof p.kinds)[number]))],
    [t('issued.param.missions'), scopeText(p.missions, (m) => codelistLabel('mission', m as (typeof p.missions)[number]))],
    // A place this build's gazetteer does not know is shown by its id.
    [t('issued.param.places'), scopeText(p.placeIds, (placeId) => placesById.get(placeId)?.name ?? placeId)],
    [t('issued.column.issuedBy'), `${row.issuedBy} (${row.office})`],
    [t('issued.column.issuedAt'), t('issued.issuedAtClaim', { time: formatDateTime(row.issuedAt) })],
    ...(row.receivedAt === null ? [] : ([[t('issued.param.receivedAt'), formatDateTime(row.receivedAt)]] as [string, string][])),
  ];
  const shown = withReportNumber(row.document, reportNumberLine(row));
  return (
    <article className="issued-report" aria-labelledby={`${id}-title`}>
      <div className="no-print">
      <p>
        <a href={hrefFor('reports/issued')}>{t('issued.back')}</a>
      </p>
      <h1 id={`${id}-title`}>{shown.title}</h1>
      <p className="issued-number" data-testid="issued-number">
        {reportNumberLine(row)}
      </p>
      <p>
        <SyncState row={row} />
      </p>
      {row.refused !== undefined && (
        <p className="field-error" role="alert">
          {t('issued.refusedIntro', { reason: t(`syncError.${row.refused.code}`) })} {t('issued.serverSaid', { message: row.refused.message })}
        </p>
      )}
      {actions ?? (
        <ReportExportBar
          document={shown}
          fileStem={`situation-report-${row.number ?? 'not-numbered'}`}
          copiedMap={null}
          mapElement={() => null}
          about={[
            [t('report.annex.report'), `${shown.title} · ${shown.numberLine ?? ''}`],
            [t('report.annex.classification'), shown.classification],
            ...shown.headerLines.map((line): [string, string] => [t('report.annex.line'), line]),
            [t('report.annex.marks'), t('report.annex.marksText')],
          ]}
        />
      )}
      <h2>{t('issued.parameters')}</h2>
      <dl className="issued-parameters">
        {params.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      </div>
      <ReportDocumentView document={shown} includeSubmitted={p.includeSubmitted} appName={t('app.name')} />
    </article>
  );
}
