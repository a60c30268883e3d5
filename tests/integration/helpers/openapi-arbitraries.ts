/**
 * fast-check arbitraries built from the server's OpenAPI document (its JSON Schema
 * 2020-12 subset, as zod writes it): values that follow a schema, and values that
 * break it here and there, so that a fuzz run reaches the routes' code both past the
 * schema checks and at them.
 */
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';

type Json = Record<string, unknown>;

const MAX_DEPTH = 8;
/** Arrays stay short: the point is shapes, not sizes (size limits have their own tests). */
const MAX_ITEMS = 3;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SchemaArbitraries {
  private readonly cache = new Map<string, Arbitrary<unknown>>();

  constructor(private readonly document: Json) {}

  /** A schema by `$ref` (`#/components/schemas/Name`). */
  resolve(ref: string): Json {
    const path = ref.replace(/^#\//, '').split('/');
    let node: unknown = this.document;
    for (const key of path) node = isObject(node) ? node[key] : undefined;
    if (!isObject(node)) throw new Error(`unresolved $ref ${ref}`);
    return node;
  }

  /** Values that follow `schema`. */
  valid(schema: Json, depth = 0): Arbitrary<unknown> {
    if (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      const cached = this.cache.get(ref);
      if (cached) return cached;
      // Tied lazily, so that a recursive schema (none today) would not loop, and built once.
      let built: Arbitrary<unknown> | undefined;
      const arbitrary = fc.constant(null).chain(() => (built ??= this.valid(this.resolve(ref), depth + 1)));
      this.cache.set(ref, arbitrary);
      return arbitrary;
    }
    if (depth > MAX_DEPTH) return fc.constant(null);
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
    if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s) => this.valid(s, depth + 1)));
    const type = schema.type;
    if (Array.isArray(type)) return fc.oneof(...type.map((t) => this.valid({ ...schema, type: t as string }, depth)));
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return this.integer(schema);
      case 'number':
        return fc.oneof(this.integer(schema), fc.double({ min: num(schema.minimum, -1e9), max: num(schema.maximum, 1e9), noNaN: true, noDefaultInfinity: true }));
      case 'string':
        return this.string(schema);
      case 'array':
        return fc.array(isObject(schema.items) ? this.valid(schema.items, depth + 1) : fc.jsonValue(), {
          minLength: num(schema.minItems, 0),
          maxLength: Math.max(num(schema.minItems, 0), Math.min(num(schema.maxItems, MAX_ITEMS), MAX_ITEMS)),
        });
      case 'object':
        return this.object(schema, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** Values that mostly follow `schema`, now and then with one part replaced by anything, a key dropped or one added. */
  nearlyValid(schema: Json): Arbitrary<unknown> {
    return fc.oneof(
      { weight: 4, arbitrary: this.valid(schema) },
      { weight: 3, arbitrary: this.valid(schema).chain((value) => mutate(value)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
  }

  private integer(schema: Json): Arbitrary<number> {
    const min = Math.max(num(schema.minimum, -1e12), -1e12);
    const max = Math.min(num(schema.maximum, 1e12), 1e12);
    return fc.oneof(fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }), fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }).map(Math.trunc));
  }

  private string(schema: Json): Arbitrary<string> {
    const maxLength = num(schema.maxLength, 60);
    const minLength = num(schema.minLength, 0);
    if (typeof schema.pattern === 'string') {
      // Small repetitions keep most matches within maxLength; the rare longer one is cut, and so breaks the schema now and then.
      return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' }).map((s) => s.slice(0, maxLength));
    }
    if (schema.format === 'date-time') {
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    }
    return fc.string({ unit: fc.constantFrom('grapheme', 'binary', 'grapheme-ascii'), minLength, maxLength: Math.min(maxLength, 80) }).map((s) => s.slice(0, maxLength));
  }

  private object(schema: Json, depth: number): Arbitrary<unknown> {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const model: Record<string, Arbitrary<unknown>> = {};
    for (const [key, child] of Object.entries(properties)) {
      if (isObject(child)) model[key] = this.valid(child, depth + 1);
    }
    const known = fc.record(model, { requiredKeys: Object.keys(model).filter((k) => required.has(k)) });
    if (!isObject(schema.additionalProperties)) return known;
    const keys = isObject(schema.propertyNames) ? (this.valid(schema.propertyNames, depth + 1) as Arbitrary<string>) : fc.string({ maxLength: 20 });
    const extra = fc.dictionary(keys, this.valid(schema.additionalProperties, depth + 1), { maxKeys: MAX_ITEMS });
    return fc.tuple(known, extra).map(([k, e]) => ({ ...e, ...k }));
  }
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** One change somewhere in a JSON value: a part replaced by anything, a key dropped, a key added. */
export function mutate(value: unknown): Arbitrary<unknown> {
  if (Array.isArray(value) && value.length > 0) {
    const items: unknown[] = value;
    return fc.nat({ max: items.length - 1 }).chain((i) => mutate(items[i]).map((child) => items.map((v, j): unknown => (j === i ? child : v))));
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return fc.jsonValue({ maxDepth: 2 });
    return fc.oneof(
      fc.constantFrom(...keys).chain((key) => mutate(value[key]).map((child) => ({ ...value, [key]: child }))),
      fc.constantFrom(...keys).map((key) => {
        const { [key]: _dropped, ...rest } = value;
        return rest;
      }),
      fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype')), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({
        ...value,
        [k]: v,
      })),
    );
  }
  return fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', -1, 0, 1e308, '\u0000', 'x'.repeat(600), [], {}));
}
