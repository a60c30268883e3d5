/**
 * The route as training data sees it: legs between gazetteer places in the order people
 * travelled them, each with the share of the period's flow that took it, how people
 * moved, and the dates it was in use (within the places' own `active` years).
 *
 * - 2015 to 8 March 2016, the corridor: Idomeni -> Gevgelija -> Tabanovce -> Miratovac ->
 *   Presevo -> Belgrade -> Horgos into Hungary (until the fence, 15 September 2015), then
 *   Sid/Berkasovo -> Tovarnik/Bapska -> Opatovac, later Slavonski Brod -> Dobova -> Sentilj -> Spielfeld.
 * - From 9 March 2016, after the corridor closed: smaller, smuggled movements through the
 *   same places, Belgrade's centres, the Hungarian transit zones and the Croatian green border.
 * - From 2018: Albania -> Montenegro -> Bosnia (Kakavije -> Tirana -> Bozaj -> Podgorica ->
 *   Sarajevo) and Serbia -> Bosnia, then Sarajevo -> Bihac / Velika Kladusa -> Maljevac.
 */
import type { CrossingType, TransportMode } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import { isPlaceActiveAt } from './active-period';

export type RouteName = 'corridor' | 'after_closure' | 'bosnia' | 'albania_montenegro' | 'kosovo_exodus';

export interface RouteLeg {
  route: RouteName;
  from: string;
  to: string;
  /** People on this leg as a share of the period's main flow (above 1 for the Kosovo exodus, which dwarfed it). */
  share: number;
  transport: readonly TransportMode[];
  /** How the border is crossed, when the leg crosses one. */
  crossing: CrossingType | null;
  /** First day in use (UTC, `YYYY-MM-DD`, included). */
  since?: string;
  /** Day it stopped (excluded). */
  until?: string;
}

const CORRIDOR_END = '2016-03-09';
const HUNGARY_FENCE = '2015-09-15';
const CROATIA_OPENS = '2015-09-16';
const SLAVONSKI_BROD_OPENS = '2015-11-03';
const SLOVENIA_OPENS = '2015-10-17';

const corridor = (from: string, to: string, share: number, transport: readonly TransportMode[], extra: Partial<RouteLeg> = {}): RouteLeg => ({
  route: 'corridor',
  from,
  to,
  share,
  transport,
  crossing: null,
  until: CORRIDOR_END,
  ...extra,
});
const leg = (route: RouteName, from: string, to: string, share: number, transport: readonly TransportMode[], extra: Partial<RouteLeg> = {}): RouteLeg => ({
  route,
  from,
  to,
  share,
  transport,
  crossing: null,
  ...extra,
});

