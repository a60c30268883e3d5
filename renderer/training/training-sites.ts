/**
 * Reception and transit sites as training data sees them: rough capacities, how
 * crowded they tended to be, and the days they were open (within the gazetteer's years).
 */
import type { Place } from '../../shared/places/place';
import { withinDays } from './route-legs';

export interface SiteProfile {
  /** Places to sleep; null for informal camps, which have none. */
  capacity: number | null;
  /** Typical occupancy over capacity once people stayed rather than passed through (1 = full). */
  crowding: number;
  since?: string;
  until?: string;
}

export const SITE_KINDS: ReadonlySet<Place['kind']> = new Set(['transit_centre', 'reception_centre', 'asylum_centre', 'informal_camp']);

const SITE_PROFILES: Readonly<Record<string, SiteProfile>> = {
  'gr-idomeni': { capacity: null, crowding: 1, until: '2016-05-27' },
  'mk-vinojug': { capacity: 1000, crowding: 0.6, since: '2015-06-19' },
  'mk-tabanovce': { capacity: 1000, crowding: 0.7 },
  'rs-presevo': { capacity: 1500, crowding: 0.8 },
  'rs-bujanovac': { capacity: 250, crowding: 0.9 },
  'rs-krnjaca': { capacity: 1000, crowding: 1.05 },
  'rs-obrenovac': { capacity: 1000, crowding: 0.8 },
  'rs-subotica': { capacity: 200, crowding: 1.1 },
  'rs-sombor': { capacity: 150, crowding: 1.1 },
  'rs-kikinda': { capacity: 240, crowding: 0.9 },
  'rs-sid': { capacity: 300, crowding: 1.1, until: '2017-06-01' },
  'rs-adasevci': { capacity: 1000, crowding: 0.9 },
  'rs-principovac': { capacity: 250, crowding: 1 },
  'hr-opatovac': { capacity: 4000, crowding: 0.5, since: '2015-09-20', until: '2015-11-03' },
  'hr-slavonski-brod': { capacity: 5000, crowding: 0.4, since: '2015-11-03', until: '2016-04-16' },
  'si-sentilj': { capacity: 1000, crowding: 0.5 },
  'ba-usivak': { capacity: 800, crowding: 1 },
  'ba-blazuj': { capacity: 2500, crowding: 0.9 },
  'ba-bira': { capacity: 1500, crowding: 1.5, until: '2020-10-01' },
  'ba-borici': { capacity: 500, crowding: 0.9 },
  'ba-lipa': { capacity: 1500, crowding: 0.8, since: '2020-04-21' },
  'ba-miral': { capacity: 700, crowding: 1.3 },
};

const DEFAULT_CAPACITY: Readonly<Partial<Record<Place['kind'], number>>> = {
  transit_centre: 500,
  reception_centre: 300,
  asylum_centre: 300,
};

/** The profile of a site place (its own, or a default by kind). */
export function siteProfile(place: Pick<Place, 'id' | 'kind'>): SiteProfile {
  return SITE_PROFILES[place.id] ?? { capacity: DEFAULT_CAPACITY[place.kind] ?? null, crowding: 0.8 };
}

/** Whether the place is a site open on the day of `ms` (its gazetteer years are checked elsewhere). */
export function isSiteOpenAt(place: Pick<Place, 'id' | 'kind'>, ms: number): boolean {
  if (!SITE_KINDS.has(place.kind)) return false;
  const profile = siteProfile(place);
  return withinDays(ms, profile.since, profile.until);
}
