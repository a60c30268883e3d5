import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowInput } from './aggregate-flows';
import { aggregateFlows, flowKey } from './aggregate-flows';
import type { ObservationKind } from '../observations/codelists';
import { OBSERVATION_KINDS } from '../observations/codelists';
import { MEASURES } from '../reports/entry-measures';

interface Entry {
  persons: number;
  placeId: string | null;
  fromPlace: string | null;
  toPlace: string | null;
  fromCountry: string | null;
  toCountry: string | null;
}

const entry = (over: Partial<Entry>): Entry => ({ persons: 1, placeId: null, fromPlace: null, toPlace: null, fromCountry: null, toCountry: null, ...over });

function columns(entries: readonly Entry[]): FlowInput {
  return {
    count: entries.length,
    persons: Float64Array.from(entries.map((e) => e.persons)),
    placeId: entries.map((e) => e.placeId),
    fromPlace: entries.map((e) => e.fromPlace),
    toPlace: entries.map((e) => e.toPlace),
    fromCountry: entries.map((e) => e.fromCountry),
    toCountry: entries.map((e) => e.toCountry),
  };
}

const all = (entries: readonly Entry[]): Flow[] => aggregateFlows(columns(entries), 0, entries.length);
const summary = (flows: readonly Flow[]): string[] => flows.map((f) => `${flowKey(f)} ${f.persons}/${f.records}`);

describe('aggregateFlows with the entries\' kinds and measures (the Map screen\'s columns)', () => {
  const kindIndex = (kind: ObservationKind) => OBSERVATION_KINDS.indexOf(kind);
  const moving = MEASURES.indexOf('movements');
  const official = MEASURES.indexOf('official');
  it('draws flows of persons seen moving only: a site snapshot, an incident or an official count naming a movement draws none', () => {
    const entries = [
      entry({ persons: 40, fromPlace: 'a', toPlace: 'b' }),
      entry({ persons: 300, fromPlace: 'a', toPlace: 'b' }),
      entry({ persons: 7, fromPlace: 'a', toPlace: 'b' }),
      entry({ persons: 5000, fromPlace: 'a', toPlace: 'b' }),
      entry({ persons: 12, fromPlace: 'a', toPlace: 'b' }),
    ];
    const input: FlowInput = {
      ...columns(entries),
      kind: [kindIndex('group_sighting'), kindIndex('site_snapshot'), kindIndex('incident'), kindIndex('point_count'), kindIndex('point_count')],
      // 255: the measure is not known, the kind's is used; the fourth is a count given as an official figure.
      measure: [255, 255, 255, official, moving],
    };
    expect(summary(aggregateFlows(input, 0, entries.length))).toEqual(['place:a>place:b 52/2']);
    // Without the kinds (the report's map gives its own records, already chosen), every entry makes flows.
    expect(summary(all(entries))).toEqual(['place:a>place:b 5359/5']);
  });
});

