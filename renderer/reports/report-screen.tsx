import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useState } from 'react';
import { personsByPlace } from '../../shared/reports/persons-by-place';
import { PAPER_SIZES } from '../../shared/reports/pdf-page';
import type { PaperSize } from '../../shared/reports/pdf-page';
import { CLASSIFICATIONS } from '../../shared/observations/codelists';
import type { Classification } from '../../shared/observations/codelists';
import { hrefFor } from '../app/hash-route';
import { useServices } from '../app/services';
import { formatDate, formatNumber, t } from '../i18n/i18n';
import type { TranslationKey } from '../i18n/i18n';
import { ReportMapSection } from './report-map-section';
import { reportMapPoints } from './report-map-points';
import { defaultDates, periodFromDates } from './report-period';

/**
 * The one-page situation report, laid out for print: the same page is what Electron's
 * PDF printer and the browser's "Save as PDF" turn into the PDF.
 */
export function ReportScreen({ params }: { params: URLSearchParams }) {
  const { store, platform, places, placesById } = useServices();
  const id = useId();
  const defaults = useMemo(() => defaultDates(new Date()), []);
  const from = params.get('from') ?? defaults.from;
  const to = params.get('to') ?? defaults.to;
  const period = periodFromDates(from, to);
  const [office, setOffice] = useState<string>('');
  const [exportMessage, setExportMessage] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperSize>('A4');
  const [classification, setClassification] = useState<Classification>('internal');
  const classificationLabel = t(`codelist.classification.${classification}` as TranslationKey).toLocaleUpperCase();

  useEffect(() => {
    void Promise.all([store.getMeta('enrolment'), store.getMeta('profile')]).then(([enrolment, profile]) => {
      setOffice(enrolment?.office ?? profile?.office ?? '');
    });
  }, [store]);

  const records = useLiveQuery(
    () => (period ? store.observationsBetween(period.from, period.to) : Promise.resolve([])),
    [store, period?.from, period?.to],
  );
  const report = useMemo(() => (period && records ? personsByPlace(records, period) : null), [records, period]);
  const mapPoints = useMemo(() => reportMapPoints(records ?? [], placesById), [records, placesById]);

  const setPeriod = (next: { from: string; to: string }) => {
    window.location.hash = hrefFor('report', next);
  };

  async function exportPdf() {
    setExportMessage(null);
    const outcome = await platform.saveReportPdf({
      suggestedName: `situation-report-${from}-${to}.pdf`,
      paper,
      text: { classification: classificationLabel, title: t('report.heading', { number }), pageOf: t('report.pageOf') },
    });
    setExportMessage(t(outcome === 'saved' ? 'report.pdfSaved' : outcome === 'cancelled' ? 'report.pdfCancelled' : 'report.pdfPrintDialog'));
  }

  const number = `${office || 'RW'}-${to.replaceAll('-', '')}`;
  return (
    <section className="screen report-screen" aria-labelledby={`${id}-title`}>
      <div className="report-controls no-print">
        <h1 id={`${id}-title`}>{t('report.title')}</h1>
        <fieldset className="inline-fields">
          <legend>{t('report.period')}</legend>
          <label>
            {t('report.from')}{' '}
            <input type="date" value={from} onChange={(e) => setPeriod({ from: e.target.value, to })} />
          </label>
          <label>
            {t('report.to')}{' '}
            <input type="date" value={to} onChange={(e) => setPeriod({ from, to: e.target.value })} />
          </label>
        </fieldset>
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
        <button type="button" className="primary" onClick={() => void exportPdf()} disabled={!report}>
          {t('report.exportPdf')}
        </button>
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
        </header>
        <ReportMapSection places={places} points={mapPoints} />
        <h3>{t('report.byPlaceTitle')}</h3>
        {report === null ? (
          <p>{t('common.loading')}</p>
        ) : report.rows.length === 0 ? (
          <p>{t('report.noData')}</p>
        ) : (
          <table className="data-table report-table" data-testid="report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.col.place')}</th>
                <th scope="col">{t('report.col.country')}</th>
                <th scope="col" className="num">
                  {t('report.col.records')}
                </th>
                <th scope="col" className="num">
                  {t('report.col.persons')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => {
                const place = row.placeId === null ? undefined : placesById.get(row.placeId);
                return (
                  <tr key={row.placeId ?? '(none)'}>
                    <td>{place ? place.name : (row.placeId ?? t('report.unplaced'))}</td>
                    <td>{place ? t(`codelist.country.${place.country}` as TranslationKey) : ''}</td>
                    <td className="num">{formatNumber(row.records)}</td>
                    <td className="num">{formatNumber(row.persons)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('report.total')}
                </th>
                <td className="num" data-testid="report-total-records">
                  {formatNumber(report.totalRecords)}
                </td>
                <td className="num" data-testid="report-total-persons">
                  {formatNumber(report.totalPersons)}
                </td>
              </tr>
            </tfoot>
          </table>
        )}
        <p className="report-method">{t('report.methodNote')}</p>
      </article>
    </section>
  );
}
