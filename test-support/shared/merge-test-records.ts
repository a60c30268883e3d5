/**
 * The record the merge's tests start from (merge-record.test.ts, merge-conflicts.test.ts):
 * one valid record as created, and stamps at offsets from its creation.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc } from '../../shared/sync/hlc';

export const TEST_RECORD_ID = '01900000-0000-7000-8000-000000000001';
/** When the test record was created. */
export const T0 = Date.parse('2026-03-01T10:00:00.000Z');

/** An HLC stamp `offsetMs` after the record's creation, on a node. */
export const stampAt = (offsetMs: number, node = 'a', counter = 0): string => formatHlc({ wallMs: T0 + offsetMs, counter, node });

/** A valid record as created: no field clocks yet. */
export function created(overrides: Partial<Observation> = {}): Observation {
  return {
    id: TEST_RECORD_ID,
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'Ana',
    device: 'a',
    observedStart: '2026-03-01T09:00:00.000Z',
    reportedAt: '2026-03-01T10:00:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 12,
    summary: 'twelve at the station',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: stampAt(0),
    ...overrides,
  };
}
