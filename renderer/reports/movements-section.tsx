import type { Direction } from '../../shared/observations/codelists';
import { DIRECTIONS } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import type { Movements } from '../../shared/reports/movements';
import type { TranslationKey } from '../i18n/i18n';
import { formatNumber, t } from '../i18n/i18n';
import { FigureValue, MethodLine } from './figure-cell';
import { kindsOf } from './report-filter';
import { SectionFooter } from './section-footer';

const MOVING = kindsOf('movements');

/**
 * Persons seen moving: the total with its method line, entries and exits by country,
 * and by place with a column per direction seen (directions nobody was seen moving in
 * are left out, so the table fits the page).
 */
export function MovementsSection({
  movements,
  placesById,
  includeSubmitted,
  footer,
}: {
  movements: Movements;
  placesById: ReadonlyMap<string, Place>;
  includeSubmitted: boolean;
  footer: string;
}) {
  const { total } = movements;
  const directions: Direction[] = DIRECTIONS.filter((d) => movements.byDirection[d].records > 0);
  const value = (figure: Parameters<typeof FigureValue>[0]['figure'], placeId?: string | null, testId?: string) => (
    <FigureValue figure={figure} target={{ kinds: MOVING, placeId }} includeSubmitted={includeSubmitted} testId={testId} />
  );
  return (
    <section className="report-section" data-testid="report-movements" aria-labelledby="report-movements-title">
      <h3 id="report-movements-title">
        {t('report.movements.title')}: {value(total, undefined, 'report-moving-total')}
      </h3>
      <MethodLine figure={total} />
      {total.records === 0 ? (
        <p>{t('report.noRecords')}</p>
      ) : (
        <>
          {movements.byCountry.length > 0 && (
            <>
              <h4>{t('report.movements.byCountry')}</h4>
              <table className="data-table report-table" data-testid="report-by-country">
                <thead>
                  <tr>
                    <th scope="col">{t('report.col.country')}</th>
                    <th scope="col" className="num">{t('report.col.entries')}</th>
                    <th scope="col" className="num">{t('report.col.exits')}</th>
                  </tr>
                </thead>
                <tbody>
                  {movements.byCountry.map((row) => (
                    <tr key={row.country}>
                      <td>{t(`codelist.country.${row.country}` as TranslationKey)}</td>
                      <td className="num">{value(row.entries)}</td>
                      <td className="num">{value(row.exits)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="report-method">{t('report.methodByCountry')}</p>
            </>
          )}
          <h4>{t('report.movements.byPlace')}</h4>
          <table className="data-table report-table" data-testid="report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.col.place')}</th>
                <th scope="col">{t('report.col.country')}</th>
                <th scope="col" className="num">{t('report.col.records')}</th>
                {directions.map((d) => (
                  <th key={d} scope="col" className="num">
                    {t(`report.dir.${d}`)}
                  </th>
                ))}
                <th scope="col" className="num">{t('report.col.seenMoving')}</th>
              </tr>
            </thead>
            <tbody>
              {movements.byPlace.map((row) => {
                const place = row.placeId === null ? undefined : placesById.get(row.placeId);
                return (
                  <tr key={row.placeId ?? '(none)'}>
                    <td>{place ? place.name : (row.placeId ?? t('report.unplaced'))}</td>
                    <td>{place ? t(`codelist.country.${place.country}` as TranslationKey) : ''}</td>
                    <td className="num">{formatNumber(row.total.records)}</td>
                    {directions.map((d) => (
                      <td key={d} className="num">
                        {value(row.byDirection[d], row.placeId)}
                      </td>
                    ))}
                    <td className="num">{value(row.total, row.placeId)}</td>
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
                  {formatNumber(total.records)}
                </td>
                {directions.map((d) => (
                  <td key={d} className="num">
                    {value(movements.byDirection[d])}
                  </td>
                ))}
                <td className="num">{value(total, undefined, 'report-total-persons')}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
      <SectionFooter text={footer} records={total.records} />
    </section>
  );
}
