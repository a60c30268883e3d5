/**
 * Detail groups of training records: head counts and their breakdowns (always within
 * the cross-field rules), nationalities, vulnerabilities, movement, source and location.
 */
import type {
  CountMethod,
  InformationCredibility,
  LocationMethod,
  LocationPrecision,
  NationalityBasis,
  SourceReliability,
  SourceType,
  TransportMode,
} from '../../shared/observations/codelists';
import type { Counts, Movement, NationalityCount, Source } from '../../shared/observations/observation-detail-schemas';
import type { ObservationInput } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';
import type { Demography, Era } from './route-calendar';
import { demographyOf, destinationMix, facilitatorMix } from './route-calendar';
import type { RouteLeg } from './route-legs';
import type { SeededRandom, Weighted } from './seeded-random';

/** Split `total` into whole parts in proportion to `weights` (largest remainder): they add up to `total` exactly. */
export function splitTotal(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * Math.max(0, w)) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, p) => a + p, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

export interface SexAge {
  men: number;
  women: number;
  boys: number;
  girls: number;
}

/**
 * Men, women, boys and girls adding up to `total`. A group may be families or follow
 * the period's mix loosely; an aggregate (a day's count, a site) keeps close to the mix.
 */
export function sexAge(rng: SeededRandom, total: number, era: Era, aggregate: boolean): SexAge {
  const d: Demography = demographyOf(era);
  const family = !aggregate && total >= 3 && rng.chance(era === 'corridor' ? 0.35 : 0.1);
  const f = family ? 2.5 : 1;
  const spread = aggregate ? 0.12 : 0.4;
  const [men = 0, women = 0, boys = 0, girls = 0] = splitTotal(total, [
    d.men * (family ? 0.7 : 1) * rng.logNormal(1, spread),
    d.women * f * rng.logNormal(1, spread),
    d.boys * f * rng.logNormal(1, spread),
    d.girls * f * rng.logNormal(1, spread),
  ]);
  return { men, women, boys, girls };
}

export type Breakdown = 'full' | 'partial' | 'none';

/**
 * The counts group for `total`. A full breakdown adds up to the total exactly (as the
 * rules require of an exact count); a partial one gives men and women only; an
 * estimate carries a range around the total. Children travelling alone are never more
 * than the boys and girls counted.
 */
export function countsFor(
  rng: SeededRandom,
  total: number,
  era: Era,
  method: CountMethod,
  breakdown: Breakdown,
  aggregate = false,
): { counts: Counts; parts: SexAge | null } {
  const parts = breakdown === 'none' ? null : sexAge(rng, total, era, aggregate);
  const children = parts ? parts.boys + parts.girls : 0;
  const unaccompanied =
    parts && children > 0 && rng.chance(0.5) ? Math.min(children, Math.round(children * demographyOf(era).unaccompaniedShare * rng.logNormal(1, 0.5))) : null;
  const separated = parts && children > 0 && rng.chance(0.25) ? Math.min(children - (unaccompanied ?? 0), Math.round(children * 0.05 * rng.logNormal(1, 0.5))) : null;
  const estimate = method === 'estimate' || method === 'key_informant';
  return {
    parts,
    counts: {
      men: parts ? parts.men : null,
      women: parts ? parts.women : null,
      boys: parts && breakdown === 'full' ? parts.boys : null,
      girls: parts && breakdown === 'full' ? parts.girls : null,
      unaccompaniedChildren: breakdown === 'full' ? unaccompanied : null,
      separatedChildren: breakdown === 'full' ? separated : null,
      method,
      min: estimate ? Math.floor(total * rng.between(0.6, 0.95)) : null,
      max: estimate ? Math.ceil(total * rng.between(1.05, 1.5)) : null,
    },
  };
}

/**
 * Nationalities of a group: one or two for small groups, up to five for large ones,
 * covering `coverage` of the total (those whose nationality is known), so the counts
 * never add up to more than the total. An aggregate keeps close to the period's mix.
 */
export function nationalitiesFor(
  rng: SeededRandom,
  total: number,
  mix: Weighted<string>,
  basis: NationalityBasis,
  coverage: number,
  aggregate = false,
): NationalityCount[] {
  if (total <= 0) return [];
  const k = total <= 5 ? 1 : total <= 30 ? rng.int(1, 2) : aggregate ? rng.int(3, 6) : rng.int(2, 5);
  const codes = rng.weightedDistinct(mix, k);
  const weights = codes.map((code) => (mix.find(([c]) => c === code)?.[1] ?? 1) * rng.logNormal(1, aggregate ? 0.25 : 0.6));
  const known = Math.max(1, Math.floor(total * Math.min(1, coverage)));
  const counts = splitTotal(known, weights);
  return codes.map((code, i) => ({ code, count: counts[i] ?? 0, basis })).filter((n) => n.count > 0).sort((a, b) => b.count - a.count);
}

