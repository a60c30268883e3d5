/**
 * Import (`#/import`): pick a file → its encoding and delimiter, detected and
 * changeable, with a preview → which column holds what → places the gazetteer did not
 * match → the report, before anything is stored → "Import N records", with progress
 * and Cancel → what happened. Records are written as the current user through the
 * store's writer, with their outbox rows, so they sync like any other.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { DEFAULT_IMPORT_DEFAULTS, guessColumns } from '../../shared/import/import-fields';
import type { ImportMapping } from '../../shared/import/import-fields';
import { officeCodeSchema } from '../../shared/observations/observation-schema';
import { useCurrentUserState } from '../app/current-user';
import { hrefFor } from '../app/hash-route';
import { useServices } from '../app/services';
import { formatNumber, t } from '../i18n/i18n';
import { IMPORT_ENCODINGS } from './detect-encoding';
import type { ImportEncoding } from './detect-encoding';
import { ImportReport } from './import-report';
import { readSource, withCsvChoice } from './import-source';
import type { ImportSource, SourceRefusal } from './import-source';
import { createImportPlanner, PlanCancelledError } from './import-planner';
import type { ImportPlanner } from './import-planner';
import { DELIMITERS } from './parse-csv';
import type { Delimiter } from './parse-csv';
import type { PlanReport } from './plan-session';
import { runImport } from './run-import';
import type { ImportOutcome } from './run-import';
import { UnmatchedNationalities } from './unmatched-nationalities';
import { UnmatchedPlaces } from './unmatched-places';
import { MappingPanel } from './mapping-panel';
import './import-screen.css';

const DELIMITER_LABEL: Readonly<Record<Delimiter, Parameters<typeof t>[0]>> = {
  ',': 'import.delimiter.comma',
  ';': 'import.delimiter.semicolon',
  '\t': 'import.delimiter.tab',
};

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking'; percent: number }
  | { kind: 'checked'; report: PlanReport; held: ReadonlySet<string> }
  | { kind: 'importing'; done: number; total: number }
  | { kind: 'done'; outcome: ImportOutcome };

function emptyMapping(columns: readonly string[]): ImportMapping {
  return { columns: guessColumns(columns), defaults: { ...DEFAULT_IMPORT_DEFAULTS }, places: {}, nationalities: {} };
}

function Preview({ source }: { source: ImportSource }) {
  const columns = source.kind === 'csv' ? source.head.columns : source.columns;
  const rows = source.kind === 'csv' ? source.head.rows : source.rows.slice(0, 10).map((row) => [...source.columns.map((c) => (Object.hasOwn(row.cells, c) ? (row.cells[c] ?? '') : '')), row.point ? `${row.point.lat}, ${row.point.lon}` : '']);
  const headers = source.kind === 'csv' ? columns : [...columns, t('import.previewCoordinates')];
  return (
    <section aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">{t('import.preview')}</h2>
      <div className="import-preview">
        <table className="data-table" data-testid="import-preview">
          <thead>
            <tr>
              {headers.map((name, i) => (
                <th key={`${name}-${i}`}>{name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, r) => (
              <tr key={r}>
                {headers.map((_, c) => (
                  <td key={c}>{cells[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ImportScreen() {
  const { store, places } = useServices();
  const userState = useCurrentUserState();
  const [typedName, setTypedName] = useState('');
  const [typedOffice, setTypedOffice] = useState('');
  const [source, setSource] = useState<ImportSource | null>(null);
  const [refusal, setRefusal] = useState<SourceRefusal | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // The worker that reads and judges the rows (import-planner.ts); it holds the checked
  // file until another is checked, and goes with the screen.
  const planner = useRef<ImportPlanner | null>(null);
  const plannerOf = (): ImportPlanner => (planner.current ??= createImportPlanner());
  useEffect(() => () => planner.current?.cancel(), []);
  const id = useId();

  const user = userState.user;
  const who = user ? { author: user.name, office: user.office } : { author: typedName.trim(), office: typedOffice.trim() };
  const officeValid = officeCodeSchema.safeParse(who.office).success;
  const busy = phase.kind === 'checking' || phase.kind === 'importing';

  const reset = (next: Phase = { kind: 'idle' }) => {
    setPhase(next);
    setFailure(null);
    setNotice(null);
  };

  async function pick(file: File | undefined) {
    setSource(null);
    setMapping(null);
    setRefusal(null);
    reset();
    if (!file) return;
    setReading(file.name);
    try {
      const read = await readSource(file);
      if ('refused' in read) setRefusal(read.refused);
      else {
        setSource(read);
        setMapping(emptyMapping(read.kind === 'csv' ? read.head.columns : read.columns));
      }
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setReading(null);
    }
  }

  function choose(choice: { encoding?: ImportEncoding; delimiter?: Delimiter }) {
    if (source?.kind !== 'csv') return;
    const next = withCsvChoice(source, choice);
    setSource(next);
    setMapping(emptyMapping(next.head.columns));
    reset();
  }

  function changeMapping(next: ImportMapping) {
    setMapping(next);
    if (phase.kind === 'checked') reset();
  }

  const showChecking = (percent: number) => setPhase({ kind: 'checking', percent });

  /** The report of a plan, with the ids this device holds already. */
  async function showReport(report: PlanReport) {
    const held = await store.heldIds(report.readyIds);
    setPhase({ kind: 'checked', report, held });
  }

  function stopped(error: unknown) {
    setPhase({ kind: 'idle' });
    if (error instanceof PlanCancelledError) setNotice(t('import.cancelled'));
    else setFailure(error instanceof Error ? error.message : String(error));
  }

  async function check() {
    if (!source || !mapping) return;
    reset({ kind: 'checking', percent: 0 });
    try {
      if (user === null) await store.setMeta('profile', { ...((await store.getMeta('profile')) ?? {}), author: who.author, office: who.office });
      const from = source.kind === 'geojson' ? ({ kind: 'rows', rows: source.rows } as const) : ({ kind: 'csv', text: source.text, delimiter: source.head.delimiter } as const);
      await showReport(await plannerOf().plan(from, mapping, who.office, places, showChecking));
    } catch (error) {
      stopped(error);
    }
  }

  /** Check the same rows again with the user's answers for unmatched place names or nationality words. */
  async function settle(answers: Pick<ImportMapping, 'places' | 'nationalities'>) {
    if (!mapping || phase.kind !== 'checked') return;
    const next = { ...mapping, places: { ...mapping.places, ...answers.places }, nationalities: { ...mapping.nationalities, ...answers.nationalities } };
    setMapping(next);
    reset({ kind: 'checking', percent: 0 });
    try {
      await showReport(await plannerOf().replan(next, showChecking));
    } catch (error) {
      stopped(error);
    }
  }

  async function commit() {
    if (phase.kind !== 'checked') return;
    const { report, held } = phase;
    const controller = new AbortController();
    abort.current = controller;
    const total = report.readyIds.length;
    setPhase({ kind: 'importing', done: 0, total: total - held.size });
    const active = plannerOf();
    try {
      const outcome = await runImport(store, { total, batch: (start, size) => active.batch(start, size) }, who, {
        held,
        signal: controller.signal,
        onProgress: (done, toWrite) => setPhase({ kind: 'importing', done, total: toWrite }),
      });
      setPhase({ kind: 'done', outcome });
    } catch (error) {
      setPhase({ kind: 'idle' });
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      abort.current = null;
    }
  }

  function startOver() {
    setSource(null);
    setMapping(null);
    setRefusal(null);
    reset();
    if (fileInput.current) fileInput.current.value = '';
  }

  const checked = phase.kind === 'checked' ? phase : null;
  const toImport = checked ? checked.report.readyIds.length - checked.held.size : 0;

  return (
    <section className="import-screen" aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>

      {userState.loaded && user !== null && (
        <p data-testid="import-identity">{t('import.identity', { name: user.name, office: user.office })}</p>
      )}
      {userState.loaded && user === null && (
        <fieldset className="import-identity">
          <p>{t('import.noIdentity')}</p>
          <div className="import-field">
            <label htmlFor={`${id}-author`}>{t('import.author')}</label>
            <input id={`${id}-author`} type="text" maxLength={120} value={typedName} onChange={(e) => setTypedName(e.target.value)} />
          </div>
          <div className="import-field">
            <label htmlFor={`${id}-office`}>{t('import.office')}</label>
            <input id={`${id}-office`} type="text" maxLength={13} value={typedOffice} onChange={(e) => setTypedOffice(e.target.value.toUpperCase())} />
          </div>
          {typedOffice !== '' && !officeValid && <p className="form-error">{t('import.officeInvalid')}</p>}
        </fieldset>
      )}

      <div className="import-field import-file">
        <label htmlFor={`${id}-file`}>{t('import.file')}</label>
        <input id={`${id}-file`} ref={fileInput} type="file" accept=".csv,.txt,.tsv,.geojson,.json,text/csv,application/geo+json,application/json" disabled={busy} onChange={(e) => void pick(e.target.files?.[0])} />
      </div>
      {reading !== null && <p role="status">{t('import.reading', { name: reading })}</p>}
      {refusal !== null && (
        <p className="form-error" role="alert" data-testid="import-refused">
          {t(refusal)}
        </p>
      )}
      {failure !== null && (
        <p className="form-error" role="alert">
          {t('import.failed', { message: failure })}
        </p>
      )}
      {notice !== null && <p role="status" className="notice">{notice}</p>}

      {source && mapping && phase.kind !== 'done' && (
        <>
          <p className="muted">{t('import.fileSummary', { name: source.name, size: `${formatNumber(Math.ceil(source.size / 1024))} KB` })}</p>
          {source.kind === 'csv' ? (
            <div className="import-grid" data-testid="import-format">
              <div className="import-field">
                <label htmlFor={`${id}-encoding`}>{t('import.encoding')}</label>
                <select id={`${id}-encoding`} value={source.encoding} disabled={busy} onChange={(e) => choose({ encoding: e.target.value as ImportEncoding })}>
                  {IMPORT_ENCODINGS.map((encoding) => (
                    <option key={encoding} value={encoding}>
                      {encoding}
                    </option>
                  ))}
                </select>
              </div>
              <div className="import-field">
                <label htmlFor={`${id}-delimiter`}>{t('import.delimiter')}</label>
                <select id={`${id}-delimiter`} value={source.head.delimiter} disabled={busy} onChange={(e) => choose({ delimiter: e.target.value as Delimiter })}>
                  {DELIMITERS.map((delimiter) => (
                    <option key={delimiter} value={delimiter}>
                      {t(DELIMITER_LABEL[delimiter])}
                    </option>
                  ))}
                </select>
              </div>
              <p className="muted small" data-testid="import-detected">
                {t('import.encodingDetected', { encoding: source.detected.encoding, bom: source.detected.bom ? t('import.withBom') : '' })}
              </p>
            </div>
          ) : (
            <p data-testid="import-format">{t('import.geojsonSummary', { count: source.rows.length + source.rejected.length })}</p>
          )}
          <Preview source={source} />
          <MappingPanel columns={source.kind === 'csv' ? source.head.columns : source.columns} mapping={mapping} pointsGiven={source.kind === 'geojson'} disabled={busy} onChange={changeMapping} />
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy || who.author === '' || !officeValid} onClick={() => void check()}>
              {t('import.check')}
            </button>
          </div>
        </>
      )}

      {phase.kind === 'checking' && (
        <div className="import-progress" role="status">
          <progress max={100} value={phase.percent} aria-label={t('import.checking', { percent: phase.percent })} /> <span>{t('import.checking', { percent: phase.percent })}</span>{' '}
          <button type="button" onClick={() => planner.current?.cancel()}>
            {t('import.cancel')}
          </button>
          <p className="muted small">{t('import.checkingNote')}</p>
        </div>
      )}

      {checked && (
        <>
          {checked.report.unmatchedPlaces.length > 0 && <UnmatchedPlaces names={checked.report.unmatchedPlaces} places={places} onApply={(chosen) => void settle({ places: chosen })} />}
          {checked.report.unmatchedNationalities.length > 0 && <UnmatchedNationalities names={checked.report.unmatchedNationalities} onApply={(chosen) => void settle({ places: {}, nationalities: chosen })} />}
          <ImportReport plan={source?.kind === 'geojson' ? { ...checked.report, rejected: [...source.rejected, ...checked.report.rejected].sort((a, b) => a.number - b.number) } : checked.report} present={checked.held.size} />
          <div className="form-actions">
            {toImport > 0 ? (
              <button type="button" className="primary" onClick={() => void commit()}>
                {t('import.importN', { count: toImport })}
              </button>
            ) : (
              <p data-testid="import-nothing">{t('import.nothingToImport')}</p>
            )}
          </div>
        </>
      )}

      {phase.kind === 'importing' && (
        <div className="import-progress" role="status">
          <progress max={Math.max(1, phase.total)} value={phase.done} aria-label={t('import.importing', { done: phase.done, total: phase.total })} />{' '}
          <span>{t('import.importing', { done: phase.done, total: phase.total })}</span>{' '}
          <button type="button" onClick={() => abort.current?.abort(new Error('cancelled'))}>
            {t('import.cancel')}
          </button>
          <p className="muted small">{t('import.importingNote')}</p>
        </div>
      )}

      {phase.kind === 'done' && (
        <div className="notice" role="status" data-testid="import-outcome">
          <p>{t('import.done', { count: phase.outcome.added })}</p>
          {phase.outcome.present > 0 && <p>{t('import.donePresent', { count: phase.outcome.present })}</p>}
          {phase.outcome.cancelled && <p>{t('import.doneCancelled')}</p>}
          {phase.outcome.added > 0 && <p>{t('import.doneSync')}</p>}
          <p>
            <a href={hrefFor('observations')}>{t('import.showList')}</a>{' '}
            <button type="button" onClick={startOver}>
              {t('import.again')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
