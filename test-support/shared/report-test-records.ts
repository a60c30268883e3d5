/**
 * Records and places for the report figures' tests (not a test itself: imported by them).
 * Times are in Belgrade's local days (UTC+2 in summer, UTC+1 in winter).
 */
import type { Direction, NationalityBasis, Vulnerability } from '../../shared/observations/codelists';
import type { Counts } from '../../shared/observations/observation-detail-schemas';
import type { Observation } from '../../shared/observations/observation-schema';
import type { PlaceFacts } from '../../shared/reports/movements';

let n = 0;

export function record(patch: Partial<Observation> = {}): Observation {
  n += 1;
  return {
    id: `0190a0b0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    kind: 'group_sighting',
    mission: 'RS',
    office: 'RS-BEL',
    author: 'A',
    device: 'd1',
    observedStart: '2026-07-02T10:00:00.000Z',
    reportedAt: '2026-07-02T10:05:00.000Z',
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 10,
    summary: '',
    reviewStatus: 'verified',
    deleted: false,
    hlc: '000001772445600000-000000-d1',
    ...patch,
  };
}

export function moving(direction: Direction | null, patch: Partial<Observation> = {}): Observation {
  return record({
    movement: {
      direction,
      fromPlaceId: null,
      fromCountry: null,
      toPlaceId: null,
      toCountry: null,
      intendedCountry: null,
      transportModes: [],
      crossingType: null,
      facilitator: null,
    },
    ...patch,
  });
}

export function counts(patch: Partial<Counts>): Counts {
  return { men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: null, min: null, max: null, ...patch };
}

export function nationality(code: string, count: number, basis: NationalityBasis = 'declared'): { code: string; count: number; basis: NationalityBasis } {
  return { code, count, basis };
}

export function vulnerability(code: Vulnerability, count: number): { code: Vulnerability; count: number } {
  return { code, count };
}

export function snapshot(placeId: string, observedStart: string, occupancy: number, capacity: number | null = 500, patch: Partial<Observation> = {}): Observation {
  return record({ kind: 'site_snapshot', placeId, observedStart, totalPersons: occupancy, site: { occupancy, capacity }, ...patch });
}

export function borderStatus(placeId: string, observedStart: string, status: 'open' | 'restricted' | 'closed', nationalityFilter: string[] = [], patch: Partial<Observation> = {}): Observation {
  return record({ kind: 'border_status', placeId, observedStart, totalPersons: 0, borderStatus: { status, nationalityFilter }, ...patch });
}

export function incident(observedStart: string, casualties: { dead?: number; injured?: number; missing?: number }, patch: Partial<Observation> = {}): Observation {
  return record({
    kind: 'incident',
    observedStart,
    totalPersons: 5,
    incident: { type: 'violence', actor: null, dead: casualties.dead ?? null, injured: casualties.injured ?? null, missing: casualties.missing ?? null },
    ...patch,
  });
}

export const places = new Map<string, PlaceFacts>([
  ['rs-presevo', { kind: 'border_crossing', country: 'RS' }],
  ['rs-sid', { kind: 'green_border', country: 'RS' }],
  ['rs-belgrade', { kind: 'city', country: 'RS' }],
  ['rs-adasevci', { kind: 'transit_centre', country: 'RS' }],
  ['rs-krnjaca', { kind: 'asylum_centre', country: 'RS' }],
  ['mk-tabanovce', { kind: 'border_crossing', country: 'MK' }],
  ['mk-gevgelija', { kind: 'border_crossing', country: 'MK' }],
]);

export const BELGRADE = 'Europe/Belgrade';

/** 1–7 July 2026 in Belgrade (local midnight is 22:00 UTC in summer). */
export const JULY_WEEK = { from: '2026-06-30T22:00:00.000Z', to: '2026-07-07T22:00:00.000Z' };
