import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observations/observation-schema';
import { observationSchema } from '../observations/observation-schema';
import { checkRules } from '../observations/observation-rules';
import { canonicalJson } from './canonical-json';
import { formatHlc, initialHlc, parseHlc, receiveHlc, tickHlc } from './hlc';
import { MERGE_UNITS, mergeRecords, sameRecord } from './merge-record';

import { T0, created, stampAt } from '../../test-support/shared/merge-test-records';

/** An edit as the device store writes it: changed fields stamped, `hlc` the new stamp. */
function edited(record: Observation, changes: Partial<Observation>, stamp: string): Observation {
  const fieldClocks = { ...record.fieldClocks };
  for (const field of Object.keys(changes)) fieldClocks[field] = stamp;
  return { ...record, ...changes, hlc: stamp, fieldClocks };
}

/** A breakdown giving only the number of men. */
function countsWithMen(men: number | null): NonNullable<Observation['counts']> {
  return { men, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: 'estimate', min: null, max: null };
}

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`nothing at ${index}`);
  return item;
}

const mergeAll = (versions: readonly Observation[]): Observation => {
  const [first, ...rest] = versions;
  if (!first) throw new Error('nothing to merge');
  return rest.reduce(mergeRecords, first);
};

describe('mergeRecords: examples', () => {
  const base = created();

  it('keeps both edits when two devices change different fields', () => {
    const onA = edited(base, { summary: 'corrected on A' }, stampAt(1000, 'a'));
    const onB = edited(base, { classification: 'restricted' }, stampAt(2000, 'b'));
    const merged = mergeRecords(onA, onB);
    expect(merged.summary).toBe('corrected on A');
    expect(merged.classification).toBe('restricted');
    expect(merged.fieldClocks).toEqual({ summary: onA.hlc, classification: onB.hlc });
    expect(merged.hlc).toBe(onB.hlc);
    expect(mergeRecords(onB, onA)).toEqual(merged);
  });

  it('gives a field both devices changed to the later clock, whichever arrives first', () => {
    const earlier = edited(base, { summary: 'earlier' }, stampAt(1000, 'b'));
    const later = edited(base, { summary: 'later' }, stampAt(1000, 'a', 1));
    expect(mergeRecords(earlier, later).summary).toBe('later');
    expect(mergeRecords(later, earlier).summary).toBe('later');
  });

  it('an old version arriving late changes nothing', () => {
    const latest = edited(edited(base, { summary: 'one' }, stampAt(1000)), { totalPersons: 13 }, stampAt(2000));
    expect(mergeRecords(latest, base)).toEqual(latest);
    expect(sameRecord(mergeRecords(base, latest), latest)).toBe(true);
  });

  it('treats a field without a clock as unchanged since creation, older than any edit', () => {
    // B's only entry is later than A's edit of kind: a missing entry must not borrow it.
    const onA = edited(base, { kind: 'point_count' }, stampAt(1000, 'a'));
    const onB = edited(base, { summary: 'late summary' }, stampAt(5000, 'b'));
    const merged = mergeRecords(onA, onB);
    expect(merged.kind).toBe('point_count');
    expect(merged.summary).toBe('late summary');
  });

  it('keeps a record without field clocks without them when nothing was edited', () => {
    const merged = mergeRecords(base, { ...base });
    expect(merged).toEqual(base);
    expect('fieldClocks' in merged).toBe(false);
  });

  it('keeps a deletion over a later concurrent edit, and still merges the edit into the tombstone', () => {
    const deleted = edited(base, { deleted: true }, stampAt(1000, 'a'));
    const edit = edited(base, { summary: 'edited after' }, stampAt(9000, 'b'));
    for (const merged of [mergeRecords(deleted, edit), mergeRecords(edit, deleted)]) {
      expect(merged.deleted).toBe(true);
      expect(merged.summary).toBe('edited after');
    }
  });

  it('keeps a deletion even against a version that claims a later undeleted clock', () => {
    const deleted = edited(base, { deleted: true }, stampAt(1000, 'a'));
    const bogus = edited(base, { deleted: false }, stampAt(9000, 'b'));
    expect(mergeRecords(bogus, deleted).deleted).toBe(true);
  });

  it('merges the head count and its breakdown as one, so that the result keeps the rules', () => {
    const counts = { men: 4, women: 4, boys: 1, girls: 1, unaccompaniedChildren: null, separatedChildren: null, method: 'exact_count', min: null, max: null } as const;
    const withCounts = created({ totalPersons: 10, counts });
    // A lowers the total with a breakdown to match; B, later, corrects only the breakdown.
    const onA = edited(withCounts, { totalPersons: 5, counts: { ...counts, men: 2, women: 1 } }, stampAt(1000, 'a'));
    const onB = edited(withCounts, { counts: { ...counts, men: 5, women: 3 } }, stampAt(2000, 'b'));
    expect(checkRules(onA, T0 + 60_000).issues).toEqual([]);
    expect(checkRules(onB, T0 + 60_000).issues).toEqual([]);
    const merged = mergeRecords(onA, onB);
    expect(merged.totalPersons).toBe(10);
    expect(merged.counts?.men).toBe(5);
    expect(checkRules(merged, T0 + 60_000).issues).toEqual([]);
    // Field by field it would have been total 5 with a breakdown of 10: refused by the rules.
    expect(checkRules({ ...merged, totalPersons: 5 }, T0 + 60_000).issues).not.toEqual([]);
  });

  it('merges the review state, the review and the source grades as one', () => {
    const verified = edited(
      base,
      {
        reviewStatus: 'verified',
        review: { reviewer: 'Boris', reviewedAt: '2026-03-01T11:00:00.000Z', note: null },
        source: { type: 'direct_observation', name: null, reliability: 'B', credibility: '2' },
      },
      stampAt(1000, 'b'),
    );
    const sourceEdit = edited(base, { source: { type: 'authorities', name: null, reliability: null, credibility: null } }, stampAt(2000, 'a'));
    const merged = mergeRecords(verified, sourceEdit);
    expect(checkRules(merged, T0 + 60_000).issues).toEqual([]);
    expect(merged.reviewStatus).toBe('submitted');
    expect(merged.source?.type).toBe('authorities');
  });

  it('settles equal clocks with different values the same way on both sides', () => {
    const stamp = stampAt(1000);
    const one = edited(base, { summary: 'x' }, stamp);
    const two = edited(base, { summary: 'y' }, stamp);
    expect(mergeRecords(one, two)).toEqual(mergeRecords(two, one));
  });

  it('refuses to merge two different records', () => {
    expect(() => mergeRecords(base, { ...base, id: '01900000-0000-7000-8000-000000000002' })).toThrow(/different records/);
  });

  it('writes its keys in schema order, whatever order the versions had', () => {
    const reversed = Object.fromEntries(Object.entries(edited(base, { summary: 's' }, stampAt(1))).reverse()) as Observation;
    const merged = mergeRecords(reversed, base);
    expect(Object.keys(merged)).toEqual(Object.keys(observationSchema.shape).filter((key) => key in merged));
  });

  it('names only fields of the record in its units, each in one unit', () => {
    const fields = MERGE_UNITS.flat();
    expect(new Set(fields).size).toBe(fields.length);
    for (const field of fields) expect(Object.keys(observationSchema.shape)).toContain(field);
  });
});

