/**
 * Flows between places: the persons of the observations in a time window summed per
 * directed pair of ends (place or country). Pure, so the map, reports and benchmarks
 * share it.
 *
 * The edge of one entry:
 * - from: the movement's from-place, else its from-country, else (when the movement
 *   names a destination) the record's own place: "from a record's place to its next
 *   destination";
 * - to: the movement's to-place, else its to-country, else (when the movement names
 *   where the people came from) the record's own place: an arrival seen where it happened;
 * - no edge when either end is missing, or both ends are the same.
 */
import { entryMeasure } from '../reports/entry-measures';

export type FlowEnd = { readonly type: 'place'; readonly id: string } | { readonly type: 'country'; readonly code: string };

export interface Flow {
  readonly from: FlowEnd;
  readonly to: FlowEnd;
  /** Sum of the persons of the entries with this edge. */
  readonly persons: number;
  /** Number of entries with this edge. */
  readonly records: number;
}

/** The columns the aggregation reads; the map's `MapColumns` is one. */
export interface FlowInput {
  readonly count: number;
  readonly persons: ArrayLike<number>;
  readonly placeId: readonly (string | null)[];
  readonly fromPlace: readonly (string | null)[];
  readonly toPlace: readonly (string | null)[];
  readonly fromCountry: readonly (string | null)[];
  readonly toCountry: readonly (string | null)[];
  /**
   * The entries' kinds and measures (the day index's columns): when given, only the
   * entries counting toward persons seen moving make flows, as in the report and the
   * badges. A site snapshot, an incident or an official figure may name a movement, but
   * it counts something else and is never added to persons seen moving.
   */
  readonly kind?: ArrayLike<number>;
  readonly measure?: ArrayLike<number>;
  /**
   * How many records each entry stands for, 1 where not given: the report's map posts
   * its records grouped, and a flow's record count is still the records'.
   */
  readonly records?: ArrayLike<number>;
}

/** A stable text key of an end, e.g. `place:rs-presevo` or `country:HU`. */
export function flowEndKey(end: FlowEnd): string {
  return end.type === 'place' ? `place:${end.id}` : `country:${end.code}`;
}

/** A stable text key of a directed pair, e.g. `place:a>country:HU`. */
export function flowKey(flow: Pick<Flow, 'from' | 'to'>): string {
  return `${flowEndKey(flow.from)}>${flowEndKey(flow.to)}`;
}

const NO_END = -1;

/**
 * The flows of the entries [start, end) of `input` (clamped to the columns), one per
 * directed pair, largest persons first (ties: more records first, then by the ends'
 * keys, so the order does not depend on the entries' order). Entries with no finite, positive persons
 * still count as records with 0 persons.
 *
 * Ends are interned to small integers and each pair to a slot, so that an entry costs
 * a few map look-ups of strings V8 has already hashed and no joined string
 * (100,000 entries: see the README's figure).
 */
