/**
 * How two versions of one record become one: field by field, on the HLC stamp of each
 * field's last change (`fieldClocks`), the same on every device and on the server.
 *
 * The merge is a join: commutative, associative and idempotent. So every replica that
 * has seen the same set of versions holds the same record, whatever order they came
 * in and however often, and a merged version can itself be merged again. Four choices
 * make it so:
 *
 * 1. A field's clock is `fieldClocks[field]`; a field without an entry has not changed
 *    since the record was created. Its clock is then the creation stamp, which the
 *    record no longer carries (`hlc` moves on with every edit). It does not need to:
 *    every edit of the record is stamped by a device that already holds the record, so
 *    its HLC has passed the creation stamp and every real entry sorts after it. A
 *    missing entry is therefore taken as older than any stamp (CREATED). Taking the
 *    oldest entry the record does carry instead would be wrong: a record whose only
 *    entry is `summary` at 5 would claim its `kind` changed at 5 and beat another
 *    device's concurrent edit of `kind` at 3. Taking `hlc` for records without any
 *    entry would be safe on its own, but merging such a record with one that has
 *    entries would then have to write an entry for every field to stay associative.
 * 2. Fields that the cross-field rules (or the meaning of a value) bind together merge
 *    as one unit (MERGE_UNITS): the unit comes whole from the side whose latest member
 *    changed last. Taking `totalPersons` from one edit and `counts` from another could
 *    build a record that breaks a rule neither edit broke; the server refuses to accept
 *    such a record, so the device's next push of it would stay stuck in its outbox.
 * 3. Equal clocks with different values only come from a faulty writer (one stamp is
 *    one change), but must still be settled the same everywhere: the canonical JSON of
 *    the values decides, as does nothing that depends on which side came first.
 * 4. `deleted` is sticky: true wins over false whatever the clocks. There is no
 *    undelete, so a concurrent edit (or an old version arriving late) never brings a
 *    tombstone back; the edited values still merge into the tombstone, so nothing
 *    typed is lost from the record.
 *
 * The result's `fieldClocks` hold the later stamp of each field, its `hlc` the later of
 * the two, and it has `fieldClocks` only when one of the two had them.
 */
import type { Observation } from '../observations/observation-schema';
import { observationSchema } from '../observations/observation-schema';
import { canonicalJson } from './canonical-json';
import { compareHlc } from './hlc';

type Field = keyof Observation;

/** The clock of a field unchanged since creation: sorts before every HLC stamp. */
const CREATED = '';

/**
 * Fields that merge as one, each for a reason (every other field merges alone):
 * - the head count and its breakdowns (breakdown and nationality sums, estimate range);
 * - the time span and how precise it is (end not before start);
 * - the place, the point and how they were found (a place or a point is required; the
 *   method and precision describe the one chosen);
 * - the kind and its incident group (an incident needs a type);
 * - the review state, the review and the source grades (verified needs both grades and
 *   a reviewer); a review action writes the three together;
 * - the summary and the language it is written in.
 */
export const MERGE_UNITS = [
  ['totalPersons', 'counts', 'nationalities'],
  ['observedStart', 'observedEnd', 'timePrecision'],
  ['placeId', 'location', 'locationMethod', 'locationPrecision', 'country'],
  ['kind', 'incident'],
  ['reviewStatus', 'review', 'source'],
  ['summary', 'summaryLanguage'],
] as const satisfies readonly (readonly Field[])[];

/**
 * Not merged as values: the identity, the clocks the merge computes, and the bases of
 * the last edits (`fieldBases`, see merge-conflicts.ts), which travel with their unit.
 */
const BOOKKEEPING = new Set<string>(['id', 'hlc', 'fieldClocks', 'fieldBases']);

const unitOfField = new Map<string, readonly string[]>(MERGE_UNITS.flatMap((unit) => unit.map((field) => [field, unit] as const)));

/** The merge unit a field belongs to: its MERGE_UNITS entry, or the field alone. */
export function unitOf(field: string): readonly string[] {
  return unitOfField.get(field) ?? [field];
}

