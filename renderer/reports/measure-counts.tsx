import type { EntryMeasures } from '../../shared/reports/entry-measures';
import { t } from '../i18n/i18n';

/**
 * "10,000 observations · 52,310 persons seen moving · 3,200 at sites (latest count)":
 * the totals of the map's header and the list, each saying which measure it is. The
 * part at sites is left out when no site was counted. The long explanation is the
 * element's title. Numbers as data attributes, for tests.
 */
export function MeasureCounts({ measures, records }: { measures: EntryMeasures; records?: string }) {
  const parts = [
    records ?? t('measure.observations', { count: measures.records }),
    t('measure.moving', { count: measures.moving.persons }),
  ];
  if (measures.atSites.sites > 0) parts.push(t('measure.atSites', { count: measures.atSites.persons }));
  return (
    <span
      className="measure-counts"
      title={t('measure.countsHelp')}
      data-records={measures.records}
      data-moving={measures.moving.persons}
      data-at-sites={measures.atSites.persons}
    >
      {parts.join(' · ')}
    </span>
  );
}
