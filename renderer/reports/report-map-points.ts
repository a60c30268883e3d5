import type { MapMovement, MapRecord } from './compute/map-records';
import type { Place } from '../../shared/places/place';
import type { Measure } from '../../shared/reports/measure-kinds';
import { formatDateTime, formatNumber, t } from '../i18n/i18n';
import type { MapPoint } from '../map/points/map-point';
import { locationLabel, positionOf } from '../observations/observation-labels';

/**
 * One of the report's counted records on its map: the point, and what its flow needs
 * (reports/map/report-flows.ts). Optional, so that a bare point draws no flow.
 */
export interface ReportMapPoint extends MapPoint {
  placeId?: string | null;
  movement?: MapMovement | null;
  measure?: Measure;
}

/**
 * The report period's observations as map points. Records with no position are left
 * out, of the flows too: the Map screen's columns leave them out the same way, so both
 * maps draw the same arrows for the same records.
 */
export function reportMapPoints(records: readonly MapRecord[], placesById: ReadonlyMap<string, Place>): ReportMapPoint[] {
  const points: ReportMapPoint[] = [];
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
      placeId: record.placeId,
      movement: record.movement,
      measure: record.measure,
    });
  }
  return points;
}
