/**
 * What the record builders share: the record skeleton (place, time, marked summary),
 * group sizes, nationality and children sentences, and the agencies that publish figures.
 */
import type { Classification, ObservationKind, TimePrecision } from '../../shared/observations/codelists';
import type { Counts, NationalityCount } from '../../shared/observations/observation-detail-schemas';
import type { ObservationInput } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';
import { nationalityMix } from './route-calendar';
import type { ActiveLeg } from './route-legs';
import type { SeededRandom, Weighted } from './seeded-random';
import type { DayContext } from './training-day';
import { locationOf } from './training-parts';
import { listAnd, nationalityAdjective, trainingSummary } from './training-summaries';

/** What a builder makes: the input, and the place whose office reports it. */
export interface BuiltRecord {
  place: Place;
  input: ObservationInput;
}

export type Details = Omit<ObservationInput, 'kind' | 'observedStart' | 'placeId' | 'location' | 'locationMethod' | 'totalPersons' | 'summary'>;

export const MINUTE_MS = 60_000;

export function record(
  rng: SeededRandom,
  kind: ObservationKind,
  place: Place,
  time: { ms: number; precision: TimePrecision },
  totalPersons: number,
  sentences: readonly string[],
  details: Details,
): BuiltRecord {
  return {
    place,
    input: {
      kind,
      observedStart: new Date(time.ms).toISOString(),
      timePrecision: time.precision,
      ...locationOf(rng, place),
      totalPersons,
      summary: trainingSummary(...sentences),
      summaryLanguage: 'en',
      ...details,
    },
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function classification(rng: SeededRandom, weights: Weighted<Classification>): Classification {
  return rng.weighted(weights);
}

/** Size of a group on a leg: trains of hundreds in the autumn of 2015, handfuls later. */
export function groupSize(rng: SeededRandom, day: DayContext, share: number): number {
  const median = Math.min(600, Math.max(2, (day.intensity * share) / 12));
  return Math.min(3000, Math.max(2, Math.round(rng.logNormal(median, 0.7))));
}

/** Nationalities of a leg's travellers: the period's mix, or Kosovo's winter exodus. */
export function mixOf(day: DayContext, leg: ActiveLeg | null): Weighted<string> {
  return nationalityMix(day.era, leg?.leg.route === 'kosovo_exodus');
}

export function nationalitySentence(nationalities: readonly NationalityCount[] | undefined, verb: string, total: number): string {
  const [top, ...rest] = nationalities ?? [];
  if (!top) return '';
  const others = rest.slice(0, 2).map((n) => nationalityAdjective(n.code));
  return others.length === 0
    ? `${top.count === total ? 'All' : 'Most'} ${verb} ${nationalityAdjective(top.code)} nationals.`
    : `Most ${verb} ${nationalityAdjective(top.code)} nationals, with some ${listAnd(others)}.`;
}

export function childrenSentence(counts: Counts): string {
  const alone = counts.unaccompaniedChildren ?? 0;
  if (alone <= 0) return '';
  return alone === 1 ? 'Among them was 1 unaccompanied child.' : `Among them were ${alone} unaccompanied children.`;
}

/** An agency as the source name records it, and as a sentence names it. */
interface Agency {
  name: string;
  subject: string;
}

const agency = (name: string, subject = name): Agency => ({ name, subject });

const AUTHORITIES: Readonly<Record<string, Agency>> = {
  GR: agency('Hellenic Police', 'the Hellenic Police'),
  MK: agency('Ministry of Interior, Skopje', 'the Ministry of Interior in Skopje'),
  RS: agency('Commissariat for Refugees and Migration', 'the Commissariat for Refugees and Migration'),
  HU: agency('Hungarian Police', 'the Hungarian Police'),
  HR: agency('Croatian Ministry of the Interior', 'the Croatian Ministry of the Interior'),
  SI: agency('Slovenian Police', 'the Slovenian Police'),
  AT: agency('Austrian Police', 'the Austrian Police'),
  BA: agency("Service for Foreigners' Affairs", "the Service for Foreigners' Affairs"),
  AL: agency('Albanian State Police', 'the Albanian State Police'),
  ME: agency('Montenegrin Police', 'the Montenegrin Police'),
  XK: agency('Kosovo Police'),
};

const AGENCIES: Readonly<Record<'un_or_international_organisation' | 'ngo' | 'media', readonly Agency[]>> = {
  un_or_international_organisation: [agency('UNHCR'), agency('UNHCR'), agency('IOM'), agency('UNICEF')],
  ngo: [agency('Red Cross', 'the Red Cross'), agency('MSF'), agency('Save the Children'), agency('Local volunteer network', 'a local volunteer network')],
  media: [agency('Regional news portal', 'a regional news portal'), agency('National broadcaster', 'a national broadcaster'), agency('Local newspaper', 'a local newspaper')],
};

export function agencyOf(rng: SeededRandom, type: 'authorities' | keyof typeof AGENCIES, country: string): Agency {
  return type === 'authorities' ? (AUTHORITIES[country] ?? agency('National authorities', 'the national authorities')) : rng.pick(AGENCIES[type]);
}

