import type { Place } from '../../shared/places/place';
import type { Presence } from '../../shared/reports/presence';
import type { TranslationKey } from '../i18n/i18n';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import { FigureValue, MethodLine } from './figure-cell';
import { kindsOf } from './report-filter';
import { SectionFooter } from './section-footer';

const SITES = kindsOf('presence');

/** Persons at sites: each site's latest count in the period, and their sum with its as-of range. */
export function PresenceSection({
  presence,
  placesById,
  includeSubmitted,
  footer,
}: {
  presence: Presence;
  placesById: ReadonlyMap<string, Place>;
  includeSubmitted: boolean;
  footer: string;
}) {
  const { total } = presence;
  return (
    <section className="report-section" data-testid="report-presence" aria-labelledby="report-presence-title">
      <h3 id="report-presence-title">{t('report.presence.title')}</h3>
      {presence.sites.length === 0 ? (
        <p>{t('report.noRecords')}</p>
      ) : (
        <>
          <p className="report-key-figure">
            {t('report.presence.totalLabel')}{' '}
            <FigureValue figure={total} target={{ kinds: SITES }} includeSubmitted={includeSubmitted} testId="report-at-sites-total" />
            {presence.asOfFrom !== null && presence.asOfTo !== null && (
              <> ({t('report.presence.asOf', { from: formatDateTime(presence.asOfFrom), to: formatDateTime(presence.asOfTo) })})</>
            )}
          </p>
          <MethodLine figure={total} />
          <table className="data-table report-table" data-testid="report-sites">
            <thead>
              <tr>
                <th scope="col">{t('report.col.site')}</th>
                <th scope="col">{t('report.col.country')}</th>
                <th scope="col">{t('report.col.asOf')}</th>
                <th scope="col" className="num">{t('report.col.occupancy')}</th>
                <th scope="col" className="num">{t('report.col.capacity')}</th>
                <th scope="col" className="num">{t('report.col.snapshots')}</th>
              </tr>
            </thead>
            <tbody>
              {presence.sites.map((site) => {
                const place = site.placeId === null ? undefined : placesById.get(site.placeId);
                return (
                  <tr key={site.occupancy.recordIds[0]}>
                    <td>{place ? place.name : (site.placeId ?? t('report.unplaced'))}</td>
                    <td>{place ? t(`codelist.country.${place.country}` as TranslationKey) : ''}</td>
                    <td>{formatDateTime(site.asOf)}</td>
                    <td className="num">
                      <FigureValue figure={site.occupancy} target={{ kinds: SITES, placeId: site.placeId }} includeSubmitted={includeSubmitted} />
                      {site.overCapacity && <span className="report-over"> ({t('report.overCapacity')})</span>}
                    </td>
                    <td className="num">{site.capacity === null ? '' : formatNumber(site.capacity)}</td>
                    <td className="num">{formatNumber(site.snapshots)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <SectionFooter text={footer} records={presence.sites.reduce((n, s) => n + s.snapshots, 0)} />
    </section>
  );
}
