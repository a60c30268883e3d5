import { useLiveQuery } from 'dexie-react-hooks';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import { useServices } from '../app/services';
import { locationLabel } from './observation-labels';

/** The list of recorded observations, newest first. (The virtualised, filtered table comes with the full record.) */
export function ObservationsScreen({ notice }: { notice: string | null }) {
  const { store, placesById } = useServices();
  const records = useLiveQuery(() => store.listObservations(), [store]);
  return (
    <section className="screen" aria-labelledby="observations-title">
      <h1 id="observations-title">{t('observations.title')}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {records === undefined ? (
        <p>{t('common.loading')}</p>
      ) : records.length === 0 ? (
        <p className="empty">{t('observations.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('observations.count', { count: records.length })}</p>
          <table className="data-table" data-testid="observations-table">
            <thead>
              <tr>
                <th scope="col">{t('observations.col.observed')}</th>
                <th scope="col">{t('observations.col.kind')}</th>
                <th scope="col">{t('observations.col.place')}</th>
                <th scope="col" className="num">
                  {t('observations.col.persons')}
                </th>
                <th scope="col">{t('observations.col.summary')}</th>
                <th scope="col">{t('observations.col.office')}</th>
                <th scope="col">{t('observations.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.id} data-id={record.id}>
                  <td>{formatDateTime(record.observedStart)}</td>
                  <td>{t(`codelist.kind.${record.kind}`)}</td>
                  <td>{locationLabel(record, placesById)}</td>
                  <td className="num">{formatNumber(record.totalPersons)}</td>
                  <td className="summary-cell">{record.summary}</td>
                  <td>{record.office}</td>
                  <td>{t(`codelist.reviewStatus.${record.reviewStatus}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
