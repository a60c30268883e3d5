import type { MapRecord } from './compute/map-records';
import type { Place } from '../../shared/places/place';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import type { MapPoint } from '../map/points/map-point';
import { locationLabel, positionOf } from '../observations/observation-labels';

/** The report period's observations as map points (records with no position are left out). */
export function reportMapPoints(records: readonly MapRecord[], placesById: ReadonlyMap<string, Place>): MapPoint[] {
  const points: MapPoint[] = [];
  for (const record of records) {
    const at = positionOf(record, placesById);
    if (!at) continue;
    points.push({
      id: record.id,
      lat: at.lat,
      lon: at.lon,
      kind: record.kind,
      persons: record.totalPersons,
      title: `${t(`codelist.kind.${record.kind}`)} · ${locationLabel(record, placesById)} · ${formatNumber(record.totalPersons)}`,
      subtitle: formatDateTime(record.observedStart),
    });
  }
  return points;
}
