/**
 * Records and places for the export tests (not a test itself: imported by them).
 */
import type { Observation } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';

let next = 1;

/** A group sighting at Šid with every group the exports flatten; `patch` overrides. */
export function exportRecord(patch: Partial<Observation> = {}): Observation {
  const n = next++;
  return {
    id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'Ana',
    device: 'laptop-1',
    observedStart: '2015-10-01T08:00:00.000Z',
    reportedAt: '2015-10-01T09:00:00.000Z',
    placeId: 'rs-sid',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 20,
    summary: 'Група од 20 лица, пешке',
    reviewStatus: 'verified',
    deleted: false,
    hlc: `000174160000000${n % 10}:0000:laptop-1`,
    classification: 'internal',
    counts: { men: 8, women: 5, boys: 4, girls: 3, unaccompaniedChildren: 2, separatedChildren: null, method: 'exact_count', min: null, max: null },
    movement: {
      direction: 'outgoing',
      fromPlaceId: null,
      fromCountry: 'RS',
      toPlaceId: null,
      toCountry: 'HR',
      intendedCountry: 'DE',
      transportModes: ['on_foot', 'bus'],
      crossingType: 'green_border',
      facilitator: null,
    },
    nationalities: [
      { code: 'SYR', count: 12, basis: 'declared' },
      { code: 'AFG', count: 3, basis: 'perceived' },
    ],
    source: { type: 'direct_observation', name: 'Driver Marko', reliability: 'B', credibility: '2' },
    notes: 'Met at the station',
    traffickingIndicators: ['iom_forced_work'],
    ...patch,
  };
}

export const SID: Place = {
  id: 'rs-sid',
  name: 'Šid',
  nameLocal: 'Шид',
  country: 'RS',
  kind: 'city',
  lat: 45.1283456789,
  lon: 19.2261234567,
  coordStatus: 'verified',
  active: '2015-',
  notes: '',
};

export const PRESEVO: Place = {
  id: 'rs-presevo',
  name: 'Preševo',
  nameLocal: 'Прешево',
  country: 'RS',
  kind: 'transit_centre',
  lat: 42.3067,
  lon: 21.65,
  coordStatus: 'verified',
  active: '2015-2016',
  notes: '',
};

export const PLACES: ReadonlyMap<string, Place> = new Map([SID, PRESEVO].map((p) => [p.id, p]));
