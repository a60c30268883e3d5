import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useState } from 'react';
import { measuresOf } from '../../shared/reports/measures';
import { PAPER_SIZES } from '../../shared/reports/pdf-page';
import type { PaperSize } from '../../shared/reports/pdf-page';
import { CLASSIFICATIONS } from '../../shared/observations/codelists';
import type { Classification } from '../../shared/observations/codelists';
import type { TranslationKey } from '../i18n/i18n';
import { useServices } from '../app/services';
import { toIndexFilter, useFilter } from '../filter/filter-state';
import { formatDate, t } from '../i18n/i18n';
import { IncidentsSection } from './incidents-section';
import { MovementsSection } from './movements-section';
import { OfficialSection } from './official-section';
import { PresenceSection } from './presence-section';
import { describeFilter } from './report-filter';
import { ReportMapSection } from './report-map-section';
import { reportMapPoints } from './report-map-points';
import './report.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The office's time zone: the period is in its local days, and so are the figures by day. */
function officeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The situation report, laid out for print: the same page is what Electron's PDF printer
 * and the browser's "Save as PDF" turn into the PDF. It follows the shared filter (period,
 * missions, places, kinds; `#/report?from=…&to=…` sets the period) and names it; its
 * figures are the measures of shared/reports/measures.ts: verified records only unless
 * the analyst includes submitted ones (then every figure including one is marked), never
 * deleted or training records.
 */
export function ReportScreen({ params }: { params: URLSearchParams }) {
  const { store, platform, places, placesById } = useServices();
  const { filter, setFilter } = useFilter();
  const id = useId();
  const [office, setOffice] = useState<string>('');
  const [exportMessage, setExportMessage] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperSize>('A4');
  const [classification, setClassification] = useState<Classification>('internal');
  const classificationLabel = t(`codelist.classification.${classification}` as TranslationKey).toLocaleUpperCase();
  const [includeSubmitted, setIncludeSubmitted] = useState(false);

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
  const records = useLiveQuery(
    () => (period ? store.observationsBetween(period.from, period.to) : Promise.resolve([])),
    [store, period?.from, period?.to],
  );
  const measures = useMemo(
    () =>
      period && records
        ? measuresOf(records, period, {
            includeSubmitted,
            training: false,
            timeZone: officeTimeZone(),
            places: placesById,
            // The device holds a sensitive field only when the user's role may see it.
            showSourceNames: true,
            scope: { kinds: filter.kinds, missions: filter.missions, placeIds: filter.placeIds },
          })
        : null,
    [records, period?.from, period?.to, includeSubmitted, placesById, filter.kinds, filter.missions, filter.placeIds],
  );
  const counted = useMemo(() => {
    if (!records || !measures) return [];
    const ids = new Set(measures.recordIds);
    return records.filter((r) => ids.has(r.id));
  }, [records, measures]);
  const mapPoints = useMemo(() => reportMapPoints(counted, placesById), [counted, placesById]);
  const filterText = describeFilter(filter, placesById);

  async function exportPdf() {
    setExportMessage(null);
    const outcome = await platform.saveReportPdf({
      suggestedName: `situation-report-${filter.fromDate}-${filter.toDate}.pdf`,
      paper,
      text: { classification: classificationLabel, title: t('report.heading', { number }), pageOf: t('report.pageOf') },
    });
    setExportMessage(t(outcome === 'saved' ? 'report.pdfSaved' : outcome === 'cancelled' ? 'report.pdfCancelled' : 'report.pdfPrintDialog'));
  }

  const number = `${office || 'RW'}-${filter.toDate.replaceAll('-', '')}`;
  return (
    <section className="screen report-screen" aria-labelledby={`${id}-title`}>
      <div className="report-controls no-print">
        <h1 id={`${id}-title`}>{t('report.title')}</h1>
        <fieldset className="inline-fields">
          <legend>{t('report.period')}</legend>
          <label>
            {t('report.from')}{' '}
            <input type="date" value={filter.fromDate} onChange={(e) => setFilter({ fromDate: e.target.value })} />
          </label>
          <label>
            {t('report.to')}{' '}
            <input type="date" value={filter.toDate} onChange={(e) => setFilter({ toDate: e.target.value })} />
          </label>
        </fieldset>
        <label className="report-include-submitted">
          <input type="checkbox" checked={includeSubmitted} onChange={(e) => setIncludeSubmitted(e.target.checked)} />{' '}
          {t('report.includeSubmitted')}
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
        <button type="button" className="primary" onClick={() => void exportPdf()} disabled={!measures}>
          {t('report.exportPdf')}
        </button>
        <p className="report-filter-note">
          {t('report.filter.ignored')} <a href="#/observations">{t('report.changeFilter')}</a>
        </p>
        {exportMessage && <p role="status">{exportMessage}</p>}
      </div>
      <article className="report-page" data-testid="report-page">
        <header className="report-header">
          <p className="report-classification" data-testid="report-classification">
            {classificationLabel}
          </p>
          <p className="report-org">{t('app.name')}</p>
          <h2>{t('report.heading', { number })}</h2>
          <p>{t('report.asOf', { date: formatDate(new Date().toISOString()) })}</p>
          {period && (
            <p>
              {t('report.periodLine', {
                from: formatDate(period.from),
                to: formatDate(new Date(Date.parse(period.to) - 1).toISOString()),
              })}
            </p>
          )}
          {office && <p>{t('report.issuedBy', { office })}</p>}
          <p data-testid="report-filter">{t('report.filterLine', { filter: filterText })}</p>
          <p data-testid="report-counting">
            {t(includeSubmitted ? 'report.countsSubmitted' : 'report.countsVerified')} {t('report.trainingExcluded')}
          </p>
        </header>
        <ReportMapSection places={places} points={mapPoints} />
        {measures === null ? (
          <p>{t('common.loading')}</p>
        ) : (
          <>
            <MovementsSection movements={measures.movements} placesById={placesById} includeSubmitted={includeSubmitted} footer={filterText} />
            <PresenceSection presence={measures.presence} placesById={placesById} includeSubmitted={includeSubmitted} footer={filterText} />
            <IncidentsSection incidents={measures.incidents} includeSubmitted={includeSubmitted} footer={filterText} />
            <OfficialSection figures={measures.official} placesById={placesById} includeSubmitted={includeSubmitted} footer={filterText} />
          </>
        )}
      </article>
    </section>
  );
}
