/**
 * Records of people on the move: groups seen, daily counts at monitoring points, and
 * what key informants and migrants say about a stretch of the route.
 */
import type { CountMethod, TraffickingIndicator } from '../../shared/observations/codelists';
import type { Era } from './route-calendar';
import type { SeededRandom } from './seeded-random';
import type { DayContext } from './training-day';
import { DAY_MS, endAfter, isMissionCountry, momentInDay, pickLeg, stamp } from './training-day';
import { countsFor, movementFor, nationalitiesFor, sourceOf, vulnerabilitiesFor } from './training-parts';
import type { BuiltRecord } from './record-basics';
import { MINUTE_MS, agencyOf, cap, childrenSentence, classification, groupSize, iso, mixOf, nationalitySentence, record } from './record-basics';
import { compositionSentence, countryName, formatCount, formatDay, groupNoun, persons, transportPhrase } from './training-summaries';

export function groupSighting(rng: SeededRandom, day: DayContext): BuiltRecord | null {
  if (day.legs.length === 0) return null;
  const seen = pickLeg(rng, day.legs, 0.2);
  const onwards = (day.legsFrom.get(seen.to.id) ?? []).filter((l) => l.to.id !== seen.from.id);
  let direction = rng.weighted<'incoming' | 'outgoing' | 'transit'>([
    ['incoming', 45],
    ['outgoing', 40],
    ['transit', onwards.length > 0 ? 15 : 0],
  ]);
  if (!isMissionCountry(seen.from.country) && isMissionCountry(seen.to.country)) direction = 'incoming';
  if (isMissionCountry(seen.from.country) && !isMissionCountry(seen.to.country)) direction = 'outgoing';
  const next = direction === 'transit' ? rng.pick(onwards) : null;
  const place = direction === 'outgoing' ? seen.from : seen.to;
  const from = direction === 'outgoing' ? null : seen.from;
  const to = direction === 'incoming' ? null : (next ?? seen).to;

  const size = groupSize(rng, day, seen.leg.share);
  const method: CountMethod = size <= 5 || rng.chance(size <= 40 ? 0.6 : 0.2) ? 'exact_count' : 'estimate';
  const breakdown = rng.weighted([['full', 45], ['partial', 15], ['none', 40]] as const);
  const { counts, parts } = countsFor(rng, size, day.era, method, breakdown);
  const basis = rng.chance(0.5) ? 'perceived' : 'declared';
  const nationalities = rng.chance(0.5) ? nationalitiesFor(rng, size, mixOf(day, seen), basis, rng.between(0.5, 1)) : undefined;
  const movement = movementFor(rng, day.era, { direction, from, to, leg: next?.leg ?? seen.leg, intendedChance: 0.5 });
  const time = stamp(momentInDay(rng, day, 'field'), rng.chance(0.6) ? 'exact' : 'hour', day);

  const qty = method === 'exact_count' ? formatCount(size) : `about ${formatCount(size)}`;
  const who = `A group of ${qty} ${groupNoun(parts)}`;
  const how = transportPhrase(movement.transportModes[0]);
  const what =
    direction === 'incoming'
      ? `${who} arrived at ${place.name} from ${seen.from.name}${how}.`
      : direction === 'outgoing'
        ? `${who} left ${place.name} for ${seen.to.name}${how}.`
        : `${who} passed through ${place.name}, coming from ${seen.from.name} and heading for ${(next ?? seen).to.name}.`;
  const smuggler =
    movement.facilitator === 'confirmed_smuggler' ? 'A smuggler was guiding them.' : movement.facilitator === 'suspected_smuggler' ? 'A smuggler appeared to be guiding them.' : '';
  const heading = movement.intendedCountry ? `${size <= 5 ? 'They' : 'Several'} said they were heading for ${countryName(movement.intendedCountry)}.` : '';

  return record(rng, 'group_sighting', place, time, size, [what, compositionSentence(parts), nationalitySentence(nationalities, basis === 'perceived' ? 'appeared to be' : 'said they were', size), childrenSentence(counts), heading, smuggler], {
    observedEnd: rng.chance(0.3) ? iso(endAfter(time.ms, rng.int(10, 120) * MINUTE_MS, day)) : null,
    movement,
    counts,
    ...(nationalities ? { nationalities } : {}),
    ...(parts && rng.chance(0.15) ? { vulnerabilities: vulnerabilitiesFor(rng, size, parts, counts) } : {}),
    source: sourceOf(rng, 'direct_observation', null),
    classification: classification(rng, [['internal', 80], ['restricted', 10], ['shareable_with_partners', 10]]),
  });
}

