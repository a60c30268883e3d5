/**
 * The record the server's domain tests start from (push-authorisation.test.ts,
 * withhold-sensitive.test.ts): 42 persons at Preševo, submitted by ana of RS-BEL.
 */
import type { Observation } from '../../shared/observations/observation-schema';

export function heldRecord(patch: Partial<Observation> = {}): Observation {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'ana',
    device: 'laptop-1',
    observedStart: '2026-03-10T09:00:00.000Z',
    reportedAt: '2026-03-10T09:30:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 42,
    summary: 'Group of 42',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: '001741600000000-000000-laptop1',
    ...patch,
  };
}
