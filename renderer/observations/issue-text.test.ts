/**
 * Every refusal names its field and its rule: for every field of the record's schema
 * (walked from the schema itself, so that a field added later is covered), values that
 * break each of its rules are refused with a message that holds the field's label as
 * the form shows it, and never the old "This value is not valid.".
 */
import { describe, expect, it } from 'vitest';
import type { z } from '../../shared/schema/zod';
import { checkObservationInput } from '../../shared/observations/observation-rules';
import { observationInputSchema } from '../../shared/observations/observation-schema';
import { fieldLabel, hasFieldLabel } from './field-labels';
import { issueText } from './issue-text';

const NOW = Date.parse('2026-03-10T12:00:00Z');

/** A record with every group filled, valid: each test breaks one field of it. */
const VALID = {
  kind: 'group_sighting',
  observedStart: '2026-03-10T10:00:00.000Z',
  observedEnd: '2026-03-10T11:00:00.000Z',
  timePrecision: 'exact',
  placeId: 'mk-tabanovce',
  location: { lat: 42.21, lon: 21.71 },
  locationMethod: 'gazetteer',
  locationPrecision: 'exact',
  country: 'MK',
  totalPersons: 10,
  summary: 'Ten at the crossing',
  movement: {
    direction: null,
    fromPlaceId: null,
    fromCountry: null,
    toPlaceId: null,
    toCountry: null,
    intendedCountry: null,
    transportModes: ['on_foot'],
    crossingType: null,
    facilitator: null,
  },
  counts: { men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, method: null, min: null, max: null },
  nationalities: [{ code: 'SYR', count: 1, basis: 'declared' }],
  vulnerabilities: [{ code: 'pregnant_or_lactating', count: 1 }],
  site: { capacity: null, occupancy: null },
  borderStatus: { status: 'open', nationalityFilter: ['SYR'] },
  incident: { type: null, actor: null, dead: null, injured: null, missing: null },
  traffickingIndicators: ['iom_unpaid_work'],
  source: { type: null, name: null, reliability: null, credibility: null },
  summaryLanguage: 'en',
  notes: 'A note',
  classification: 'internal',
};

type Schema = z.core.$ZodType;
interface Def {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  checks?: { _zod: { def: { check: string; maximum?: number; format?: string } } }[];
}
const defOf = (schema: Schema): Def => schema._zod.def;

/** Values that break one rule each of a schema (its type, its limits, its format, its list). */
function invalidValues(schema: Schema): unknown[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return def.innerType ? invalidValues(def.innerType) : [];
    case 'number': {
      const n = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      return [
        'ten',
        Number.NaN,
        ...(n.minValue !== null ? [n.minValue - 1] : []),
        ...(n.maxValue !== null ? [n.maxValue + 1] : []),
        ...(n.isInt ? [1.5] : []),
      ];
    }
    case 'string': {
      const s = schema as unknown as { minLength: number | null; maxLength: number | null; format: string | null };
      const checks = (def.checks ?? []).map((c) => c._zod.def);
      return [
        42,
        ...(s.minLength !== null ? [''] : []),
        ...(s.maxLength !== null ? ['x'.repeat(s.maxLength + 1)] : []),
        ...(s.format !== null || checks.some((c) => c.check === 'string_format' || c.check === 'custom') ? ['not-in-the-right-form!'] : []),
      ];
    }
    case 'enum':
      return ['not-in-the-list', 7];
    case 'object':
      return ['an object as text'];
    case 'array': {
      const max = (def.checks ?? []).map((c) => c._zod.def).find((c) => c.check === 'max_length')?.maximum;
      return ['a list as text', ...(max !== undefined ? [Array.from({ length: max + 1 }, () => null)] : [])];
    }
    default:
      return [];
  }
}

/** Every field path of a schema (array members as index 0), with its schema. */
function fieldsOf(schema: Schema, path: string[] = []): [string[], Schema][] {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return fieldsOf(def.innerType, path);
  const own: [string[], Schema][] = path.length > 0 ? [[path, schema]] : [];
  if (def.type === 'object' && def.shape) return [...own, ...Object.entries(def.shape).flatMap(([key, inner]) => fieldsOf(inner, [...path, key]))];
  if (def.type === 'array' && def.element) return [...own, ...fieldsOf(def.element, [...path, '0'])];
  return own;
}

