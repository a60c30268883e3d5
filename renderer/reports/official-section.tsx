import type { Place } from '../../shared/places/place';
import type { OfficialFigure } from '../../shared/reports/official';
import { codelistLabel } from '../i18n/codelist-label';
import type { TranslationKey } from '../i18n/i18n';
import { formatDate, t } from '../i18n/i18n';
import { FigureValue } from './figure-cell';
import { SectionFooter } from './section-footer';

/**
 * Official figures, one row each with its source and as-of date: listed beside the
 * observed figures, never added to them nor to one another (no total row).
 */
export function OfficialSection({
  figures,
  placesById,
  includeSubmitted,
  footer,
}: {
  figures: readonly OfficialFigure[];
  placesById: ReadonlyMap<string, Place>;
  includeSubmitted: boolean;
  footer: string;
}) {
  return (
    <section className="report-section" data-testid="report-official" aria-labelledby="report-official-title">
      <h3 id="report-official-title">{t('report.official.title')}</h3>
      <p className="report-method">{t('report.official.note')}</p>
      {figures.length === 0 ? (
        <p>{t('report.noRecords')}</p>
      ) : (
        <table className="data-table report-table" data-testid="report-official-table">
          <thead>
            <tr>
              <th scope="col">{t('report.col.sourceType')}</th>
              <th scope="col">{t('report.col.source')}</th>
              <th scope="col">{t('report.col.place')}</th>
              <th scope="col">{t('report.col.asOf')}</th>
              <th scope="col" className="num">{t('report.col.figure')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((row) => {
              const place = row.placeId === null ? undefined : placesById.get(row.placeId);
              const where = place ? place.name : row.country ? t(`codelist.country.${row.country}` as TranslationKey) : t('report.unplaced');
              const start = formatDate(row.observedStart);
              const end = row.observedEnd ? formatDate(row.observedEnd) : start;
              const asOf = end === start ? start : `${start} – ${end}`;
              return (
                <tr key={row.figure.recordIds[0]}>
                  <td>{row.sourceType ? codelistLabel('sourceType', row.sourceType) : t('report.sourceNotGiven')}</td>
                  <td>{row.sourceName ?? ''}</td>
                  <td>{where}</td>
                  <td>{asOf}</td>
                  <td className="num">
                    <FigureValue figure={row.figure} target={{ kinds: [row.kind], placeId: row.placeId }} includeSubmitted={includeSubmitted} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <SectionFooter text={footer} records={figures.length} />
    </section>
  );
}
