/**
 * One day of the route as the generator sees it: which places, legs, sites and
 * crossings were in use, how many people moved, and when in the day a record may fall.
 */
import type { TimePrecision } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import { isPlaceActiveAt } from './active-period';
import type { Era } from './route-calendar';
import { EXTRA_BORDER_POINTS, eraAt, flowIntensityAt } from './route-calendar';
import type { ActiveLeg } from './route-legs';
import { PUSHBACK_LEGS, ROUTE_LEGS, activeLegsAt } from './route-legs';
import type { SeededRandom } from './seeded-random';
import { isSiteOpenAt } from './training-sites';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Countries with a field mission: places elsewhere are mostly reported second-hand. */
const MISSION_COUNTRIES: ReadonlySet<string> = new Set(['RS', 'MK', 'BA', 'AL', 'ME', 'XK']);

export function isMissionCountry(country: string): boolean {
  return MISSION_COUNTRIES.has(country);
}

export interface DayContext {
  /** Start of the UTC day. */
  dayStartMs: number;
  /** The part of the day inside the requested period: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** End of the requested period (excluded): no time of any record reaches it. */
  endMs: number;
  era: Era;
  /** People a day moving along the main route. */
  intensity: number;
  places: Place[];
  legs: ActiveLeg[];
  pushbacks: ActiveLeg[];
  /** Legs leaving each place, for groups seen passing through. */
  legsFrom: ReadonlyMap<string, ActiveLeg[]>;
  /** Share of the main flow arriving at each place. */
  inflow: ReadonlyMap<string, number>;
  sites: Place[];
  /** Crossings in the news that day: on a leg in use, or not on any leg of the route model. */
  borderPoints: Place[];
  /** Places where something happens that day: on a leg in use, an open site, or not on any leg of the route model. */
  relevant: Place[];
}

/** Places the route model knows: the others (an office's own places) are used whenever the gazetteer says they are in use. */
const ROUTE_PLACE_IDS: ReadonlySet<string> = new Set([...ROUTE_LEGS, ...PUSHBACK_LEGS].flatMap((l) => [l.from, l.to]));

export function buildDayContext(usable: readonly Place[], byId: ReadonlyMap<string, Place>, dayStartMs: number, startMs: number, endMs: number): DayContext {
  const places = usable.filter((p) => isPlaceActiveAt(p, dayStartMs));
  const legs = activeLegsAt(ROUTE_LEGS, byId, dayStartMs);
  const legsFrom = new Map<string, ActiveLeg[]>();
  const inflow = new Map<string, number>();
  for (const active of legs) {
    legsFrom.set(active.from.id, [...(legsFrom.get(active.from.id) ?? []), active]);
    inflow.set(active.to.id, (inflow.get(active.to.id) ?? 0) + active.leg.share);
  }
  const pushbacks = activeLegsAt(PUSHBACK_LEGS, byId, dayStartMs);
  const onLeg = new Set([...legs, ...pushbacks].flatMap((l) => [l.from.id, l.to.id]));
  const sites = places.filter((p) => isSiteOpenAt(p, dayStartMs));
  const inPlay = (p: Place): boolean => onLeg.has(p.id) || !ROUTE_PLACE_IDS.has(p.id);
  return {
    dayStartMs,
    fromMs: Math.max(dayStartMs, startMs),
    toMs: Math.min(dayStartMs + DAY_MS, endMs),
    endMs,
    era: eraAt(dayStartMs),
    intensity: flowIntensityAt(dayStartMs),
    places,
    legs,
    pushbacks,
    legsFrom,
    inflow,
    sites,
    borderPoints: places.filter((p) => (p.kind === 'border_crossing' || p.kind === 'green_border' || EXTRA_BORDER_POINTS.has(p.id)) && inPlay(p)),
    relevant: places.filter((p) => inPlay(p) || sites.includes(p)),
  };
}

/** Weight of each hour of the day (UTC) for things seen in the field. */
const FIELD_HOURS = [2, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 9, 9, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3, 2];
/** Office hours, for site visits and official figures. */
const OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0, 1, 6, 9, 9, 9, 8, 9, 9, 8, 6, 2, 1, 0, 0, 0, 0, 0];

const HOUR_WEIGHTS = {
  field: FIELD_HOURS.map((w, h) => [h, w] as const),
  office: OFFICE_HOURS.map((w, h) => [h, w] as const),
};

export type Hours = keyof typeof HOUR_WEIGHTS;

/** A moment in the day's window, at a likely hour when the window allows. */
export function momentInDay(rng: SeededRandom, day: DayContext, hours: Hours): number {
  const hour = rng.weighted(HOUR_WEIGHTS[hours]);
  const ms = day.dayStartMs + hour * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
  if (ms >= day.fromMs && ms < day.toMs) return ms;
  return day.fromMs + Math.floor(rng.next() * (day.toMs - day.fromMs));
}

/** A time rounded to its precision, kept inside the window (falling back to the exact time). */
export function stamp(ms: number, precision: TimePrecision, day: DayContext): { ms: number; precision: TimePrecision } {
  const unit = precision === 'day' ? DAY_MS : precision === 'hour' ? HOUR_MS : 60_000;
  const rounded = Math.floor(ms / unit) * unit;
  if (rounded >= day.fromMs) return { ms: rounded, precision };
  return { ms, precision: 'exact' };
}

/** An end time `durationMs` after `startMs`, before the end of the period. */
export function endAfter(startMs: number, durationMs: number, day: DayContext): number {
  return Math.max(startMs, Math.min(startMs + durationMs, day.endMs - 1));
}

/** A place weighted by how much of the flow reaches it, places outside the missions scaled by `foreignWeight`. */
export function pickPlace(rng: SeededRandom, day: DayContext, candidates: readonly Place[], foreignWeight: number): Place {
  return rng.weighted(
    candidates.map((p) => [p, (0.05 + (day.inflow.get(p.id) ?? 0)) * (isMissionCountry(p.country) ? 1 : foreignWeight)] as const),
  );
}

/** A leg weighted by its share, legs wholly outside the missions scaled by `foreignWeight`. */
export function pickLeg(rng: SeededRandom, legs: readonly ActiveLeg[], foreignWeight: number): ActiveLeg {
  return rng.weighted(
    legs.map((l) => [l, l.leg.share * (isMissionCountry(l.from.country) || isMissionCountry(l.to.country) ? 1 : foreignWeight)] as const),
  );
}