// ---- Properties over arbitrary versions, including ones no honest device would write ----

const stampArb = fc
  .record({ wall: fc.integer({ min: 0, max: 5 }), counter: fc.integer({ min: 0, max: 2 }), node: fc.constantFrom('a', 'b', 'c') })
  .map(({ wall, counter, node }) => formatHlc({ wallMs: T0 + wall * 1000, counter, node }));

const MERGED_FIELDS = ['summary', 'totalPersons', 'counts', 'kind', 'observedEnd', 'deleted', 'classification', 'notes', 'reviewStatus'] as const;

/** A version of the one record: a few fields varied over small sets (so that ties happen), any clocks. */
const versionArb: fc.Arbitrary<Observation> = fc
  .record(
    {
      summary: fc.constantFrom('', 'x', 'y'),
      totalPersons: fc.integer({ min: 0, max: 3 }),
      counts: fc.option(fc.option(fc.integer({ min: 0, max: 2 })).map(countsWithMen), { nil: undefined }),
      kind: fc.constantFrom('group_sighting', 'point_count'),
      observedEnd: fc.option(fc.constantFrom(null, '2026-03-01T09:30:00.000Z'), { nil: undefined }),
      deleted: fc.boolean(),
      classification: fc.option(fc.constantFrom('internal', 'restricted'), { nil: undefined }),
      notes: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }),
      reviewStatus: fc.constantFrom('submitted', 'verified'),
      hlc: stampArb,
      fieldClocks: fc.option(fc.dictionary(fc.constantFrom(...MERGED_FIELDS), stampArb, { maxKeys: 4 }), { nil: undefined }),
    },
    { requiredKeys: ['summary', 'totalPersons', 'kind', 'deleted', 'reviewStatus', 'hlc'] },
  )
  .map((v) => {
    // An absent optional key must not leave the base's value behind (a spread would).
    const fields: [string, unknown][] = Object.entries({ ...created(), ...v });
    return observationSchema.parse(Object.fromEntries(fields.filter(([, value]) => value !== undefined)));
  });

