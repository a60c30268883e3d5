/**
 * Records about a place: a site's capacity and occupancy, a crossing's status, and
 * figures published by authorities, agencies and the media.
 */
import type { CountMethod } from '../../shared/observations/codelists';
import type { Place } from '../../shared/places/place';
import { knownBorderStatusAt } from './route-calendar';
import { withinDays } from './route-legs';
import type { SeededRandom } from './seeded-random';
import type { DayContext } from './training-day';
import { DAY_MS, endAfter, momentInDay, pickPlace, stamp } from './training-day';
import { countsFor, nationalitiesFor, sourceOf, vulnerabilitiesFor } from './training-parts';
import { siteProfile } from './training-sites';
import type { BuiltRecord } from './record-basics';
import { MINUTE_MS, agencyOf, classification, iso, mixOf, nationalitySentence, record } from './record-basics';
import { formatCount, formatDay, listAnd, nationalityAdjective, persons } from './training-summaries';

/** Capacity and occupancy of a site on the day: turnover was fast in the corridor, people stayed later. */
export function siteFigures(rng: SeededRandom, day: DayContext, place: Place): { capacity: number | null; occupancy: number } {
  const profile = siteProfile(place);
  if (profile.capacity === null) {
    const stranded = place.id === 'gr-idomeni' && withinDays(day.dayStartMs, '2016-03-09', '2016-05-27');
    const occupancy = stranded ? 11000 * rng.logNormal(1, 0.12) : Math.max(20, day.intensity * 0.3) * rng.logNormal(1, 0.5);
    return { capacity: null, occupancy: Math.round(occupancy) };
  }
  const load = day.era === 'corridor' ? profile.crowding * Math.min(1.2, Math.max(0.05, day.intensity / 4000)) : profile.crowding;
  return { capacity: profile.capacity, occupancy: Math.round(profile.capacity * load * rng.logNormal(1, 0.2)) };
}

export function siteSnapshot(rng: SeededRandom, day: DayContext): BuiltRecord | null {
  if (day.sites.length === 0) return null;
  const place = pickPlace(rng, day, day.sites, 0.5);
  const { capacity, occupancy } = siteFigures(rng, day, place);
  const method: CountMethod = capacity === null ? 'estimate' : rng.weighted([['official_figure', 70], ['exact_count', 15], ['estimate', 15]] as const);
  const { counts, parts } = countsFor(rng, occupancy, day.era, method, rng.chance(0.6) ? 'full' : 'none', true);
  const nationalities = rng.chance(0.5) ? nationalitiesFor(rng, occupancy, mixOf(day, null), 'documented', rng.between(0.8, 1), true) : undefined;
  const time = stamp(momentInDay(rng, day, 'office'), 'hour', day);
  const over = capacity !== null && occupancy > capacity;
  const what =
    capacity === null
      ? `About ${persons(occupancy)} were staying at ${place.name}, an informal site with no set capacity.`
      : `${place.name} held ${persons(occupancy)} against a capacity of ${formatCount(capacity)}${over ? '; the site was over capacity' : ''}.`;
  const crowded = over || capacity === null ? rng.pick(['Some people were sleeping outside.', 'New arrivals were sleeping in tents.', 'Queues for food and showers were long.', '']) : '';

  return record(rng, 'site_snapshot', place, time, occupancy, [what, crowded, nationalitySentence(nationalities, 'were', occupancy)], {
    site: { capacity, occupancy },
    counts,
    ...(nationalities ? { nationalities } : {}),
    ...(parts && rng.chance(0.25) ? { vulnerabilities: vulnerabilitiesFor(rng, occupancy, parts, counts) } : {}),
    source: rng.chance(0.6) ? sourceOf(rng, 'authorities', agencyOf(rng, 'authorities', place.country).name) : sourceOf(rng, 'direct_observation', null),
    classification: classification(rng, [['internal', 60], ['shareable_with_partners', 40]]),
  });
}

