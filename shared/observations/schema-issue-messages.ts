/**
 * The schema's refusals in words a person can act on: each zod issue becomes an i18n key
 * for its rule ("cannot be negative", "cannot be more than {max}", "is too long") with the
 * limit it breaks as a parameter. The screen puts the field's label in front
 * (renderer/observations/issue-text.ts), so no refusal reads "this value is not valid".
 */
import type { z } from '../schema/zod';
import type { IssueParams, ValidationIssue } from './validation-issue';

type SchemaIssue = z.core.$ZodIssue;

/** The value a path points at in the candidate (undefined where the path leads nowhere). */
export function valueAt(candidate: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = candidate;
  for (const step of path) {
    if (typeof here !== 'object' || here === null || typeof step === 'symbol') return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
  return here;
}

const numberOf = (value: number | bigint): number => Number(value);

function tooSmall(issue: Extract<SchemaIssue, { code: 'too_small' }>): [string, IssueParams] {
  const min = numberOf(issue.minimum);
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
    return min === 0 ? ['validation.negative', {}] : ['validation.tooSmall', { min }];
  }
  if (issue.origin === 'string') return min <= 1 ? ['validation.empty', {}] : ['validation.tooShort', { min }];
  return ['validation.tooFew', { min }];
}

function tooBig(issue: Extract<SchemaIssue, { code: 'too_big' }>, value: unknown): [string, IssueParams] {
  const max = numberOf(issue.maximum);
  if (issue.origin === 'string') return ['validation.tooLong', { max, length: typeof value === 'string' ? value.length : max + 1 }];
  if (issue.origin === 'array' || issue.origin === 'set') return ['validation.tooMany', { max }];
  return ['validation.tooBig', { max }];
}

function invalidType(issue: Extract<SchemaIssue, { code: 'invalid_type' }>, value: unknown): [string, IssueParams] {
  if (issue.expected === 'int') return ['validation.notWhole', {}];
  // The form sends an empty count as NaN (observation-draft.ts), an import a word as NaN.
  if (issue.expected === 'number') return value === undefined || value === null || Number.isNaN(value) ? ['validation.numberRequired', {}] : ['validation.notNumber', {}];
  if (value === undefined || value === null) return ['validation.required', {}];
  if (issue.expected === 'string') return ['validation.notText', {}];
  return ['validation.wrongShape', {}];
}

function invalidFormat(issue: Extract<SchemaIssue, { code: 'invalid_format' }>, path: readonly PropertyKey[]): [string, IssueParams] {
  if (issue.format === 'datetime') return ['validation.dateTime', {}];
  const last = path.at(-1);
  if (typeof last === 'string' && /country$/i.test(last)) return ['validation.countryCode', {}];
  return ['validation.format', {}];
}

/** One schema issue as a message key at its field, with the limit it names. */
export function issueOfSchema(issue: SchemaIssue, candidate: unknown): ValidationIssue {
  const field = issue.path.map(String).join('.') || 'form';
  const value = valueAt(candidate, issue.path);
  let found: [string, IssueParams];
  switch (issue.code) {
    case 'too_small':
      found = tooSmall(issue);
      break;
    case 'too_big':
      found = tooBig(issue, value);
      break;
    case 'invalid_type':
      found = invalidType(issue, value);
      break;
    case 'invalid_value':
      found = ['validation.notInList', {}];
      break;
    case 'invalid_format':
      found = invalidFormat(issue, issue.path);
      break;
    case 'custom':
      // Our own refinements carry their key (e.g. validation.nationalityCode, validation.placeRequired).
      found = [issue.message.startsWith('validation.') ? issue.message : 'validation.invalidField', {}];
      break;
    // Shapes our schemas do not use (unions, records' keys, multiples): the field is still named.
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'unrecognized_keys':
    case 'not_multiple_of':
      found = ['validation.invalidField', {}];
  }
  const [message, params] = found;
  return Object.keys(params).length > 0 ? { field, message, params } : { field, message };
}
