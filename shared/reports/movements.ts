/**
 * Movements: persons seen moving (group sightings and counts at flow monitoring points,
 * see measure-kinds.ts). A group passing four places is seen four times, so:
 * - a place's figure is what was seen there;
 * - the total is the sum of what was seen at every place, and its method line says at how
 *   many places (a group seen at several places is counted at each): it is never
 *   "persons on the route";
 * - a country's entries are the persons seen `incoming` at its entry points (places of
 *   kind border_crossing or green_border in that country), its exits the persons seen
 *   `outgoing` at its exit points (the same kinds), as flow monitoring counts them.
 *   Records away from an entry point (a city, a GPS point) count toward no country.
 * A record with no direction counts under `unknown`.
 */
import { startOf } from './report-record';
import type { Direction } from '../observations/codelists';
import { DIRECTIONS } from '../observations/codelists';
import type { ReportRecord } from './report-record';
import type { PlaceKind } from '../observations/codelists';
import type { Figure } from './figure';
import { addTo, emptyFigure } from './figure';
import { measureOf } from './measure-kinds';
import { localDayAt } from './report-period';

/** What a measure needs of a gazetteer place. */
export interface PlaceFacts {
  kind: PlaceKind;
  country: string;
}

export type ByDirection = Record<Direction, Figure>;

export interface PlaceMovements {
  /** Gazetteer place id; null for records located by a point only. */
  placeId: string | null;
  total: Figure;
  byDirection: ByDirection;
}

export interface CountryFlows {
  country: string;
  entries: Figure;
  exits: Figure;
}

export interface Movements {
  total: Figure;
  byDirection: ByDirection;
  /** Most persons first. */
  byPlace: PlaceMovements[];
  /** Local days (`YYYY-MM-DD`) ascending. */
  byDay: { day: string; total: Figure }[];
  /** Countries by code. */
  byCountry: CountryFlows[];
}

/** Place kinds where persons enter or leave a country. */
export const BORDER_KINDS: ReadonlySet<PlaceKind> = new Set(['border_crossing', 'green_border']);

function byDirection(key: 'movementsByDirection' | 'movementsAtPlace'): ByDirection {
  return Object.fromEntries(DIRECTIONS.map((d) => [d, emptyFigure(key)])) as ByDirection;
}

/** A figure being summed and the places of its records. */
interface Seen {
  figure: Figure;
  places: Set<string | null>;
}

export function movementsOf(
  records: readonly ReportRecord[],
  places: ReadonlyMap<string, PlaceFacts>,
  timeZone: string,
): Movements {
  const total = emptyFigure('movements');
  const directions = byDirection('movementsByDirection');
  const perPlace = new Map<string | null, PlaceMovements>();
  // Each day's and each country's figures with the places their records were seen at (for their method lines).
  const perDay = new Map<string, Seen>();
  const perCountry = new Map<string, { flows: CountryFlows; entries: Set<string | null>; exits: Set<string | null> }>();

  for (const record of records) {
    if (measureOf(record) !== 'movements') continue;
    const persons = record.totalPersons;
    const direction: Direction = record.movement?.direction ?? 'unknown';
    addTo(total, record, persons);
    addTo(directions[direction], record, persons);

    let place = perPlace.get(record.placeId);
    if (place === undefined) {
      place = { placeId: record.placeId, total: emptyFigure('movementsAtPlace'), byDirection: byDirection('movementsAtPlace') };
      perPlace.set(record.placeId, place);
    }
    addTo(place.total, record, persons);
    addTo(place.byDirection[direction], record, persons);

    const day = localDayAt(startOf(record), timeZone);
    let seen = perDay.get(day);
    if (seen === undefined) {
      seen = { figure: emptyFigure('movementsByDay'), places: new Set() };
      perDay.set(day, seen);
    }
    addTo(seen.figure, record, persons);
    seen.places.add(record.placeId);

    const facts = record.placeId === null ? undefined : places.get(record.placeId);
    if (facts !== undefined && BORDER_KINDS.has(facts.kind) && (direction === 'incoming' || direction === 'outgoing')) {
      let country = perCountry.get(facts.country);
      if (country === undefined) {
        country = { flows: { country: facts.country, entries: emptyFigure('entries'), exits: emptyFigure('exits') }, entries: new Set(), exits: new Set() };
        perCountry.set(facts.country, country);
      }
      const incoming = direction === 'incoming';
      addTo(incoming ? country.flows.entries : country.flows.exits, record, persons);
      (incoming ? country.entries : country.exits).add(record.placeId);
    }
  }

  const placeCount = perPlace.size;
  total.method.values = { places: placeCount };
  for (const d of DIRECTIONS) directions[d].method.values = { places: placeCount };
  const byPlace = [...perPlace.values()].sort(
    (a, b) => b.total.value - a.total.value || (a.placeId ?? '\uffff').localeCompare(b.placeId ?? '\uffff'),
  );
  for (const { flows, entries, exits } of perCountry.values()) {
    flows.entries.method.values = { points: entries.size };
    flows.exits.method.values = { points: exits.size };
  }
  const byDay = [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, { figure, places: seenAt }]) => {
    figure.method.values = { places: seenAt.size };
    return { day, total: figure };
  });
  const byCountry = [...perCountry.values()].map(({ flows }) => flows).sort((a, b) => a.country.localeCompare(b.country));
  return { total, byDirection: directions, byPlace, byDay, byCountry };
}
