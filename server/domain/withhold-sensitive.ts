/**
 * What of a record a puller may see: the sensitive fields (SENSITIVE_FIELD_PATHS, read
 * from the schema's `sensitive` metadata) reach only those the rule book lets see them
 * (`record.view_sensitive`, shared/access/roles.ts); for everyone else the pull leaves
 * them out and names them in the change's `withheld`, so that the device shows
 * "withheld", not "empty".
 *
 * `withheld` lists every sensitive path the record has room for (the top-level ones
 * always, `source.name` when the record has a source group), filled or not: listing
 * only the filled ones would tell the puller which records have, say, trafficking
 * indicators, which is itself what is withheld.
 *
 * A withheld field is removed where the schema lets it be absent, and set to null where
 * it must be present but may be null (`source.name`), so that the record still parses
 * as an observation on the device.
 */
import { checkAuthority } from '../../shared/access/roles';
import type { AuthoritySubject, User } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { observationSchema } from '../../shared/observations/observation-schema';
import { SENSITIVE_FIELD_PATHS } from '../../shared/observations/sensitive-fields';
import type { z } from '../../shared/schema/zod';

interface WithholdStep {
  path: string;
  /** Keys from the record down to the field's parent object. */
  parents: readonly string[];
  key: string;
  /** Remove the key (the schema lets it be absent), or set it to null. */
  remove: boolean;
}

/** The schema under optional/nullable/default wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) current = def.innerType;
    else return current;
  }
}

function stepOf(path: string): WithholdStep {
  const keys = path.split('.');
  const key = keys.pop() ?? path;
  let schema: z.ZodType = observationSchema;
  for (const parent of keys) {
    const shape = (unwrap(schema).def as { shape?: Record<string, z.ZodType> }).shape;
    const child = shape?.[parent];
    if (child === undefined) throw new Error(`sensitive path ${path} is not in the record schema`);
    schema = child;
  }
  const leaf = (unwrap(schema).def as { shape?: Record<string, z.ZodType> }).shape?.[key];
  if (leaf === undefined) throw new Error(`sensitive path ${path} is not in the record schema`);
  if (leaf.safeParse(undefined).success) return { path, parents: keys, key, remove: true };
  if (leaf.safeParse(null).success) return { path, parents: keys, key, remove: false };
  throw new Error(`sensitive field ${path} can be neither left out nor null: it cannot be withheld`);
}

/** Worked out once: a sensitive field that cannot be withheld fails at start-up, not at a pull. */
const STEPS: readonly WithholdStep[] = SENSITIVE_FIELD_PATHS.map(stepOf);

/** A copy of the record without its sensitive fields, and the paths left out. */
export function withholdSensitive(record: Observation): { record: Observation; withheld: string[] } {
  const copy = structuredClone(record) as Record<string, unknown>;
  const withheld: string[] = [];
  for (const step of STEPS) {
    let parent: unknown = copy;
    for (const key of step.parents) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
    if (parent === null || typeof parent !== 'object') continue;
    const target = parent as Record<string, unknown>;
    if (step.remove) Reflect.deleteProperty(target, step.key);
    else target[step.key] = null;
    withheld.push(step.path);
  }
  return { record: copy as Observation, withheld };
}

/**
 * The record as this user may see it: whole, or with its sensitive fields withheld.
 * `judgedOn` is what the rule book is asked about (office, author, classification): by
 * default the record itself; the pull passes the record as the server holds it now, so
 * that an old version in the feed, or a device's stale copy, cannot name a laxer
 * classification than the record has.
 */
export function recordForViewer(user: User, record: Observation, judgedOn: AuthoritySubject = record): { record: Observation; withheld?: string[] } {
  if (checkAuthority(user, 'record.view_sensitive', judgedOn).allowed) return { record };
  return withholdSensitive(record);
}
