import type { Place } from '../../shared/places/place';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import { locationLabel } from '../observations/observation-labels';
import type { ObservationStore } from '../store/observation-store';
import type { PointDescription } from './columns/map-selection';

/** The popup text of one record, read from the store when its popup opens. */
export async function describePoint(
  store: ObservationStore,
  placesById: ReadonlyMap<string, Place>,
  id: string,
): Promise<PointDescription | null> {
  const record = await store.getObservation(id);
  if (record === undefined || record.deleted) return null;
  return {
    id,
    kind: record.kind,
    title: `${t(`codelist.kind.${record.kind}`)} · ${locationLabel(record, placesById)} · ${formatNumber(record.totalPersons)}`,
    subtitle: formatDateTime(record.observedStart),
    summary: record.summary,
    href: `#/observation?id=${encodeURIComponent(id)}`,
  };
}
