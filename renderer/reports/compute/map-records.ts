import type { Observation } from '../../../shared/observations/observation-schema';

/** What the report's map needs of a counted record: the report worker sends these, not whole records. */
export type MapRecord = Pick<Observation, 'id' | 'kind' | 'placeId' | 'location' | 'totalPersons' | 'observedStart'>;

export function mapRecordOf(record: Observation): MapRecord {
  return { id: record.id, kind: record.kind, placeId: record.placeId, location: record.location, totalPersons: record.totalPersons, observedStart: record.observedStart };
}
