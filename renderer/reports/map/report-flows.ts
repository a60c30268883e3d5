import type { Flow, FlowInput } from '../../../shared/flows/aggregate-flows';
import { aggregateFlows } from '../../../shared/flows/aggregate-flows';
import type { Measure } from '../../../shared/reports/measure-kinds';
import type { MapMovement } from '../compute/map-records';

/** What a flow needs of a group of the report's counted records (a ReportMapPoint is one). */
export interface FlowRecord {
  readonly persons: number;
  /** How many records the entry stands for; 1 where not given. */
  readonly records?: number | undefined;
  readonly placeId?: string | null | undefined;
  readonly movement?: MapMovement | null | undefined;
  readonly measure?: Measure | undefined;
}

/**
 * The report map's flows: the persons seen moving (the records that count toward the
 * "movements" measure, as the report's figure of that name) summed per directed pair of
 * ends, by the Map screen's own aggregation (shared/flows/aggregate-flows.ts: the
 * movement's from/to place, else country, else the record's place). Site snapshots,
 * incidents and official figures name movements too, but they count other things and
 * are never added to persons seen moving, so they draw no arrow.
 */
export function reportFlows(records: readonly FlowRecord[]): Flow[] {
  const moving = records.filter((record) => record.measure === 'movements' && record.movement != null);
  const input: FlowInput = {
    count: moving.length,
    persons: moving.map((record) => record.persons),
    records: moving.map((record) => record.records ?? 1),
    placeId: moving.map((record) => record.placeId ?? null),
    fromPlace: moving.map((record) => record.movement?.fromPlaceId ?? null),
    toPlace: moving.map((record) => record.movement?.toPlaceId ?? null),
    fromCountry: moving.map((record) => record.movement?.fromCountry ?? null),
    toCountry: moving.map((record) => record.movement?.toCountry ?? null),
  };
  return aggregateFlows(input, 0, moving.length);
}
