import type { MapGroup, MapMovement } from './compute/map-records';
import type { Place } from '../../shared/places/place';
import type { Measure } from '../../shared/reports/measure-kinds';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n';
import type { MapPoint } from '../map/points/map-point';
import { locationLabel, positionOf } from '../observations/observation-labels';

/**
 * A group of the report's counted records on its map (compute/map-records.ts): the
 * point, and what its flow needs (reports/map/report-flows.ts). Optional, so that a
 * bare point draws no flow.
 */
export interface ReportMapPoint extends MapPoint {
  /** How many records the point stands for. */
  records?: number;
  placeId?: string | null;
  movement?: MapMovement | null;
  measure?: Measure;
}

/** "12 Oct 2015 14:00" for one record; "37 observations, 1 Oct 2015 – 31 Oct 2015" for more. */
function whenOf(group: MapGroup): string {
  if (group.records === 1) return formatDateTime(group.firstStart);
  return t('report.map.groupWhen', { count: group.records, from: formatDate(group.firstStart), to: formatDate(group.lastStart) });
}

/**
 * The report period's observations as map points, a group of alike records each.
 * Records with no position are left out, of the flows too: the Map screen's columns
 * leave them out the same way, so both maps draw the same arrows for the same records.
 */
export function reportMapPoints(groups: readonly MapGroup[], placesById: ReadonlyMap<string, Place>): ReportMapPoint[] {
  const points: ReportMapPoint[] = [];
  for (const [index, group] of groups.entries()) {
    const at = positionOf(group, placesById);
    if (!at) continue;
    points.push({
      id: `group-${String(index)}`,
      lat: at.lat,
      lon: at.lon,
      kind: group.kind,
      persons: group.totalPersons,
      records: group.records,
      title: `${t(`codelist.kind.${group.kind}`)} · ${locationLabel(group, placesById)} · ${formatNumber(group.totalPersons)}`,
      subtitle: whenOf(group),
      placeId: group.placeId,
      movement: group.movement,
      measure: group.measure,
    });
  }
  return points;
}
