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

/**
 * A point's and a movement's keys, each made once per object (an identity Map per
 * grouping, faster than a WeakMap): the records of a cached day share their points and
 * movements (cached-records.ts), so most records find theirs here rather than writing
 * numbers out as text again.
 */
function pointKey(at: ReportRecord['location'], keys: Map<object, string>): string {
  if (!at) return '';
  let key = keys.get(at);
  if (key === undefined) {
    key = `${String(at.lat)},${String(at.lon)}`;
    keys.set(at, key);
  }
  return key;
}

function movementKey(m: ReportRecord['movement'], keys: Map<object, string>): string {
  if (!m) return '';
  let key = keys.get(m);
  if (key === undefined) {
    key = `${m.direction}>${m.fromPlaceId ?? ''}>${m.fromCountry ?? ''}>${m.toPlaceId ?? ''}>${m.toCountry ?? ''}`;
    keys.set(m, key);
  }
  return key;
}

/** The movement's ends and direction, one object per distinct movement of a grouping (groups share it; figures-message.ts then writes each out once). */
function mapMovement(m: NonNullable<ReportRecord['movement']>, key: string, made: Map<string, MapMovement>): MapMovement {
  let movement = made.get(key);
  if (movement === undefined) {
    movement = { direction: m.direction, fromPlaceId: m.fromPlaceId, fromCountry: m.fromCountry, toPlaceId: m.toPlaceId, toCountry: m.toCountry };
    made.set(key, movement);
  }
  return movement;
}

/** A level of the groups' index: by one shared field, then the next. */
type Level<T> = Map<string, T>;

/**
 * The records grouped for the map, in the order each group's first record comes. Found
 * by place, point and movement in nested maps, then kind and measure along a short list:
 * one string joined of every shared field per record cost as much as the rest of the
 * grouping.
 */
export function mapGroupsOf(records: readonly ReportRecord[]): MapGroup[] {
  const groups: MapGroup[] = [];
  const movements = new Map<string, MapMovement>();
  const pointKeys = new Map<object, string>();
  const movementKeys = new Map<object, string>();
  // By place, point and movement; the few groups that share all three (records of other
  // kinds or measures) are told apart by a look along a short list.
  const index: Level<Level<Level<MapGroup[]>>> = new Map();
  for (const record of records) {
    const measure = measureOf(record);
    // Plain lookups, no function made per record: this runs for every record of the period.
    const placeKey = record.placeId ?? '';
    let byPoint = index.get(placeKey);
    if (byPoint === undefined) {
      byPoint = new Map();
      index.set(placeKey, byPoint);
    }
    const point = pointKey(record.location, pointKeys);
    let byMovement = byPoint.get(point);
    if (byMovement === undefined) {
      byMovement = new Map();
      byPoint.set(point, byMovement);
    }
    const key = movementKey(record.movement, movementKeys);
    let alike = byMovement.get(key);
    if (alike === undefined) {
      alike = [];
      byMovement.set(key, alike);
    }
    let group: MapGroup | undefined;
    for (const g of alike) {
      if (g.kind === record.kind && g.measure === measure) {
        group = g;
        break;
      }
    }
    if (group === undefined) {
      const m = record.movement;
      const made: MapGroup = {
        kind: record.kind,
        placeId: record.placeId,
        location: record.location,
        movement: m == null ? null : mapMovement(m, key, movements),
        measure,
        totalPersons: record.totalPersons,
        records: 1,
        firstStart: record.observedStart,
        lastStart: record.observedStart,
      };
      alike.push(made);
      groups.push(made);
      continue;
    }
    group.totalPersons += record.totalPersons;
    group.records += 1;
    if (record.observedStart < group.firstStart) group.firstStart = record.observedStart;
    if (record.observedStart > group.lastStart) group.lastStart = record.observedStart;
  }
  return groups;
}
