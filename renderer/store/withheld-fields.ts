/**
 * Sensitive fields the server withheld from a record this device pulled (the `withheld`
 * table), and what they mean for the screens and for writes.
 *
 * A withheld path the record holds no value for is "blind": the server may hold a value
 * there that this device's user was not shown. The screens say "Withheld for your role"
 * for it, never "empty". And this device must not write the record while it is blind:
 * every write pushes the whole record, and the merge (shared/sync/merge-record.ts) takes
 * a unit whole from the side with the later clock, and on equal clocks from the side
 * whose values sort later as canonical JSON, which an absent value does (`{}` sorts after
 * `{"notes":…}`, `null` after `"…"`). So an edit of any other field, a review or a
 * delete, pushed from this device, would clear the withheld value on the server.
 *
 * A withheld path the record does hold a value for is this device's own later edit (the
 * merge kept it over the pulled version without it): it is shown, and syncs as any edit.
 */
import type { Observation } from '../../shared/observations/observation-schema';

/** The value at a dotted path of the record (undefined where a step is missing). */
function valueAt(record: Observation, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Readonly<Record<string, unknown>>)[key];
  }
  return value;
}

/** The withheld paths the record holds no value for (absent or null), in the order given. */
export function blindWithheld(record: Observation, withheld: readonly string[]): string[] {
  return withheld.filter((path) => {
    const value = valueAt(record, path);
    return value === undefined || value === null;
  });
}

/**
 * `before` with the values `pulled` holds at `paths` (blind withheld paths of `before`
 * that the pulled version carries), for the merge of a version pulled whole over a copy
 * pulled without them. The copy's absent value is no value of its own, only what it was
 * not shown; merged as it stands, it would win on equal clocks (an absent value sorts
 * later, see the top of this file), and the device would keep "empty" where the server
 * holds a value, with nothing left to say it was withheld. A path whose parent group
 * either version lacks is left as it is (the group's own clock decides it).
 */
export function withPulledValues(before: Observation, pulled: Observation, paths: readonly string[]): Observation {
  if (paths.length === 0) return before;
  const filled = structuredClone(before) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    const leaf = keys.pop();
    if (leaf === undefined) continue;
    let target: unknown = filled;
    let source: unknown = pulled;
    for (const key of keys) {
      target = target !== null && typeof target === 'object' ? (target as Record<string, unknown>)[key] : undefined;
      source = source !== null && typeof source === 'object' ? (source as Readonly<Record<string, unknown>>)[key] : undefined;
    }
    if (target === null || typeof target !== 'object' || source === null || typeof source !== 'object') continue;
    const value = (source as Readonly<Record<string, unknown>>)[leaf];
    if (value === undefined) Reflect.deleteProperty(target, leaf);
    else (target as Record<string, unknown>)[leaf] = structuredClone(value);
  }
  return filled as Observation;
}

/**
 * A write refused because the record holds fields withheld from this device's user:
 * pushed, it would clear them on the server (see the top of this file). Nothing was
 * written or queued.
 */
export class WithheldFieldsError extends Error {
  constructor(
    readonly recordId: string,
    readonly fields: readonly string[],
  ) {
    super(`record ${recordId} holds fields withheld from this device (${fields.join(', ')}): a change of it would clear them on the server`);
    this.name = 'WithheldFieldsError';
  }
}
