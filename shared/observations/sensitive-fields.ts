/**
 * Where the record's sensitive fields are: derived from the `sensitive` metadata on
 * the schema, so that marking a field in the schema is the only change needed for
 * encryption at rest, logging and exports to treat it as sensitive.
 */
import type { z } from '../schema/zod';
import { observationSchema } from './observation-schema';

/** Unwrap optional/nullable/default wrappers to the schema underneath. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    const def = current.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
      if (current.meta()?.sensitive === true) return current;
      current = def.innerType;
    } else {
      return current;
    }
  }
}

function isSensitive(schema: z.ZodType): boolean {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (current.meta()?.sensitive === true) return true;
    const def = current.def as { type: string; innerType?: z.ZodType };
    current = def.type === 'optional' || def.type === 'nullable' || def.type === 'default' ? def.innerType : undefined;
  }
  return false;
}

function collect(schema: z.ZodType, prefix: string, out: string[]): void {
  if (isSensitive(schema)) {
    out.push(prefix);
    return;
  }
  const inner = unwrap(schema);
  const def = inner.def as { type: string; shape?: Record<string, z.ZodType> };
  if (def.type === 'object' && def.shape) {
    for (const [key, child] of Object.entries(def.shape)) collect(child, prefix ? `${prefix}.${key}` : key, out);
  }
}

/** Dotted paths of the sensitive fields of an observation, e.g. `source.name`. */
export const SENSITIVE_FIELD_PATHS: readonly string[] = (() => {
  const out: string[] = [];
  collect(observationSchema, '', out);
  return Object.freeze(out);
})();
