/**
 * Records and places the screens' tests share (tests only): Preševo as the gazetteer has
 * it, and a stored group sighting there on 10 March 2026 to vary with a patch.
 */
import type { Observation } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';

export const PRESEVO: Place = {
  id: 'rs-presevo',
  name: 'Presevo',
  nameLocal: 'Прешево',
  country: 'RS',
  kind: 'transit_centre',
  lat: 42.3,
  lon: 21.65,
  coordStatus: 'verified',
  active: '2015-',
  notes: '',
};

/** A stored record: twenty persons at Preševo, submitted by Ana of RS-BEL, with `patch` applied. */
export function storedRecord(patch: Partial<Observation> = {}): Observation {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'Ana',
    device: 'laptop-1',
    observedStart: '2026-03-10T09:00:00.000Z',
    reportedAt: '2026-03-10T09:30:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 20,
    summary: 'twenty',
    reviewStatus: 'submitted',
    deleted: false,
    hlc: '001741600000000-000000-laptop1',
    ...patch,
  };
}
