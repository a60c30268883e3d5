import { formatNumber, t } from '../i18n/i18n';
import type { ReportState } from './compute/use-report-figures';

/** How far the report's computation got, or why it failed; the preview stays usable meanwhile. */
export function ReportProgress({ state }: { state: ReportState | null }) {
  if (state === null) return null;
  if (state.status === 'failed')
    return (
      <p role="alert" className="report-progress">
        {t('report.progress.failed', { reason: state.message })}
      </p>
    );
  if (state.status === 'ready')
    return (
      <p className="report-progress" data-testid="report-ready" data-records={state.records}>
        {t('report.progress.ready', { count: state.records, seconds: (state.millis / 1000).toFixed(1) })}
      </p>
    );
  return (
    <p className="report-progress" role="status" data-testid="report-computing">
      <label>
        {state.phase === 'reading' ? t('report.progress.reading') : t('report.progress.computing', { count: formatNumber(state.total) })}{' '}
        <progress value={state.phase === 'reading' ? state.done : undefined} max={state.total} />
      </label>
    </p>
  );
}
