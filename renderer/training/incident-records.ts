/**
 * Incidents: pushbacks where the route crosses a guarded border, violence, deaths,
 * disappearances, detentions, robberies and smuggling interdictions, typed as the
 * rules require, with an actor and casualties.
 */
import type { IncidentActor, IncidentType, TraffickingIndicator, TransportMode } from '../../shared/observations/codelists';
import type { Era } from './route-calendar';
import type { SeededRandom, Weighted } from './seeded-random';
import type { DayContext } from './training-day';
import { momentInDay, pickLeg, pickPlace, stamp } from './training-day';
import { countsFor, movementFor, nationalitiesFor, sourceOf } from './training-parts';
import type { BuiltRecord } from './record-basics';
import { agencyOf, cap, classification, groupSize, mixOf, record } from './record-basics';
import { persons } from './training-summaries';

const INCIDENT_TYPES_BY_ERA: Readonly<Record<Era, Weighted<IncidentType>>> = {
  corridor: [
    ['extortion_theft', 20],
    ['smuggling_interdiction', 20],
    ['violence', 15],
    ['detention', 12],
    ['missing', 10],
    ['death', 8],
    ['other', 15],
  ],
  after_closure: [
    ['pushback', 30],
    ['violence', 15],
    ['smuggling_interdiction', 15],
    ['extortion_theft', 12],
    ['detention', 12],
    ['death', 5],
    ['missing', 5],
    ['other', 6],
  ],
  bosnia: [
    ['pushback', 40],
    ['violence', 15],
    ['smuggling_interdiction', 10],
    ['extortion_theft', 10],
    ['detention', 8],
    ['missing', 6],
    ['death', 5],
    ['other', 6],
  ],
};

const ACTORS: Readonly<Record<IncidentType, Weighted<IncidentActor>>> = {
  pushback: [['state', 90], ['unknown', 10]],
  violence: [['state', 45], ['non_state', 40], ['unknown', 15]],
  death: [['unknown', 60], ['non_state', 30], ['state', 10]],
  missing: [['unknown', 100]],
  detention: [['state', 100]],
  extortion_theft: [['non_state', 85], ['state', 5], ['unknown', 10]],
  smuggling_interdiction: [['state', 100]],
  other: [['non_state', 50], ['unknown', 50]],
};

const DEATH_CAUSES: Readonly<Record<Era, readonly string[]>> = {
  corridor: ['hit by a train', 'a road accident', 'exhaustion', 'illness'],
  after_closure: ['hit by a train', 'hypothermia', 'drowning in a river', 'a road accident'],
  bosnia: ['drowning in a river', 'hypothermia', 'hit by a train', 'a fall in the mountains', 'a road accident'],
};