export const ROUTE_LEGS: readonly RouteLeg[] = [
  // The corridor, 2015 to 8 March 2016.
  corridor('gr-idomeni', 'mk-gevgelija', 1, ['on_foot'], { crossing: 'green_border' }),
  corridor('mk-gevgelija', 'mk-vinojug', 0.85, ['on_foot']),
  corridor('mk-vinojug', 'mk-tabanovce', 0.85, ['train', 'bus', 'taxi']),
  corridor('mk-gevgelija', 'mk-tabanovce', 0.1, ['taxi', 'car', 'on_foot']),
  corridor('mk-tabanovce', 'rs-miratovac', 0.95, ['on_foot'], { crossing: 'green_border' }),
  corridor('rs-miratovac', 'rs-presevo', 0.9, ['bus', 'on_foot', 'taxi']),
  corridor('rs-miratovac', 'rs-bujanovac', 0.05, ['bus']),
  corridor('rs-presevo', 'rs-belgrade', 0.7, ['bus', 'train', 'taxi']),
  corridor('rs-bujanovac', 'rs-belgrade', 0.05, ['bus']),
  // Winter 2014-15: tens of thousands left Kosovo by bus for Belgrade and the Hungarian border.
  corridor('xk-pristina', 'rs-belgrade', 3, ['bus'], { route: 'kosovo_exodus', until: '2015-03-15' }),
  corridor('rs-belgrade', 'rs-subotica', 2, ['bus', 'train'], { route: 'kosovo_exodus', until: '2015-03-15' }),
  corridor('rs-subotica', 'rs-horgos', 1.5, ['taxi', 'on_foot'], { route: 'kosovo_exodus', until: '2015-03-15' }),
  corridor('rs-horgos', 'hu-roszke', 2.5, ['on_foot'], { route: 'kosovo_exodus', crossing: 'green_border', until: '2015-03-15' }),
  corridor('rs-belgrade', 'rs-subotica', 0.4, ['bus', 'train'], { until: HUNGARY_FENCE }),
  corridor('rs-belgrade', 'rs-horgos', 0.4, ['bus', 'taxi'], { until: HUNGARY_FENCE }),
  corridor('rs-subotica', 'rs-horgos', 0.3, ['taxi', 'on_foot'], { until: HUNGARY_FENCE }),
  corridor('rs-horgos', 'hu-roszke', 0.75, ['on_foot'], { crossing: 'green_border', until: HUNGARY_FENCE }),
  corridor('rs-presevo', 'rs-sid', 0.25, ['bus'], { since: CROATIA_OPENS }),
  corridor('rs-belgrade', 'rs-sid', 0.45, ['bus', 'train'], { since: CROATIA_OPENS }),
  corridor('rs-belgrade', 'rs-berkasovo', 0.3, ['bus'], { since: CROATIA_OPENS, until: '2015-12-01' }),
  corridor('rs-sid', 'rs-berkasovo', 0.35, ['bus', 'on_foot'], { since: CROATIA_OPENS, until: '2015-12-01' }),
  corridor('rs-berkasovo', 'hr-bapska', 0.65, ['on_foot'], { crossing: 'green_border', since: CROATIA_OPENS, until: '2015-12-01' }),
  corridor('rs-sid', 'hr-tovarnik', 0.4, ['train', 'on_foot'], { crossing: 'official_crossing', since: CROATIA_OPENS }),
  corridor('hr-bapska', 'hr-opatovac', 0.6, ['bus'], { since: '2015-09-20', until: SLAVONSKI_BROD_OPENS }),
  corridor('hr-tovarnik', 'hr-opatovac', 0.3, ['bus'], { since: '2015-09-20', until: SLAVONSKI_BROD_OPENS }),
  corridor('rs-sid', 'hr-slavonski-brod', 0.5, ['train'], { crossing: 'official_crossing', since: SLAVONSKI_BROD_OPENS }),
  corridor('hr-tovarnik', 'hr-slavonski-brod', 0.3, ['train'], { since: SLAVONSKI_BROD_OPENS }),
  corridor('hr-opatovac', 'si-dobova', 0.8, ['train', 'bus'], { crossing: 'official_crossing', since: SLOVENIA_OPENS, until: SLAVONSKI_BROD_OPENS }),
  corridor('hr-slavonski-brod', 'si-dobova', 0.9, ['train'], { crossing: 'official_crossing', since: SLAVONSKI_BROD_OPENS }),
  corridor('si-dobova', 'si-sentilj', 0.9, ['train', 'bus'], { since: SLOVENIA_OPENS }),
  corridor('si-sentilj', 'at-spielfeld', 0.95, ['on_foot'], { crossing: 'official_crossing', since: SLOVENIA_OPENS }),

  // After the corridor closed: smuggled, smaller movements.
  leg('after_closure', 'gr-idomeni', 'mk-gevgelija', 0.3, ['on_foot'], { crossing: 'green_border', since: CORRIDOR_END, until: '2016-06-01' }),
  leg('after_closure', 'mk-gevgelija', 'mk-tabanovce', 0.3, ['car', 'van', 'on_foot'], { since: CORRIDOR_END }),
  leg('after_closure', 'mk-tabanovce', 'rs-miratovac', 0.35, ['on_foot'], { crossing: 'green_border', since: CORRIDOR_END }),
  leg('after_closure', 'rs-miratovac', 'rs-presevo', 0.25, ['on_foot', 'taxi'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-presevo', 'rs-belgrade', 0.3, ['bus', 'taxi', 'car'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-belgrade', 'rs-krnjaca', 0.15, ['bus'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-belgrade', 'rs-obrenovac', 0.12, ['bus'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-belgrade', 'rs-subotica', 0.15, ['bus', 'train'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-belgrade', 'rs-kelebija', 0.12, ['bus', 'train'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-subotica', 'rs-horgos', 0.08, ['taxi', 'on_foot'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-horgos', 'hu-roszke', 0.05, ['on_foot'], { crossing: 'official_crossing', since: '2016-02-01', until: '2020-05-21' }),
  leg('after_closure', 'rs-kelebija', 'hu-tompa', 0.05, ['on_foot'], { crossing: 'official_crossing', since: '2016-02-01', until: '2020-05-21' }),
  leg('after_closure', 'rs-belgrade', 'rs-sombor', 0.05, ['bus'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-belgrade', 'rs-kikinda', 0.05, ['bus'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-belgrade', 'rs-sid', 0.15, ['bus', 'train'], { since: CORRIDOR_END, until: '2017-06-01' }),
  leg('after_closure', 'rs-sid', 'hr-tovarnik', 0.1, ['on_foot', 'train'], { crossing: 'green_border', since: CORRIDOR_END, until: '2017-06-01' }),
  leg('after_closure', 'rs-belgrade', 'rs-adasevci', 0.12, ['bus'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-belgrade', 'rs-principovac', 0.08, ['bus'], { since: CORRIDOR_END }),
  leg('after_closure', 'rs-adasevci', 'hr-tovarnik', 0.08, ['on_foot'], { crossing: 'green_border', since: CORRIDOR_END }),
  leg('after_closure', 'rs-principovac', 'hr-tovarnik', 0.06, ['on_foot'], { crossing: 'green_border', since: CORRIDOR_END }),

  // Albania and Montenegro towards Bosnia.
  leg('albania_montenegro', 'al-kakavije', 'al-tirana', 0.3, ['bus', 'taxi', 'on_foot'], { since: '2017-06-01' }),
  leg('albania_montenegro', 'al-tirana', 'me-bozaj', 0.25, ['on_foot', 'car', 'taxi'], { crossing: 'green_border', since: '2017-06-01' }),
  leg('albania_montenegro', 'me-bozaj', 'me-podgorica', 0.25, ['bus', 'taxi', 'on_foot'], { since: '2017-06-01' }),
  leg('albania_montenegro', 'me-podgorica', 'ba-sarajevo', 0.3, ['bus', 'on_foot', 'car'], { crossing: 'green_border', since: '2018-01-01' }),
  leg('albania_montenegro', 'al-tirana', 'xk-pristina', 0.03, ['bus'], { crossing: 'official_crossing', since: '2018-01-01' }),

  // Bosnia and Herzegovina towards Croatia.
  leg('bosnia', 'rs-belgrade', 'ba-sarajevo', 0.3, ['bus', 'on_foot', 'taxi'], { crossing: 'river', since: '2018-01-01' }),
  leg('bosnia', 'ba-sarajevo', 'ba-usivak', 0.2, ['bus', 'on_foot']),
  leg('bosnia', 'ba-sarajevo', 'ba-blazuj', 0.25, ['bus', 'on_foot']),
  leg('bosnia', 'ba-sarajevo', 'ba-bihac', 0.4, ['bus', 'train', 'taxi']),
  leg('bosnia', 'ba-usivak', 'ba-bihac', 0.1, ['bus']),
  leg('bosnia', 'ba-blazuj', 'ba-bihac', 0.15, ['bus']),
  leg('bosnia', 'ba-sarajevo', 'ba-velika-kladusa', 0.2, ['bus', 'taxi']),
  leg('bosnia', 'ba-bihac', 'ba-velika-kladusa', 0.15, ['taxi', 'bus', 'on_foot']),
  leg('bosnia', 'ba-bihac', 'ba-bira', 0.25, ['on_foot'], { until: '2020-10-01' }),
  leg('bosnia', 'ba-bihac', 'ba-borici', 0.08, ['on_foot', 'bus']),
  leg('bosnia', 'ba-bihac', 'ba-lipa', 0.2, ['bus'], { since: '2020-04-21' }),
  leg('bosnia', 'ba-velika-kladusa', 'ba-miral', 0.2, ['on_foot']),
  leg('bosnia', 'ba-velika-kladusa', 'hr-maljevac', 0.3, ['on_foot'], { crossing: 'green_border' }),
  leg('bosnia', 'ba-miral', 'hr-maljevac', 0.15, ['on_foot'], { crossing: 'green_border' }),
  leg('bosnia', 'ba-bihac', 'hr-maljevac', 0.1, ['on_foot', 'taxi'], { crossing: 'green_border' }),
];

/** Returns across a border (pushbacks), from the place people were caught to where they were left. */
export const PUSHBACK_LEGS: readonly RouteLeg[] = [
  leg('after_closure', 'mk-gevgelija', 'gr-idomeni', 0.2, ['on_foot'], { crossing: 'green_border', since: CORRIDOR_END, until: '2016-06-01' }),
  leg('after_closure', 'rs-miratovac', 'mk-tabanovce', 0.15, ['on_foot'], { crossing: 'green_border', since: CORRIDOR_END }),
  leg('after_closure', 'hu-roszke', 'rs-horgos', 0.2, ['on_foot'], { crossing: 'green_border', since: '2016-02-01' }),
  leg('after_closure', 'hu-roszke', 'rs-subotica', 0.1, ['van', 'on_foot'], { crossing: 'green_border', since: '2016-02-01' }),
  leg('after_closure', 'hu-tompa', 'rs-kelebija', 0.15, ['on_foot'], { crossing: 'green_border', since: '2016-07-05' }),
  leg('after_closure', 'hr-tovarnik', 'rs-sid', 0.15, ['van', 'on_foot'], { crossing: 'green_border', since: CORRIDOR_END, until: '2017-06-01' }),
  leg('after_closure', 'hr-tovarnik', 'rs-principovac', 0.1, ['van', 'on_foot'], { crossing: 'green_border', since: CORRIDOR_END }),
  leg('after_closure', 'hr-tovarnik', 'rs-adasevci', 0.1, ['van', 'on_foot'], { crossing: 'green_border', since: CORRIDOR_END }),
  leg('bosnia', 'hr-maljevac', 'ba-velika-kladusa', 0.4, ['van', 'on_foot'], { crossing: 'green_border', since: '2018-01-01' }),
  leg('bosnia', 'hr-maljevac', 'ba-bihac', 0.3, ['van', 'on_foot'], { crossing: 'green_border', since: '2018-01-01' }),
  leg('bosnia', 'hr-maljevac', 'ba-miral', 0.15, ['on_foot'], { crossing: 'green_border', since: '2018-01-01' }),
];

/** A leg with both places resolved. */
export interface ActiveLeg {
  leg: RouteLeg;
  from: Place;
  to: Place;
}

/** Start of a UTC day `YYYY-MM-DD` in milliseconds. */
export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** Whether `ms` falls in [since, until) of something dated by day. */
export function withinDays(ms: number, since: string | undefined, until: string | undefined): boolean {
  return (since === undefined || ms >= dayMs(since)) && (until === undefined || ms < dayMs(until));
}

/** The legs in use at `ms` whose two places are both in `places` and both active then. */
export function activeLegsAt(legs: readonly RouteLeg[], places: ReadonlyMap<string, Place>, ms: number): ActiveLeg[] {
  const active: ActiveLeg[] = [];
  for (const candidate of legs) {
    if (!withinDays(ms, candidate.since, candidate.until)) continue;
    const from = places.get(candidate.from);
    const to = places.get(candidate.to);
    if (from && to && isPlaceActiveAt(from, ms) && isPlaceActiveAt(to, ms)) active.push({ leg: candidate, from, to });
  }
  return active;
}

/** The flows of the route at `ms` among `places` (e.g. for a demo flow map): forward legs only. */
export function trainingFlows(places: readonly Place[], ms: number): ActiveLeg[] {
  return activeLegsAt(ROUTE_LEGS, new Map(places.map((p) => [p.id, p])), ms);
}