export function pointCount(rng: SeededRandom, day: DayContext): BuiltRecord | null {
  if (day.legs.length === 0) return null;
  const counted = pickLeg(rng, day.legs, 0.3);
  // Counting points are on the mission's side: departures are counted where arrivals cannot be.
  const leaving = !isMissionCountry(counted.to.country) && isMissionCountry(counted.from.country);
  const place = leaving ? counted.from : counted.to;
  const total = Math.round(day.intensity * counted.leg.share * rng.logNormal(1, 0.35));
  const official = rng.chance(0.4);
  const method: CountMethod = official ? 'official_figure' : 'exact_count';
  const { counts, parts } = countsFor(rng, total, day.era, method, rng.chance(0.85) ? 'full' : 'none', true);
  const nationalities = rng.chance(0.85) ? nationalitiesFor(rng, total, mixOf(day, counted), 'documented', official ? 1 : rng.between(0.85, 1), true) : undefined;
  const movement = movementFor(rng, day.era, {
    direction: leaving ? 'outgoing' : 'incoming',
    from: leaving ? null : counted.from,
    to: leaving ? counted.to : null,
    leg: counted.leg,
    intendedChance: 0,
  });
  const time = stamp(day.fromMs, 'day', day);

  const children = parts ? parts.boys + parts.girls : 0;
  const when = formatDay(day.dayStartMs);
  const what = leaving
    ? total === 0
      ? `No departures towards ${counted.to.name} were counted at ${place.name} on ${when}.`
      : `${cap(persons(total))} were counted leaving ${place.name} towards ${counted.to.name} on ${when}.`
    : total === 0
      ? `No arrivals from ${counted.from.name} were counted at ${place.name} on ${when}.`
      : `${cap(persons(total))} were counted arriving at ${place.name} from ${counted.from.name} on ${when}.`;
  const childShare = parts && total > 0 ? `${Math.round((children / total) * 100)}% were children.` : '';

  return record(rng, 'point_count', place, time, total, [what, childShare, nationalitySentence(nationalities, 'were', total)], {
    observedEnd: iso(endAfter(time.ms, day.dayStartMs + DAY_MS - MINUTE_MS - time.ms, day)),
    movement,
    counts,
    ...(nationalities ? { nationalities } : {}),
    ...(parts && rng.chance(0.3) ? { vulnerabilities: vulnerabilitiesFor(rng, total, parts, counts) } : {}),
    source: official ? sourceOf(rng, 'authorities', agencyOf(rng, 'authorities', place.country).name) : sourceOf(rng, 'direct_observation', null),
    classification: classification(rng, [['internal', 70], ['shareable_with_partners', 30]]),
  });
}

const SMUGGLING_FEES: Readonly<Record<Era, readonly [number, number]>> = {
  corridor: [100, 600],
  after_closure: [500, 2500],
  bosnia: [1000, 3500],
};

export function routeReport(rng: SeededRandom, day: DayContext): BuiltRecord | null {
  if (day.legs.length === 0) return null;
  const reported = pickLeg(rng, day.legs, 0.5);
  const place = isMissionCountry(reported.to.country) || !isMissionCountry(reported.from.country) ? reported.to : reported.from;
  const total = Math.max(1, Math.round(day.intensity * reported.leg.share * rng.logNormal(1, 0.3)));
  const { counts } = countsFor(rng, total, day.era, 'key_informant', rng.chance(0.2) ? 'partial' : 'none');
  const informant = rng.chance(0.6);
  const movement = movementFor(rng, day.era, { direction: place === reported.to ? 'incoming' : 'outgoing', from: place === reported.to ? reported.from : null, to: place === reported.to ? null : reported.to, leg: reported.leg, intendedChance: 0.8 });
  const trafficked =
    day.era !== 'corridor' && rng.chance(0.08)
      ? rng.weightedDistinct<TraffickingIndicator>(
          [
            ['iom_unpaid_work', 3],
            ['iom_held_against_will', 2],
            ['iom_job_offer', 2],
            ['ilo_deceptive_recruitment', 1],
            ['ilo_exploitative_conditions', 1],
          ],
          rng.int(1, 3),
        )
      : null;
  const how = transportPhrase(movement.transportModes[0]);
  const flow = `about ${persons(total)} a day were travelling from ${reported.from.name} to ${reported.to.name}${how}`;
  const what = informant ? `A key informant in ${place.name} said ${flow}.` : `People interviewed in ${place.name} said ${flow}.`;
  const [low, high] = SMUGGLING_FEES[day.era];
  const fee = Math.round(rng.between(low, high) / 100) * 100;
  const smugglers =
    movement.facilitator === 'suspected_smuggler' || movement.facilitator === 'confirmed_smuggler' ? `Smugglers were said to charge about EUR ${formatCount(fee)} for the next stretch.` : '';
  const heading = movement.intendedCountry ? `Most said they were heading for ${countryName(movement.intendedCountry)}.` : '';
  const time = stamp(momentInDay(rng, day, 'office'), rng.chance(0.7) ? 'hour' : 'day', day);

  return record(rng, 'route_report', place, time, total, [what, smugglers, heading, trafficked ? 'Some described being made to work without pay on the way.' : ''], {
    movement,
    counts,
    ...(trafficked ? { traffickingIndicators: trafficked } : {}),
    source: informant ? sourceOf(rng, 'key_informant', `KI-${rng.int(100, 999)}`) : sourceOf(rng, 'migrant_testimony', null),
    classification: trafficked ? 'restricted' : classification(rng, [['internal', 50], ['restricted', 50]]),
  });
}