/** Vulnerabilities seen in a group, each no more than the people it can apply to. */
export function vulnerabilitiesFor(rng: SeededRandom, total: number, parts: SexAge | null, counts: Counts): NonNullable<ObservationInput['vulnerabilities']> {
  const list: NonNullable<ObservationInput['vulnerabilities']> = [];
  if (counts.unaccompaniedChildren) list.push({ code: 'unaccompanied_child', count: counts.unaccompaniedChildren });
  if (counts.separatedChildren) list.push({ code: 'separated_child', count: counts.separatedChildren });
  const women = parts?.women ?? Math.floor(total * 0.1);
  const share = (n: number, s: number): number => Math.min(n, Math.round(n * s * rng.logNormal(1, 0.5)));
  const pregnant = share(women, 0.1);
  if (pregnant > 0) list.push({ code: 'pregnant_or_lactating', count: pregnant });
  const medical = share(total, 0.03);
  if (medical > 0) list.push({ code: 'serious_medical_condition', count: medical });
  if (rng.chance(0.3)) {
    const disability = Math.max(1, share(total, 0.01));
    if (disability <= total) list.push({ code: 'disability', count: disability });
  }
  const older = share(total, 0.02);
  if (older > 0) list.push({ code: 'older_person', count: older });
  return list;
}

/** Movement along a leg (or without one), with transport, crossing, smugglers and the stated destination. */
export function movementFor(
  rng: SeededRandom,
  era: Era,
  m: { direction: Movement['direction']; from: Place | null; to: Place | null; leg: RouteLeg | null; intendedChance: number },
): Movement {
  const transport: TransportMode[] = m.leg ? rng.weightedDistinct(m.leg.transport.map((t, i) => [t, 1 / (i + 1)] as const), rng.chance(0.15) ? 2 : 1) : [];
  return {
    direction: m.direction,
    fromPlaceId: m.from?.id ?? null,
    fromCountry: m.from?.country ?? null,
    toPlaceId: m.to?.id ?? null,
    toCountry: m.to?.country ?? null,
    intendedCountry: rng.chance(m.intendedChance) ? rng.weighted(destinationMix(era)) : null,
    transportModes: transport,
    crossingType: m.leg?.crossing ?? null,
    facilitator: rng.weighted(facilitatorMix(era)),
  };
}

/** Typical Admiralty grades of each kind of source. */
const GRADES: Readonly<Record<SourceType, { reliability: Weighted<SourceReliability>; credibility: Weighted<InformationCredibility> }>> = {
  direct_observation: { reliability: [['A', 30], ['B', 60], ['C', 10]], credibility: [['1', 45], ['2', 45], ['3', 10]] },
  authorities: { reliability: [['A', 15], ['B', 60], ['C', 25]], credibility: [['1', 15], ['2', 55], ['3', 30]] },
  un_or_international_organisation: { reliability: [['A', 40], ['B', 55], ['C', 5]], credibility: [['1', 30], ['2', 60], ['3', 10]] },
  ngo: { reliability: [['B', 50], ['C', 45], ['D', 5]], credibility: [['2', 50], ['3', 45], ['4', 5]] },
  key_informant: { reliability: [['B', 15], ['C', 45], ['D', 25], ['E', 5], ['F', 10]], credibility: [['2', 25], ['3', 45], ['4', 20], ['5', 5], ['6', 5]] },
  migrant_testimony: { reliability: [['C', 40], ['D', 30], ['F', 30]], credibility: [['2', 25], ['3', 45], ['4', 25], ['6', 5]] },
  media: { reliability: [['C', 50], ['D', 40], ['E', 10]], credibility: [['3', 50], ['4', 40], ['5', 10]] },
};

/** A graded source; a few records are left ungraded, as in the field. */
export function sourceOf(rng: SeededRandom, type: SourceType, name: string | null): Source {
  const graded = rng.chance(0.9);
  const grades = GRADES[type];
  return {
    type,
    name,
    reliability: graded ? rng.weighted(grades.reliability) : null,
    credibility: graded ? rng.weighted(grades.credibility) : null,
  };
}

/** Where a record is: the place, its point, how it was taken and how precise it is. */
export function locationOf(
  rng: SeededRandom,
  place: Place,
): Pick<ObservationInput, 'placeId' | 'location' | 'locationMethod' | 'locationPrecision' | 'country'> {
  const gps = place.kind !== 'city' && rng.chance(0.15);
  const method: LocationMethod = gps ? 'gps' : rng.chance(0.05) ? 'map_click' : 'gazetteer';
  const jitter = (): number => (gps ? rng.between(-0.004, 0.004) : 0);
  const round = (x: number): number => Math.round(x * 1e5) / 1e5;
  const precision: LocationPrecision = gps
    ? 'exact'
    : place.kind === 'city'
      ? 'settlement'
      : place.coordStatus === 'verified'
        ? 'exact'
        : 'within_1km';
  return {
    placeId: place.id,
    location: { lat: round(place.lat + jitter()), lon: round(place.lon + jitter()) },
    locationMethod: method,
    locationPrecision: precision,
    country: place.country,
  };
}