describe('aggregateFlows', () => {
  it('sums persons and counts records per directed pair, largest first', () => {
    const flows = all([
      entry({ persons: 10, fromPlace: 'a', toPlace: 'b' }),
      entry({ persons: 5, fromPlace: 'a', toPlace: 'b' }),
      entry({ persons: 40, fromPlace: 'b', toPlace: 'a' }),
      entry({ persons: 2, fromPlace: 'a', toPlace: 'c' }),
    ]);
    expect(summary(flows)).toEqual(['place:b>place:a 40/1', 'place:a>place:b 15/2', 'place:a>place:c 2/1']);
  });

  it('counts an entry that stands for several records (the report map\'s groups) as that many records', () => {
    const input = columns([entry({ persons: 15, fromPlace: 'a', toPlace: 'b' }), entry({ persons: 2, fromPlace: 'a', toPlace: 'b' })]);
    const flows = aggregateFlows({ ...input, records: [3, 1] }, 0, 2);
    expect(summary(flows)).toEqual(['place:a>place:b 17/4']);
  });

  it('takes the record’s place as the start when the movement names only a destination', () => {
    expect(summary(all([entry({ persons: 7, placeId: 'a', toPlace: 'b' })]))).toEqual(['place:a>place:b 7/1']);
  });

  it('takes the record’s place as the end of an arrival whose origin is named', () => {
    expect(summary(all([entry({ persons: 7, placeId: 'b', fromPlace: 'a' })]))).toEqual(['place:a>place:b 7/1']);
  });

  it('uses a country where the movement names a country and no place', () => {
    const flows = all([
      entry({ persons: 3, placeId: 'a', toCountry: 'HU' }),
      entry({ persons: 4, placeId: 'b', fromCountry: 'GR' }),
      entry({ persons: 5, fromCountry: 'MK', toPlace: 'c', placeId: 'x' }),
      entry({ persons: 6, fromPlace: 'd', fromCountry: 'RS', toPlace: 'e', toCountry: 'HR' }),
    ]);
    expect(summary(flows)).toEqual(['place:d>place:e 6/1', 'country:MK>place:c 5/1', 'country:GR>place:b 4/1', 'place:a>country:HU 3/1']);
    expect(flows[1]?.from).toEqual({ type: 'country', code: 'MK' });
  });

  it('draws no edge without a movement, without a second end, or from a place to itself', () => {
    const flows = all([
      entry({ placeId: 'a' }),
      entry({ toPlace: 'b' }),
      entry({ fromPlace: 'a' }),
      entry({ placeId: 'a', toPlace: 'a' }),
      entry({ fromPlace: 'a', toPlace: 'a', placeId: 'b' }),
      entry({ fromCountry: 'HU', toCountry: 'HU' }),
    ]);
    expect(flows).toEqual([]);
  });

  it('keeps a place and a country with the same text apart', () => {
    expect(summary(all([entry({ fromPlace: 'HU', toCountry: 'HU' })]))).toEqual(['place:HU>country:HU 1/1']);
  });

  it('counts records with no persons, or a broken figure, as 0 persons', () => {
    const flows = all([entry({ persons: 0, fromPlace: 'a', toPlace: 'b' }), entry({ persons: Number.NaN, fromPlace: 'a', toPlace: 'b' })]);
    expect(summary(flows)).toEqual(['place:a>place:b 0/2']);
  });

  it('reads only the window [start, end), clamped to the columns', () => {
    const input = columns([entry({ fromPlace: 'a', toPlace: 'b' }), entry({ fromPlace: 'b', toPlace: 'c' }), entry({ fromPlace: 'c', toPlace: 'd' })]);
    expect(summary(aggregateFlows(input, 1, 2))).toEqual(['place:b>place:c 1/1']);
    expect(aggregateFlows(input, -5, 99)).toHaveLength(3);
    expect(aggregateFlows(input, 2, 1)).toEqual([]);
  });
});

const ends = fc.constantFrom<string | null>(null, null, 'a', 'b', 'c', 'd');
const countries = fc.constantFrom<string | null>(null, null, null, 'GR', 'HU');
const arbitraryEntry = fc.record({
  persons: fc.integer({ min: 0, max: 500 }),
  placeId: ends,
  fromPlace: ends,
  toPlace: ends,
  fromCountry: countries,
  toCountry: countries,
});

/** The edge of one entry, as the module documents it, written out independently. */
function edgeOf(e: Entry): string | null {
  const from = e.fromPlace != null ? `place:${e.fromPlace}` : e.fromCountry != null ? `country:${e.fromCountry}` : null;
  const to = e.toPlace != null ? `place:${e.toPlace}` : e.toCountry != null ? `country:${e.toCountry}` : null;
  const own = e.placeId != null ? `place:${e.placeId}` : null;
  const f = from ?? (to !== null ? own : null);
  const t = to ?? (from !== null ? own : null);
  return f === null || t === null || f === t ? null : `${f}>${t}`;
}

describe('aggregateFlows properties', () => {
  it('sums to the persons and records of the entries that have an edge, per edge', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 60 }), (entries) => {
        const expected = new Map<string, { persons: number; records: number }>();
        for (const e of entries) {
          const key = edgeOf(e);
          if (key === null) continue;
          const sum = expected.get(key) ?? { persons: 0, records: 0 };
          expected.set(key, { persons: sum.persons + e.persons, records: sum.records + 1 });
        }
        const flows = all(entries);
        expect(new Map(flows.map((f) => [flowKey(f), { persons: f.persons, records: f.records }]))).toEqual(expected);
        const total = entries.filter((e) => edgeOf(e) !== null).reduce((s, e) => s + e.persons, 0);
        expect(flows.reduce((s, f) => s + f.persons, 0)).toBe(total);
        for (let i = 1; i < flows.length; i++) expect(flows[i - 1]?.persons).toBeGreaterThanOrEqual(flows[i]?.persons ?? 0);
      }),
    );
  });

  it('does not depend on the order of the entries', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryEntry, { maxLength: 60 }).chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length }))),
        ([entries, shuffled]) => {
          expect(all(shuffled)).toEqual(all(entries));
        },
      ),
    );
  });

  it('counts exactly the entries of the window', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 60 }), fc.nat(70), fc.nat(70), (entries, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const windowed = aggregateFlows(columns(entries), start, end);
        expect(windowed).toEqual(all(entries.slice(start, end)));
      }),
    );
  });
});