function same(x: Observation, y: Observation): void {
  expect(canonicalJson(x)).toBe(canonicalJson(y));
}

describe('mergeRecords: properties', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        same(mergeRecords(a, b), mergeRecords(b, a));
      }),
      { numRuns: 500 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        same(mergeRecords(mergeRecords(a, b), c), mergeRecords(a, mergeRecords(b, c)));
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent, and merging a result again changes nothing', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        same(mergeRecords(a, a), a);
        const ab = mergeRecords(a, b);
        same(mergeRecords(ab, a), ab);
        same(mergeRecords(ab, b), ab);
      }),
      { numRuns: 300 },
    );
  });

  it('converges: replicas that receive the same versions in any order, some twice, hold the same record', () => {
    fc.assert(
      fc.property(
        fc.array(versionArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.nat(), { minLength: 0, maxLength: 4 }), { minLength: 2, maxLength: 4 }),
        (versions, orders) => {
          const replicas = orders.map((extra, r) => {
            // Each replica: every version once, in its own order, plus some redelivered.
            const order = versions.map((v, i) => ({ v, key: (i * 7919 + r * 104_729) % 97 }));
            order.sort((x, y) => x.key - y.key);
            return mergeAll([...order.map((o) => o.v), ...extra.map((i) => at(versions, i % versions.length))]);
          });
          for (const replica of replicas) same(replica, at(replicas, 0));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps deleted sticky: one deleted version makes every merge deleted', () => {
    fc.assert(
      fc.property(fc.array(versionArb, { minLength: 1, maxLength: 6 }), (versions) => {
        expect(mergeAll(versions).deleted).toBe(versions.some((v) => v.deleted));
      }),
    );
  });

  it('result clocks are the later of each field and of the record', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        const merged = mergeRecords(a, b);
        expect(merged.hlc).toBe(a.hlc > b.hlc ? a.hlc : b.hlc);
        for (const field of new Set([...Object.keys(a.fieldClocks ?? {}), ...Object.keys(b.fieldClocks ?? {})])) {
          const x = a.fieldClocks?.[field] ?? '';
          const y = b.fieldClocks?.[field] ?? '';
          expect(merged.fieldClocks?.[field]).toBe(x > y ? x : y);
        }
      }),
    );
  });
});

// ---- Simulated devices: honest edits with real clocks, synced at random ----

/** Fields the simulation edits, two of them in one unit, and the values it writes. */
const EDITS = {
  summary: fc.constantFrom('s1', 's2', 's3'),
  totalPersons: fc.integer({ min: 0, max: 10 }),
  counts: fc.integer({ min: 0, max: 10 }).map(countsWithMen),
  classification: fc.constantFrom('internal', 'restricted', 'public'),
  notes: fc.constantFrom('note one', 'note two'),
  deleted: fc.constant(true),
} as const;
type EditedField = keyof typeof EDITS;

