import { useState } from 'react';
import type { IssuedReportParameters } from '../../shared/reports/issued-report';
import type { ReportDocument } from '../../shared/reports/report-document';
import { hrefFor } from '../app/hash-route';
import { useServices } from '../app/services';
import { t } from '../i18n/i18n';
import { documentWithPictures } from './export/report-pictures';
import { mapWords } from './export/report-export-bar';
import { IssueReportError, issueErrorText, issueReport } from './issued/issue-report';
import type { ReportMapImage } from './report-map-image';

type Outcome = { kind: 'issued'; id: string } | { kind: 'failed'; text: string } | null;

/**
 * "Issue report…": after the analyst confirms, the report as previewed (its highlights
 * as edited, the map and chart as pictures) is kept on this device as issued and sent
 * to the server, which numbers it. The message says so; it never shows a number the
 * server has not given.
 */
export function IssueReportButton({
  document,
  parameters,
  highlights,
  copiedMap,
  mapElement,
}: {
  document: ReportDocument | null;
  parameters: IssuedReportParameters;
  highlights: readonly string[];
  copiedMap: ReportMapImage | null;
  mapElement: () => HTMLElement | null;
}) {
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function issue() {
    if (document === null || !window.confirm(t('report.issue.confirm'))) return;
    setBusy(true);
    setOutcome(null);
    try {
      // The draft's number line is not kept: the server's number replaces it when it comes.
      const { numberLine: _draft, ...withoutNumber } = await documentWithPictures(document, copiedMap, mapElement(), mapWords(copiedMap));
      const kept = highlights.map((h) => h.trim()).filter((h) => h !== '');
      const row = await issueReport(services, { parameters, highlights: kept, document: withoutNumber });
      setOutcome({ kind: 'issued', id: row.id });
    } catch (error) {
      setOutcome({ kind: 'failed', text: error instanceof IssueReportError ? issueErrorText(error.reason) : t('report.export.failed', { reason: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="report-issue">
      <button type="button" className="primary" disabled={document === null || busy} onClick={() => void issue()}>
        {t('report.issue.button')}
      </button>
      {outcome?.kind === 'issued' && (
        <p role="status" data-testid="report-issued">
          {t('report.issue.done')} <a href={hrefFor('reports/issued', { id: outcome.id })}>{t('report.issue.open')}</a>
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p role="alert" className="field-error">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
