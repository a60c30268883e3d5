/**
 * "Export…" on the Observations screen: the records the list shows (the shared
 * filter, words included), in a chosen format, with "Include training records" and,
 * for a role that may see some sensitive fields, "Include sensitive fields". The
 * message afterwards says what was written and what was left out.
 */
import { useId, useState } from 'react';
import type { Place } from '../../shared/places/place';
import { mayAskForSensitive } from '../../shared/export/export-selection';
import { useCurrentUserState } from '../app/current-user';
import { useServices } from '../app/services';
import { saveWithDownload } from '../attention/waiting-export';
import type { SaveFile } from '../attention/waiting-export';
import { activeFilters } from '../filter/active-filters';
import type { FilterState } from '../filter/filter-state';
import { useFilter } from '../filter/filter-state';
import { t } from '../i18n/i18n';
import { EXPORT_FORMATS, exportObservations, leftOutLines } from './export-observations';
import type { ExportFormat, ExportOutcome } from './export-observations';
import './export-control.css';

interface ExportControlProps {
  /** How many records the list shows. */
  count: number;
  /** Their ids, in the list's order (called when the person exports, not on every render). */
  ids: () => readonly string[];
  /** True while the list is still searching the summaries: its rows are not final. */
  busy?: boolean;
  save?: SaveFile;
}

/** The filter in words: the period, then each narrowing choice (as the chips say it), or "every …". */
export function filterLines(filter: FilterState, placesById: ReadonlyMap<string, Place>): string[] {
  const active = activeFilters(filter, placesById).map((item) => item.label);
  return [t('dataExport.filter.period', { from: filter.fromDate, to: filter.toDate }), ...(active.length > 0 ? active : [t('filter.noneActive')])];
}

type Result = { kind: 'saved'; outcome: ExportOutcome } | { kind: 'failed'; message: string };

export function ExportControl({ count, ids, busy = false, save = saveWithDownload }: ExportControlProps) {
  const { store, placesById } = useServices();
  const { filter } = useFilter();
  const { loaded, user } = useCurrentUserState();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [includeTraining, setIncludeTraining] = useState(false);
  const [includeSensitive, setIncludeSensitive] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const id = useId();
  const maySensitive = mayAskForSensitive(user);

  async function run() {
    setRunning(true);
    setResult(null);
    try {
      const outcome = await exportObservations(
        {
          format,
          ids: ids(),
          request: { user, includeSensitive: includeSensitive && maySensitive, includeTraining },
          placesById,
          filterLines: filterLines(filter, placesById),
          asOf: new Date(),
        },
        (chunk) => store.getObservations(chunk),
        save,
      );
      setResult({ kind: 'saved', outcome });
    } catch (error) {
      setResult({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="export-control">
      <button type="button" className="secondary" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {t('dataExport.open')}
      </button>
      {open && (
        <section className="export-panel" id={`${id}-panel`} aria-labelledby={`${id}-title`} data-testid="export-panel">
          <h2 id={`${id}-title`}>{t('dataExport.title')}</h2>
          <p className="muted">{t('dataExport.scope', { count })}</p>
          {/* The choices wait for the user: whether to offer sensitive fields depends on the role. */}
          {!loaded ? (
            <p>{t('common.loading')}</p>
          ) : (
            <>
              <fieldset className="export-formats">
                <legend>{t('dataExport.format')}</legend>
                {EXPORT_FORMATS.map((value) => (
                  <label key={value} className="export-option">
                    <input type="radio" name={`${id}-format`} value={value} checked={format === value} onChange={() => setFormat(value)} />
                    {t(`dataExport.format.${value}`)}
                  </label>
                ))}
              </fieldset>
              <label className="export-option">
                <input type="checkbox" checked={includeTraining} onChange={(e) => setIncludeTraining(e.target.checked)} />
                {t('dataExport.includeTraining')}
              </label>
              {maySensitive && (
                <label className="export-option">
                  <input type="checkbox" checked={includeSensitive} onChange={(e) => setIncludeSensitive(e.target.checked)} />
                  {t('dataExport.includeSensitive')}
                </label>
              )}
              <div className="export-actions">
                <button type="button" className="primary" onClick={() => void run()} disabled={running || busy || count === 0}>
                  {running ? t('dataExport.working') : t('dataExport.run')}
                </button>
                <button type="button" className="link-button" onClick={() => setOpen(false)}>
                  {t('dataExport.close')}
                </button>
                {count === 0 && <span className="muted small">{t('dataExport.nothingShown')}</span>}
                {busy && count > 0 && <span className="muted small">{t('dataExport.waitSearch')}</span>}
              </div>
              <ExportResult result={result} />
            </>
          )}
        </section>
      )}
    </div>
  );
}

function ExportResult({ result }: { result: Result | null }) {
  if (result === null) return <div role="status" className="export-result" />;
  if (result.kind === 'failed') {
    return (
      <p role="alert" className="field-error">
        {t('dataExport.failed', { message: result.message })}
      </p>
    );
  }
  const { outcome } = result;
  const left = leftOutLines(outcome);
  const keptWithoutLocation = (outcome.format === 'csv' || outcome.format === 'xlsx') && outcome.withoutLocation > 0;
  return (
    <div role="status" className="export-result notice" data-testid="export-result">
      <p>
        {t('dataExport.saved', { file: outcome.fileName, count: outcome.rows })}
        {outcome.format === 'hxl' && ` ${t('dataExport.hxlSummed', { count: outcome.summed ?? 0 })}`}
      </p>
      {left.length === 0 ? (
        <p>{t('dataExport.leftOut.nothing')}</p>
      ) : (
        <>
          <p>{t('dataExport.leftOut')}</p>
          <ul>
            {left.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {keptWithoutLocation && <p>{t('dataExport.withoutLocationKept', { count: outcome.withoutLocation })}</p>}
      {outcome.format === 'hxl' && (
        <details>
          <summary>{t('dataExport.hxlNotes')}</summary>
          <ul>
            <li>{t('dataExport.hxlNote.rows')}</li>
            <li>{t('dataExport.hxlNote.places')}</li>
            <li>{t('dataExport.hxlNote.split')}</li>
            <li>{t('dataExport.hxlNote.notDisaggregated')}</li>
            <li>{t('dataExport.hxlNote.empty')}</li>
          </ul>
        </details>
      )}
    </div>
  );
}
