import type { z } from '../../shared/schema/zod';
import { invalidRequest } from './api-error';

/** Most validation problems listed in one message; the rest are counted. */
const MAX_LISTED_ISSUES = 5;

/** Describe zod issues in one line, naming the path of each, without echoing the values sent. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = issues.length - listed.length;
  return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}

/** Parse request input with a schema, or throw 400 invalid_request saying what is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(`invalid ${what}: ${describeIssues(result.error.issues)}`);
  return result.data;
}

/**
 * PostgreSQL text cannot hold the NUL character; free text stored in plain columns is
 * checked with this so that it fails as a 400, not as a database error.
 */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}