export function borderStatus(rng: SeededRandom, day: DayContext): BuiltRecord | null {
  if (day.borderPoints.length === 0) return null;
  const place = pickPlace(rng, day, day.borderPoints, 1);
  const known = knownBorderStatusAt(place.id, day.dayStartMs);
  const status = known ?? { status: rng.weighted([['open', 50], ['restricted', 30], ['closed', 20]] as const), nationalityFilter: [] };
  const waiting =
    status.status === 'open'
      ? rng.int(0, 40)
      : Math.round(Math.max(status.status === 'restricted' ? 5 : 3, day.intensity * (status.status === 'restricted' ? 0.08 : 0.05)) * rng.logNormal(1, 0.5));
  const waitingText = waiting === 0 ? 'no one was waiting' : `about ${persons(waiting)} were waiting`;
  const sentence =
    status.status === 'open'
      ? `The crossing at ${place.name} was open; people crossed without long waits.`
      : status.status === 'restricted'
        ? status.nationalityFilter.length > 0
          ? `Only ${listAnd(status.nationalityFilter.map(nationalityAdjective))} nationals were let through at ${place.name}; ${waiting === 0 ? 'no one else was waiting' : `about ${persons(waiting)} of other nationalities were waiting`}.`
          : `Entry at ${place.name} was limited to a few people a day; ${waitingText}.`
        : `The border at ${place.name} was closed to migrants and refugees; ${waiting === 0 ? 'no one was stranded there' : `about ${persons(waiting)} were stranded nearby`}.`;
  const time = stamp(momentInDay(rng, day, 'field'), 'hour', day);
  const { counts } = countsFor(rng, waiting, day.era, 'estimate', 'none');

  return record(rng, 'border_status', place, time, waiting, [sentence], {
    borderStatus: { status: status.status, nationalityFilter: status.nationalityFilter },
    counts,
    source: rng.chance(0.6) ? sourceOf(rng, 'direct_observation', null) : sourceOf(rng, 'authorities', agencyOf(rng, 'authorities', place.country).name),
    classification: classification(rng, [['internal', 50], ['shareable_with_partners', 30], ['public', 20]]),
  });
}

export function secondarySource(rng: SeededRandom, day: DayContext): BuiltRecord | null {
  if (day.relevant.length === 0) return null;
  const place = pickPlace(rng, day, day.relevant, 2);
  const type = rng.weighted([
    ['authorities', 45],
    ['un_or_international_organisation', 35],
    ['ngo', 12],
    ['media', 8],
  ] as const);
  const from = agencyOf(rng, type, place.country);
  const method: CountMethod = type === 'ngo' ? 'estimate' : type === 'media' ? 'media' : 'official_figure';
  const start = stamp(day.fromMs, 'day', day);
  const site = day.sites.includes(place) && rng.chance(0.35) ? siteFigures(rng, day, place) : null;
  const weekly = site === null && rng.chance(0.2);
  const daily = day.intensity * Math.max(0.02, day.inflow.get(place.id) ?? 0) * rng.logNormal(1, 0.3);
  const total = site ? site.occupancy : Math.round(weekly ? daily * 7 * rng.logNormal(1, 0.1) : daily);
  const official = method === 'official_figure';
  const { counts, parts } = countsFor(rng, total, day.era, method, official && rng.chance(0.4) ? 'full' : 'none', true);
  const nationalities = official && rng.chance(0.5) ? nationalitiesFor(rng, total, mixOf(day, null), 'documented', rng.between(0.9, 1), true) : undefined;
  const when = formatDay(day.dayStartMs);
  const what = site
    ? `According to ${from.subject}, ${persons(total)} were accommodated at ${place.name} on ${when}${site.capacity === null ? '' : ` (capacity ${formatCount(site.capacity)})`}.`
    : weekly
      ? `According to ${from.subject}, ${persons(total)} arrived at ${place.name} in the week from ${when}.`
      : `According to ${from.subject}, ${persons(total)} arrived at ${place.name} on ${when}.`;
  const children = parts && total > 0 ? `${Math.round(((parts.boys + parts.girls) / total) * 100)}% were children.` : '';

  return record(rng, 'secondary_source', place, start, total, [what, children, nationalitySentence(nationalities, 'were', total)], {
    observedEnd: iso(endAfter(start.ms, day.dayStartMs + (weekly ? 7 : 1) * DAY_MS - MINUTE_MS - start.ms, day)),
    counts,
    ...(nationalities ? { nationalities } : {}),
    ...(site ? { site } : {}),
    source: sourceOf(rng, type, from.name),
    classification: classification(rng, [['public', 40], ['shareable_with_partners', 60]]),
  });
}