/** A unit's clock on one version: the latest stamp of its members ('' when none was edited since creation). */
export function unitClock(record: Observation, unit: readonly string[]): string {
  let clock = CREATED;
  for (const field of unit) clock = laterOf(clock, fieldClock(record, field));
  return clock;
}

/** Schema order for the result's keys, so that every replica writes the same text. */
const FIELD_ORDER: readonly string[] = Object.keys(observationSchema.shape);

type Fields = Readonly<Record<string, unknown>>;

function fieldClock(record: Observation, field: string): string {
  return record.fieldClocks?.[field] ?? CREATED;
}

function laterOf(a: string, b: string): string {
  return compareHlc(a, b) >= 0 ? a : b;
}

/** A unit of one side, in the order the merge compares: deletion first, then clock, then value. */
function unitKey(record: Observation, unit: readonly string[]): [number, string, string] {
  const values: Fields = record;
  let clock = CREATED;
  const present: Record<string, unknown> = {};
  for (const field of unit) {
    clock = laterOf(clock, fieldClock(record, field));
    if (values[field] !== undefined) present[field] = values[field];
  }
  const sticky = unit.includes('deleted') && record.deleted ? 1 : 0;
  return [sticky, clock, canonicalJson(present)];
}

function compareKeys(a: readonly [number, string, string], b: readonly [number, string, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return compareHlc(a[1], b[1]) || compareHlc(a[2], b[2]);
}

/** Every field either side has a value or a clock for, grouped into merge units. */
function unitsOf(a: Observation, b: Observation): (readonly string[])[] {
  const fields = new Set([
    ...Object.keys(a),
    ...Object.keys(b),
    ...Object.keys(a.fieldClocks ?? {}),
    ...Object.keys(b.fieldClocks ?? {}),
    ...Object.keys(a.fieldBases ?? {}),
    ...Object.keys(b.fieldBases ?? {}),
  ]);
  const units = new Set<readonly string[]>();
  for (const field of fields) {
    if (!BOOKKEEPING.has(field)) units.add(unitOfField.get(field) ?? [field]);
  }
  return [...units];
}

function inFieldOrder(fields: Record<string, unknown>): Record<string, unknown> {
  const known = FIELD_ORDER.filter((field) => field in fields);
  const other = Object.keys(fields)
    .filter((field) => !FIELD_ORDER.includes(field))
    .sort();
  return Object.fromEntries([...known, ...other].map((field) => [field, fields[field]]));
}

/** The one record two versions of it merge to (see the top of this file). Both must have the same id. */
export function mergeRecords(a: Observation, b: Observation): Observation {
  if (a.id !== b.id) throw new Error(`cannot merge versions of different records (${a.id}, ${b.id})`);
  const merged: Record<string, unknown> = { id: a.id, hlc: laterOf(a.hlc, b.hlc) };
  const bases: Record<string, string> = {};
  for (const unit of unitsOf(a, b)) {
    const winnerRecord = compareKeys(unitKey(a, unit), unitKey(b, unit)) >= 0 ? a : b;
    const winner: Fields = winnerRecord;
    for (const field of unit) {
      if (winner[field] !== undefined) merged[field] = winner[field];
      // The base of an edit belongs to the edit: it comes from the side whose unit won.
      const base = winnerRecord.fieldBases?.[field];
      if (base !== undefined) bases[field] = base;
    }
  }
  if (a.fieldBases !== undefined || b.fieldBases !== undefined) {
    merged.fieldBases = Object.fromEntries(Object.entries(bases).sort(([x], [y]) => (x < y ? -1 : 1)));
  }
  if (a.fieldClocks !== undefined || b.fieldClocks !== undefined) {
    const clocks: Record<string, string> = { ...a.fieldClocks };
    for (const [field, stamp] of Object.entries(b.fieldClocks ?? {})) clocks[field] = laterOf(clocks[field] ?? CREATED, stamp);
    merged.fieldClocks = Object.fromEntries(Object.entries(clocks).sort(([x], [y]) => (x < y ? -1 : 1)));
  }
  // Every value was copied from one of two valid records, field by field.
  return inFieldOrder(merged) as Observation;
}

/** Whether two versions hold the same values and clocks (key order aside). */
export function sameRecord(a: Observation, b: Observation): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
