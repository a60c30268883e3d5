import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CLASSIFICATIONS } from '../../shared/observations/codelists';
import type { Classification } from '../../shared/observations/codelists';
import type { PlaceFacts } from '../../shared/reports/movements';
import { reportWindow } from '../../shared/reports/report-window';
import { PAPER_SIZES } from '../../shared/reports/pdf-page';
import type { PaperSize } from '../../shared/reports/pdf-page';
import { useServices } from '../app/services';
import { toIndexFilter, useFilter } from '../filter/filter-state';
import type { TranslationKey } from '../i18n/i18n';
import { formatDateTime, t } from '../i18n/i18n';
import type { ReportFigures } from './compute/report-job';
import { useReportFigures } from './compute/use-report-figures';
import { buildReportDocument } from './document/build-report-document';
import { highlightSentence } from './document/highlight-sentences';
import { officialTable, PRINTED_OFFICIAL_ROWS } from './document/official-document';
import { ReportProgress } from './report-progress';
import { ReportDocumentView } from './document/report-document-view';
import { ReportExportBar } from './export/report-export-bar';
import { HighlightsEditor } from './highlights-editor';
import { IssueReportButton } from './issue-report-button';
import { describeFilter } from './report-filter';
import { useReportMapImage } from './report-map-image';
import { reportMapPoints } from './report-map-points';
import { ReportMapSection } from './report-map-section';
import './report.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The office's time zone: the period is in its local days, and so are the figures by day. */
function officeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The situation report: the analyst's controls (period, what counts, classification,
 * paper, highlights, exports), then the report itself as one document
 * (document/build-report-document.ts), the same one the PDF prints and the DOCX writes.
 * It follows the shared filter (period, missions, places, kinds; `#/report?from=…&to=…`
 * sets the period) and names it; its figures are shared/reports' measures: verified
 * records only unless submitted ones are included (every figure including one is
 * marked), never deleted records, and training records only in a training report.
 */