export function aggregateFlows(input: FlowInput, start: number, end: number): Flow[] {
  const lo = Math.max(0, Math.floor(start));
  const hi = Math.min(input.count, Math.floor(end));
  if (hi <= lo) return [];
  const placeIds = new Map<string, number>();
  const countryIds = new Map<string, number>();
  const ends: FlowEnd[] = [];
  const placeEnd = (value: string | null | undefined): number => {
    if (value == null || value === '') return NO_END;
    let id = placeIds.get(value);
    if (id === undefined) {
      id = ends.length;
      ends.push({ type: 'place', id: value });
      placeIds.set(value, id);
    }
    return id;
  };
  const countryEnd = (value: string | null | undefined): number => {
    if (value == null || value === '') return NO_END;
    let id = countryIds.get(value);
    if (id === undefined) {
      id = ends.length;
      ends.push({ type: 'country', code: value });
      countryIds.set(value, id);
    }
    return id;
  };

  // Pass 1: the ends of each entry, as integers.
  const size = hi - lo;
  const froms = new Int32Array(size);
  const tos = new Int32Array(size);
  const { placeId, fromPlace, toPlace, fromCountry, toCountry } = input;
  const { kind } = input;
  const measured = kind === undefined ? null : { kind, ...(input.measure === undefined ? {} : { measure: input.measure }) };
  for (let i = lo; i < hi; i++) {
    if (measured !== null && entryMeasure(measured, i) !== 'movements') {
      froms[i - lo] = NO_END;
      tos[i - lo] = NO_END;
      continue;
    }
    let from = placeEnd(fromPlace[i]);
    if (from === NO_END) from = countryEnd(fromCountry[i]);
    let to = placeEnd(toPlace[i]);
    if (to === NO_END) to = countryEnd(toCountry[i]);
    if (from === NO_END) {
      if (to !== NO_END) from = placeEnd(placeId[i]);
    } else if (to === NO_END) to = placeEnd(placeId[i]);
    froms[i - lo] = from;
    tos[i - lo] = to;
  }

  // Pass 2: sum per pair. A pair is from * n + to, a small integer while n * n fits one.
  const n = ends.length;
  const smallKeys = n * n < 2 ** 30;
  const slots = new Map<number, number>();
  const slotFrom: number[] = [];
  const slotTo: number[] = [];
  const slotPersons: number[] = [];
  const slotRecords: number[] = [];
  const { persons } = input;
  const weights = input.records;
  for (let k = 0; k < size; k++) {
    const from = froms[k] ?? NO_END;
    const to = tos[k] ?? NO_END;
    if (from === NO_END || to === NO_END || from === to) continue;
    // Beyond 32,768 ends the pair key is a larger (still exact) number: slower, still right.
    const key = smallKeys ? from * n + to : from * 2 ** 26 + to;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = slotFrom.length;
      slots.set(key, slot);
      slotFrom.push(from);
      slotTo.push(to);
      slotPersons.push(0);
      slotRecords.push(0);
    }
    const p = persons[k + lo] ?? 0;
    if (p > 0 && p !== Number.POSITIVE_INFINITY) slotPersons[slot] = (slotPersons[slot] ?? 0) + p;
    slotRecords[slot] = (slotRecords[slot] ?? 0) + (weights === undefined ? 1 : (weights[k + lo] ?? 1));
  }

  // Order: persons, then records, descending; ties by the ends' text keys, so that the
  // order never depends on the order of the entries. Slots are sorted as integers.
  const rank = endRanks(ends);
  const order = Array.from(slotFrom, (_, s) => s);
  order.sort(
    (a, b) =>
      (slotPersons[b] ?? 0) - (slotPersons[a] ?? 0) ||
      (slotRecords[b] ?? 0) - (slotRecords[a] ?? 0) ||
      (rank[slotFrom[a] ?? 0] ?? 0) - (rank[slotFrom[b] ?? 0] ?? 0) ||
      (rank[slotTo[a] ?? 0] ?? 0) - (rank[slotTo[b] ?? 0] ?? 0),
  );
  const flows: Flow[] = [];
  for (const s of order) {
    const from = ends[slotFrom[s] ?? NO_END];
    const to = ends[slotTo[s] ?? NO_END];
    if (from === undefined || to === undefined) continue;
    flows.push({ from, to, persons: slotPersons[s] ?? 0, records: slotRecords[s] ?? 0 });
  }
  return flows;
}

/** Each end's position among all ends sorted by their text keys. */
function endRanks(ends: readonly FlowEnd[]): Int32Array {
  const keys = ends.map(flowEndKey);
  const byKey = Array.from(keys, (_, i) => i).sort((a, b) => compareText(keys[a] ?? '', keys[b] ?? ''));
  const rank = new Int32Array(ends.length);
  byKey.forEach((end, position) => {
    rank[end] = position;
  });
  return rank;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
