/** The report before anything is stored: what would be imported, what not, and why, row by row. */
import type { ValidationIssue } from '../../shared/observations/validation-issue';
import { t } from '../i18n/i18n';
import { issueParams, issueText } from '../observations/issue-text';
import type { PlanReport } from './plan-session';

/** Rows listed per table; the rest are counted. */
const SHOWN_ROWS = 200;

interface Props {
  plan: PlanReport;
  /** Ready rows whose records this device holds already. */
  present: number;
}

/**
 * A row's finding in words, as the form says it, except a text over its limit: the
 * form's message asks to shorten it before submitting, while here the row is simply
 * not imported (nothing is submitted, and nothing is cut).
 */
export function rowIssueText(issue: ValidationIssue): string {
  return issue.message === 'validation.tooLong' ? t('import.reason.tooLong', issueParams(issue)) : issueText(issue);
}

function RowTable({ title, testId, rows }: { title: string; testId: string; rows: { number: number; text: string }[] }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th className="num">{t('import.column.row')}</th>
            <th>{t('import.column.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN_ROWS).map((row, i) => (
            <tr key={`${row.number}-${i}`}>
              <td className="num">{row.number}</td>
              <td>{row.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN_ROWS && <p className="muted">{t('import.moreRows', { count: rows.length - SHOWN_ROWS })}</p>}
    </section>
  );
}

export function ImportReport({ plan, present }: Props) {
  const unmatchedRows = plan.unmatchedPlaces.reduce((sum, p) => sum + p.rows, 0);
  const unmatchedNationalityRows = plan.unmatchedNationalities.reduce((sum, n) => sum + n.rows, 0);
  const { warned } = plan;
  const ready = plan.readyIds.length;
  const lines: [string, number, string][] = [
    ['ready', ready - present, t('import.report.ready', { count: ready - present })],
    ['present', present, t('import.report.present', { count: present })],
    ['repeated', plan.repeated.length, t('import.report.repeated', { count: plan.repeated.length })],
    ['skipped', plan.skipped.length, t('import.report.skipped', { count: plan.skipped.length })],
    ['skipped-nationality', plan.skippedNationality.length, t('import.report.skippedNationality', { count: plan.skippedNationality.length })],
    ['rejected', plan.rejected.length, t('import.report.rejected', { count: plan.rejected.length })],
    ['unmatched', unmatchedRows, t('import.report.unmatched', { count: unmatchedRows })],
    ['unmatched-nationality', unmatchedNationalityRows, t('import.report.unmatchedNationality', { count: unmatchedNationalityRows })],
    ['warnings', warned.length, t('import.report.warnings', { count: warned.length })],
  ];
  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{t('import.reportTitle')}</h2>
      <ul data-testid="import-report">
        {lines
          .filter(([key, count]) => key === 'ready' || count > 0)
          .map(([key, , text]) => (
            <li key={key} data-testid={`import-report-${key}`}>
              {text}
            </li>
          ))}
      </ul>
      <RowTable
        title={t('import.rejectedTitle')}
        testId="import-rejected"
        rows={plan.rejected.map((row) => ({ number: row.number, text: row.issues.map(rowIssueText).join(' ') }))}
      />
      <RowTable
        title={t('import.warningsTitle')}
        testId="import-warnings"
        rows={warned.map((row) => ({ number: row.number, text: row.warnings.map(rowIssueText).join(' ') }))}
      />
      <RowTable
        title={t('import.repeatedTitle')}
        testId="import-repeated"
        rows={plan.repeated.map((row) => ({ number: row.number, text: t('import.rowRepeats', { row: row.sameAs }) }))}
      />
    </section>
  );
}
