import type { Movement } from '../../../shared/observations/observation-detail-schemas';
import type { Observation } from '../../../shared/observations/observation-schema';
import type { Measure } from '../../../shared/reports/measure-kinds';
import { measureOf } from '../../../shared/reports/measure-kinds';

/** The movement's ends and direction: what the day index's flow columns hold of it. */
export type MapMovement = Pick<Movement, 'direction' | 'fromPlaceId' | 'fromCountry' | 'toPlaceId' | 'toCountry'>;

/**
 * What the report's map needs of a counted record: the report worker sends these, not
 * whole records. The movement and the measure let the map sum its flows from the very
 * records the report counts (reports/map/report-flows.ts).
 */
export type MapRecord = Pick<Observation, 'id' | 'kind' | 'placeId' | 'location' | 'totalPersons' | 'observedStart'> & {
  movement: MapMovement | null;
  measure: Measure;
};

export function mapRecordOf(record: Observation): MapRecord {
  const movement = record.movement;
  return {
    id: record.id,
    kind: record.kind,
    placeId: record.placeId,
    location: record.location,
    totalPersons: record.totalPersons,
    observedStart: record.observedStart,
    movement:
      movement === undefined
        ? null
        : {
            direction: movement.direction,
            fromPlaceId: movement.fromPlaceId,
            fromCountry: movement.fromCountry,
            toPlaceId: movement.toPlaceId,
            toCountry: movement.toCountry,
          },
    measure: measureOf(record),
  };
}