export function ReportScreen({ params }: { params: URLSearchParams }) {
  const { store, places, placesById } = useServices();
  const { filter, setFilter } = useFilter();
  const id = useId();
  const [office, setOffice] = useState<string>('');
  const [paper, setPaper] = useState<PaperSize>('A4');
  const [classification, setClassification] = useState<Classification>('internal');
  const [includeSubmitted, setIncludeSubmitted] = useState(false);
  const [training, setTraining] = useState(false);
  const [highlights, setHighlights] = useState<string[]>([]);
  const [highlightsEdited, setHighlightsEdited] = useState(false);
  const [asOf] = useState(() => new Date());
  const mapHolder = useRef<HTMLDivElement>(null);
  const copiedMap = useReportMapImage();
  const classificationLabel = t(`codelist.classification.${classification}` as TranslationKey).toLocaleUpperCase();

  // A link to the report with a period sets the shared filter's period.
  const fromParam = params.get('from');
  const toParam = params.get('to');
  useEffect(() => {
    if (fromParam !== null && toParam !== null && DATE.test(fromParam) && DATE.test(toParam)) setFilter({ fromDate: fromParam, toDate: toParam });
  }, [fromParam, toParam, setFilter]);

  useEffect(() => {
    void Promise.all([store.getMeta('enrolment'), store.getMeta('profile')]).then(([enrolment, profile]) => {
      setOffice(enrolment?.office ?? profile?.office ?? '');
    });
  }, [store]);

  const period = toIndexFilter(filter);
  const placeFacts = useMemo(() => [...placesById].map(([placeId, place]): [string, PlaceFacts] => [placeId, { kind: place.kind, country: place.country }]), [placesById]);
  const timeZone = officeTimeZone();
  const windowed = useMemo(() => {
    if (!period) return null;
    try {
      return { load: reportWindow(period, timeZone).load, error: null };
    } catch (error) {
      // A period over ten years: refused before anything is read.
      return { load: null, error: error instanceof RangeError ? t('report.periodTooLong') : String(error) };
    }
  }, [period?.from, period?.to, timeZone]);
  const job = useMemo(
    () =>
      period && windowed?.load
        ? {
            period,
            load: windowed.load,
            includeSubmitted,
            training,
            timeZone,
            // The device holds a sensitive field only when the user's role may see it.
            showSourceNames: true,
            scope: { kinds: filter.kinds, missions: filter.missions, placeIds: filter.placeIds },
            places: placeFacts,
          }
        : null,
    [period?.from, period?.to, windowed, timeZone, includeSubmitted, training, filter.kinds, filter.missions, filter.placeIds, placeFacts],
  );
  const state = useReportFigures(store, job);
  // The last figures computed stay on screen, marked as out of date, while the next ones
  // are computed; nothing can be exported or issued until the figures match the choices.
  const lastReady = useRef<ReportFigures | null>(null);
  if (state?.status === 'ready') lastReady.current = state.figures;
  const figures = lastReady.current;
  const current = state?.status === 'ready';
  // The highlights start as sentences written from the figures; once the analyst edits
  // them, new figures no longer replace them (until "Write again from the figures").
  const generated = useMemo(() => (figures ? figures.highlights.map((h) => highlightSentence(h, { placesById })) : []), [figures, placesById]);
  useEffect(() => {
    if (!highlightsEdited) setHighlights(generated);
  }, [generated, highlightsEdited]);
  const mapPoints = useMemo(() => reportMapPoints(figures?.mapGroups ?? [], placesById), [figures, placesById]);
  const filterText = describeFilter(filter, placesById);

  const document = useMemo(
    () =>
      figures && period
        ? buildReportDocument(figures, {
            placesById,
            includeSubmitted,
            filterText,
            period,
            fromDate: filter.fromDate,
            toDate: filter.toDate,
            timeZone,
            asOf,
            office,
            classification: classificationLabel,
            paper,
            training,
            highlights,
          })
        : null,
    [figures, period?.from, period?.to, placesById, includeSubmitted, filterText, filter.fromDate, filter.toDate, timeZone, asOf, office, classificationLabel, paper, training, highlights],
  );

  const changeHighlights = useCallback((next: string[]) => {
    setHighlights(next);
    setHighlightsEdited(true);
  }, []);
  const regenerate = useCallback(() => {
    setHighlights(generated);
    setHighlightsEdited(false);
  }, [generated]);

  // Every official figure, for the spreadsheet only (the printed annex lists the latest).
  const spreadsheetOnly = useMemo(
    () => (figures && figures.measures.official.length > PRINTED_OFFICIAL_ROWS ? [officialTable(figures.measures.official, { placesById, includeSubmitted, filterText }, 'all')] : []),
    [figures, placesById, includeSubmitted, filterText],
  );
  const fileStem = `situation-report-draft-${filter.fromDate}-${filter.toDate}`;
  const about: [string, string][] = document
    ? [
        [t('report.annex.report'), `${document.title} · ${document.numberLine ?? ''}`],
        [t('report.annex.classification'), document.classification],
        ...document.headerLines.map((line): [string, string] => [t('report.annex.line'), line]),
        [t('report.annex.asOf'), formatDateTime(asOf.toISOString())],
        [t('report.annex.marks'), t('report.annex.marksText')],
      ]
    : [];

  return (
    <section className="screen report-screen" aria-labelledby={`${id}-title`}>
      <div className="report-controls no-print">
        <h1 id={`${id}-title`}>{t('report.title')}</h1>
        <fieldset className="inline-fields">
          <legend>{t('report.period')}</legend>
          <label>
            {t('report.from')} <input type="date" value={filter.fromDate} onChange={(e) => setFilter({ fromDate: e.target.value })} />
          </label>
          <label>
            {t('report.to')} <input type="date" value={filter.toDate} onChange={(e) => setFilter({ toDate: e.target.value })} />
          </label>
        </fieldset>
        <label className="report-include-submitted">
          <input type="checkbox" checked={includeSubmitted} onChange={(e) => setIncludeSubmitted(e.target.checked)} /> {t('report.includeSubmitted')}
        </label>
        <label className="report-include-submitted">
          <input type="checkbox" checked={training} onChange={(e) => setTraining(e.target.checked)} /> {t('report.trainingReport')}
        </label>
        <label>
          {t('report.classification')}{' '}
          <select value={classification} onChange={(e) => setClassification(e.target.value as Classification)}>
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {t(`codelist.classification.${c}` as TranslationKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('report.paper')}{' '}
          <select value={paper} onChange={(e) => setPaper(e.target.value as PaperSize)}>
            {PAPER_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <p className="report-filter-note">
          {t('report.filter.ignored')} <a href="#/observations">{t('report.changeFilter')}</a>
        </p>
        <HighlightsEditor highlights={highlights} onChange={changeHighlights} onRegenerate={regenerate} edited={highlightsEdited} />
        {windowed?.error ? (
          <p role="alert" className="report-progress">
            {windowed.error}
          </p>
        ) : (
          <ReportProgress state={state} />
        )}
        <IssueReportButton
          document={current ? document : null}
          parameters={{
            period: { from: filter.fromDate, to: filter.toDate },
            kinds: filter.kinds,
            missions: filter.missions,
            placeIds: filter.placeIds,
            includeSubmitted,
            training,
            classification,
            paper,
            timeZone,
          }}
          highlights={highlights}
          copiedMap={copiedMap}
          mapElement={() => mapHolder.current?.querySelector<HTMLElement>('.rw-map') ?? null}
        />
        <ReportExportBar document={current ? document : null} fileStem={fileStem} copiedMap={copiedMap} mapElement={() => mapHolder.current?.querySelector<HTMLElement>('.rw-map') ?? null} about={about} spreadsheetOnly={spreadsheetOnly} />
      </div>
      {document === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <ReportDocumentView
          document={document}
          stale={!current}
          includeSubmitted={includeSubmitted}
          appName={t('app.name')}
          slots={{
            map: (
              <div ref={mapHolder}>
                <ReportMapSection places={places} points={mapPoints} />
              </div>
            ),
          }}
        />
      )}
    </section>
  );
}
