import type { Movement } from '../../../shared/observations/observation-detail-schemas';
import type { ReportRecord } from '../../../shared/reports/report-record';
import type { Measure } from '../../../shared/reports/measure-kinds';
import { measureOf } from '../../../shared/reports/measure-kinds';

/** The movement's ends and direction: what the day index's flow columns hold of it. */
export type MapMovement = Pick<Movement, 'direction' | 'fromPlaceId' | 'fromCountry' | 'toPlaceId' | 'toCountry'>;

/**
 * The report period's counted records that the report's map draws alike, as one: the
 * same kind, measure, place, point and movement. The map draws a place's records on
 * one spot anyway, and a year of 100,000 records is a few thousand groups: the worker
 * posts these rather than a record each (posting 100,000 objects and making a titled
 * point of each held the screen's thread for a second). The flows are summed from the
 * groups with their record counts, so the arrows are those of the records
 * (reports/map/report-flows.ts).
 */
export interface MapGroup {
  kind: ReportRecord['kind'];
  placeId: string | null;
  location: ReportRecord['location'];
  movement: MapMovement | null;
  measure: Measure;
  /** Persons of the group's records, summed as they are counted toward its measure's figure. */
  totalPersons: number;
  records: number;
  /** observedStart of the group's earliest and latest record. */
  firstStart: string;
  lastStart: string;
}

/** The fields a group shares, as one string (built by concatenation: an array joined per record cost as much as the rest of the grouping). */
function groupKey(record: ReportRecord, measure: Measure): string {
  const m = record.movement;
  const at = record.location;
  let key = `${record.kind}|${measure}|${record.placeId ?? ''}|`;
  if (at) key += `${String(at.lat)},${String(at.lon)}`;
  key += '|';
  if (m) key += `${m.direction}>${m.fromPlaceId ?? ''}>${m.fromCountry ?? ''}>${m.toPlaceId ?? ''}>${m.toCountry ?? ''}`;
  return key;
}

/** The records grouped for the map, in the order each group's first record comes. */
export function mapGroupsOf(records: readonly ReportRecord[]): MapGroup[] {
  const groups = new Map<string, MapGroup>();
  for (const record of records) {
    const measure = measureOf(record);
    const key = groupKey(record, measure);
    const group = groups.get(key);
    if (group === undefined) {
      const m = record.movement;
      groups.set(key, {
        kind: record.kind,
        placeId: record.placeId,
        location: record.location,
        movement: m === undefined ? null : { direction: m.direction, fromPlaceId: m.fromPlaceId, fromCountry: m.fromCountry, toPlaceId: m.toPlaceId, toCountry: m.toCountry },
        measure,
        totalPersons: record.totalPersons,
        records: 1,
        firstStart: record.observedStart,
        lastStart: record.observedStart,
      });
      continue;
    }
    group.totalPersons += record.totalPersons;
    group.records += 1;
    if (record.observedStart < group.firstStart) group.firstStart = record.observedStart;
    if (record.observedStart > group.lastStart) group.lastStart = record.observedStart;
  }
  return [...groups.values()];
}