/** The valid record with one value replaced. */
function withValue(path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(VALID) as Record<string, unknown>;
  let here: Record<string, unknown> = copy;
  path.slice(0, -1).forEach((step) => {
    here = here[step] as Record<string, unknown>;
  });
  const last = path.at(-1);
  if (last !== undefined) here[last] = value;
  return copy;
}

/** A value as the test's name shows it (JSON.stringify says nothing of undefined, whatever its type says). */
const shown = (value: unknown): string => (JSON.stringify(value) as string | undefined)?.slice(0, 40) ?? String(value);

const fields = fieldsOf(observationInputSchema);
const cases = fields.flatMap(([path, schema]) => invalidValues(schema).map((value) => [path.join('.'), path, value] as const));

describe('a message for every field of the record', () => {
  it('starts from a valid record, and walks every field', () => {
    const valid = checkObservationInput(VALID, NOW);
    expect(valid.ok ? [] : valid.issues).toEqual([]);
    // The top-level fields, and inside the groups (a floor, so that a broken walk fails).
    expect(fields.length).toBeGreaterThan(60);
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases.map(([name, path, value]) => [name, shown(value), path, value] as const))(
    '%s = %s: refused, naming the field',
    (name, _shown, path, value) => {
      const result = checkObservationInput(withValue(path, value), NOW);
      expect(result.ok).toBe(false);
      const issues = result.ok ? [] : result.issues.filter((issue) => issue.field === name || issue.field.startsWith(`${name}.`));
      expect(issues.length, `no issue at ${name}`).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(hasFieldLabel(issue.field), `${issue.field} has a label`).toBe(true);
        const text = issueText(issue);
        expect(text.toLowerCase()).toContain(fieldLabel(issue.field).toLowerCase());
        expect(text).not.toContain('This value is not valid');
        expect(text).not.toMatch(/[{}]/);
      }
    },
  );
});

describe('the words', () => {
  const textAt = (patch: Record<string, unknown>, field: string): string[] => {
    const result = checkObservationInput({ ...VALID, ...patch }, NOW);
    return result.ok ? [] : result.issues.filter((i) => i.field === field).map(issueText);
  };

  it('say the rule and the limit', () => {
    expect(textAt({ totalPersons: -1 }, 'totalPersons')).toEqual(['Total persons cannot be negative.']);
    expect(textAt({ totalPersons: 1_000_001 }, 'totalPersons')).toEqual(['Total persons cannot be more than 1,000,000.']);
    expect(textAt({ totalPersons: 2.5 }, 'totalPersons')).toEqual(['Total persons must be a whole number.']);
    expect(textAt({ counts: { ...VALID.counts, men: 1_000_001 } }, 'counts.men')).toEqual(['Men cannot be more than 1,000,000.']);
    expect(textAt({ summary: 'x'.repeat(100_000) }, 'summary')).toEqual([
      'Summary is too long: 100,000 characters, at most 2,000. Nothing was cut: shorten it before submitting.',
    ]);
    expect(textAt({ observedEnd: '2026-03-10T09:00:00.000Z' }, 'observedEnd')).toEqual(['The end cannot be before the start.']);
    expect(textAt({ nationalities: [{ code: 'SYR', count: -3, basis: 'declared' }] }, 'nationalities.0.count')).toEqual([
      'Persons of nationality 1 cannot be negative.',
    ]);
  });

  it('say which place and countries a warning is about, by name', () => {
    const text = issueText({ field: 'placeId', message: 'validation.placeInOtherCountry', params: { place: 'Tabanovce', placeCountry: 'MK', office: 'RS-BEL', officeCountry: 'RS' } });
    expect(text).toMatch(/^Tabanovce is in (The Republic of )?North Macedonia, but office RS-BEL records in Serbia\. Check the place; you may submit anyway\.$/);
    const count = issueText({
      field: 'totalPersons',
      message: 'validation.unusualCount',
      params: { total: 1200, place: 'Tabanovce', median: 85, days: 90, records: 7, factor: 10 },
    });
    expect(count).toBe(
      '1,200 is far above the usual at Tabanovce (median 85 over the last 90 days, from 7 records; more than 10 times the median). Check the count; you may submit anyway.',
    );
  });

  it('name the field even for a key this version does not know', () => {
    expect(issueText({ field: 'counts.men', message: 'validation.fromTheFuture' })).toBe('Men is not valid.');
  });
});
