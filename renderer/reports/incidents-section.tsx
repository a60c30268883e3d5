import type { Incidents } from '../../shared/reports/incidents';
import { INCIDENT_TYPE_KEYS } from '../../shared/reports/incidents';
import { codelistLabel } from '../i18n/codelist-label';
import { formatNumber, t } from '../i18n/i18n';
import { FigureValue, MethodLine } from './figure-cell';
import { kindsOf } from './report-filter';
import { SectionFooter } from './section-footer';

const INCIDENTS = kindsOf('incidents');

/** Incidents by type (the types recorded), and the casualties recorded on them. */
export function IncidentsSection({ incidents, includeSubmitted, footer }: { incidents: Incidents; includeSubmitted: boolean; footer: string }) {
  const { total } = incidents;
  const types = INCIDENT_TYPE_KEYS.filter((k) => incidents.byType[k].records > 0);
  const value = (figure: Incidents['total'], testId?: string) => (
    <FigureValue figure={figure} target={{ kinds: INCIDENTS }} includeSubmitted={includeSubmitted} testId={testId} />
  );
  return (
    <section className="report-section" data-testid="report-incidents" aria-labelledby="report-incidents-title">
      <h3 id="report-incidents-title">
        {t('report.incidents.title')}: {value(total, 'report-incidents-total')}
      </h3>
      {total.records === 0 ? (
        <p>{t('report.noRecords')}</p>
      ) : (
        <>
          <MethodLine figure={total} />
          <table className="data-table report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.col.type')}</th>
                <th scope="col" className="num">{t('report.col.incidents')}</th>
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type}>
                  <td>{type === 'unknown' ? t('report.incidentType.unknown') : codelistLabel('incidentType', type)}</td>
                  <td className="num">{value(incidents.byType[type])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {t('report.casualties', {
              dead: formatNumber(incidents.dead.value),
              injured: formatNumber(incidents.injured.value),
              missing: formatNumber(incidents.missing.value),
            })}
          </p>
          <MethodLine figure={incidents.dead} />
        </>
      )}
      <SectionFooter text={footer} records={total.records} />
    </section>
  );
}