const stepArb = fc.oneof(
  fc.record({ op: fc.constant('edit' as const), device: fc.nat(2), field: fc.constantFrom(...(Object.keys(EDITS) as EditedField[])), seed: fc.nat() }),
  fc.record({ op: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
  fc.record({ op: fc.constant('tick' as const), device: fc.nat(2), ms: fc.integer({ min: 0, max: 3000 }) }),
);

function unitOf(field: string): readonly string[] {
  return MERGE_UNITS.find((unit) => (unit as readonly string[]).includes(field)) ?? [field];
}

describe('mergeRecords: devices editing one record concurrently', () => {
  it('converge, keep each unit as its last edit left it, and never resurrect a deleted record', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.integer({ min: 0, max: 2**31 - 1 }), (steps, seed) => {
        const base = created({ hlc: stampAt(0, 'n0') });
        const devices = [0, 1, 2].map((i) => ({
          record: base,
          wallMs: T0 + i * 400,
          clock: receiveHlc(initialHlc(`n${i}`), { wallMs: T0, counter: 0, node: 'n0' }, T0),
        }));
        /** Per unit: the latest edit's stamp and the unit's values right after it. */
        const lastOfUnit = new Map<string, { stamp: string; values: string }>();
        let anyDelete = false;
        const unitValues = (record: Observation, unit: readonly string[]) =>
          canonicalJson(Object.fromEntries(unit.map((f) => [f, (record as Record<string, unknown>)[f]])));

        for (const step of steps) {
          if (step.op === 'tick') at(devices, step.device).wallMs += step.ms;
          else if (step.op === 'sync') {
            const from = at(devices, step.from);
            const to = at(devices, step.to);
            to.clock = receiveHlc(to.clock, parseHlc(from.record.hlc), to.wallMs);
            to.record = mergeRecords(to.record, from.record);
          } else {
            const device = at(devices, step.device);
            device.clock = tickHlc(device.clock, device.wallMs);
            const stamp = formatHlc(device.clock);
            let value = fc.sample<unknown>(EDITS[step.field], { seed: seed + step.seed, numRuns: 1 })[0];
            // An honest device keeps the rules: the breakdown within the total it holds.
            const men = device.record.counts?.men ?? 0;
            if (step.field === 'totalPersons') value = Math.max(Number(value), men);
            if (step.field === 'counts') value = countsWithMen(Math.min((value as { men: number }).men, device.record.totalPersons));
            device.record = edited(device.record, { [step.field]: value }, stamp);
            if (step.field === 'deleted') anyDelete = true;
            const unit = unitOf(step.field);
            const key = unit.join('+');
            const previous = lastOfUnit.get(key);
            if (!previous || stamp > previous.stamp) lastOfUnit.set(key, { stamp, values: unitValues(device.record, unit) });
          }
        }
        // Everyone syncs with everyone.
        const final = mergeAll(devices.map((d) => d.record));
        for (const device of devices) same(mergeRecords(device.record, final), final);
        expect(final.deleted).toBe(anyDelete);
        for (const [key, last] of lastOfUnit) expect(unitValues(final, key.split('+')), key).toBe(last.values);
        expect(checkRules(final, T0 + 86_400_000).issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a field edited on one side survives a concurrent edit of another field on the other; the same field goes to the later clock', () => {
    const fields = ['summary', 'totalPersons', 'classification', 'notes', 'observedEnd'] as const;
    const valueOf: Record<(typeof fields)[number], (n: number) => unknown> = {
      summary: (n) => `summary ${n}`,
      totalPersons: (n) => 20 + n,
      classification: (n) => (['internal', 'restricted', 'public'] as const)[n % 3],
      notes: (n) => `note ${n}`,
      observedEnd: (n) => `2026-03-01T09:${String(10 + n).padStart(2, '0')}:00.000Z`,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.constantFrom(...fields),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        (fieldA, fieldB, valueA, valueB, wallA, wallB) => {
          const base = created();
          const onA = edited(base, { [fieldA]: valueOf[fieldA](valueA) }, stampAt(wallA, 'a'));
          const onB = edited(base, { [fieldB]: valueOf[fieldB](valueB + 10) }, stampAt(wallB, 'b'));
          const merged = mergeRecords(onA, onB);
          same(merged, mergeRecords(onB, onA));
          const read = (field: string) => (merged as Record<string, unknown>)[field];
          const later = onA.hlc > onB.hlc ? onA : onB;
          if (unitOf(fieldA).join() === unitOf(fieldB).join()) {
            for (const field of unitOf(fieldA)) expect(read(field)).toEqual((later as Record<string, unknown>)[field]);
          } else {
            expect(read(fieldA)).toEqual(valueOf[fieldA](valueA));
            expect(read(fieldB)).toEqual(valueOf[fieldB](valueB + 10));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