export function incident(rng: SeededRandom, day: DayContext): BuiltRecord | null {
  if (day.relevant.length === 0) return null;
  const type = rng.weighted(INCIDENT_TYPES_BY_ERA[day.era].filter(([t]) => t !== 'pushback' || day.pushbacks.length > 0));
  const actor = rng.weighted(ACTORS[type]);
  const returned = type === 'pushback' ? pickLeg(rng, day.pushbacks, 1) : null;
  const place = returned ? returned.to : pickPlace(rng, day, day.relevant, 0.3);

  let total = rng.int(1, 12);
  let dead: number | null = null;
  let injured: number | null = null;
  let missing: number | null = null;
  let sentence: string;
  let transport: TransportMode | null = null;
  switch (type) {
    case 'pushback': {
      total = groupSize(rng, day, 0.3);
      injured = rng.chance(0.25) ? rng.int(1, Math.min(total, 4)) : 0;
      sentence = `${cap(persons(total))} said they had been pushed back from ${returned?.from.name ?? 'across the border'} to ${place.name} by police.`;
      if (injured > 0) sentence += ` ${injured} had visible injuries.`;
      break;
    }
    case 'violence':
      total = rng.int(1, 15);
      injured = rng.int(1, Math.min(total, 6));
      sentence = `${cap(persons(total))} reported being beaten near ${place.name}${actor === 'state' ? ' by police' : actor === 'non_state' ? ' by smugglers' : ''}; ${injured} needed medical care.`;
      break;
    case 'death':
      dead = rng.chance(0.8) ? 1 : rng.int(2, 3);
      total = dead + (rng.chance(0.5) ? rng.int(0, 20) : 0);
      sentence = `${dead === 1 ? 'One person' : `${dead} people`} died near ${place.name} (${rng.pick(DEATH_CAUSES[day.era])}).`;
      break;
    case 'missing':
      missing = rng.int(1, 6);
      total = missing + rng.int(0, 20);
      sentence = `${cap(persons(missing))} reported missing after a group was split up near ${place.name}.`;
      break;
    case 'detention':
      total = day.era === 'corridor' ? rng.int(5, 120) : rng.int(2, 40);
      sentence = `Police detained ${persons(total)} at ${place.name} for irregular entry or stay.`;
      break;
    case 'extortion_theft':
      total = rng.int(1, 12);
      sentence = `${cap(persons(total))} reported being robbed near ${place.name}${actor === 'non_state' ? rng.pick([' by an armed group', ' by a taxi driver', ' by smugglers']) : ''}.`;
      break;
    case 'smuggling_interdiction': {
      transport = rng.pick<TransportMode>(['van', 'van', 'truck', 'car']);
      total = transport === 'car' ? rng.int(2, 8) : rng.int(8, transport === 'truck' ? 80 : 30);
      sentence = `Police stopped a ${transport} carrying ${persons(total)} near ${place.name} and arrested the driver.`;
      break;
    }
    case 'other':
      total = rng.int(2, 50);
      sentence = rng.chance(0.5)
        ? `A fight broke out among ${persons(total)} waiting at ${place.name}; police restored order.`
        : `A fire damaged shelters used by ${persons(total)} at ${place.name}; no one was hurt.`;
      break;
  }

  const breakdown = rng.weighted([['full', 40], ['partial', 10], ['none', 50]] as const);
  const { counts } = countsFor(rng, total, day.era, total <= 15 ? 'exact_count' : 'key_informant', breakdown);
  const nationalities = rng.chance(0.5) ? nationalitiesFor(rng, total, mixOf(day, null), 'declared', 1) : undefined;
  const trafficked =
    (type === 'extortion_theft' || type === 'smuggling_interdiction') && rng.chance(0.15)
      ? rng.weightedDistinct<TraffickingIndicator>(
          [
            ['iom_held_against_will', 3],
            ['iom_unpaid_work', 2],
            ['iom_forced_work', 1],
            ['ilo_coercion_at_destination', 1],
            ['ilo_abuse_of_vulnerability_at_destination', 1],
          ],
          rng.int(1, 2),
        )
      : null;
  const movement = returned
    ? movementFor(rng, day.era, { direction: 'returned_pushed_back', from: returned.from, to: returned.to, leg: returned.leg, intendedChance: 0.3 })
    : transport
      ? { ...movementFor(rng, day.era, { direction: 'transit', from: null, to: null, leg: null, intendedChance: 0.2 }), transportModes: [transport], facilitator: 'confirmed_smuggler' as const }
      : undefined;
  const sourceType =
    type === 'pushback' || type === 'violence' || type === 'extortion_theft'
      ? rng.weighted([['migrant_testimony', 60], ['ngo', 25], ['direct_observation', 15]] as const)
      : rng.weighted([['authorities', 50], ['direct_observation', 25], ['media', 15], ['ngo', 10]] as const);
  const time = stamp(momentInDay(rng, day, 'field'), rng.chance(0.5) ? 'exact' : 'hour', day);

  return record(rng, 'incident', place, time, total, [sentence, trafficked ? 'Some described being held or made to work to pay their debt to smugglers.' : ''], {
    incident: { type, actor, dead, injured, missing },
    counts,
    ...(nationalities ? { nationalities } : {}),
    ...(movement ? { movement } : {}),
    ...(trafficked ? { traffickingIndicators: trafficked } : {}),
    source: sourceOf(rng, sourceType, sourceType === 'direct_observation' || sourceType === 'migrant_testimony' ? null : agencyOf(rng, sourceType, place.country).name),
    classification: trafficked ? 'restricted' : classification(rng, [['restricted', 60], ['internal', 40]]),
  });
}

