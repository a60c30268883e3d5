/** A clock in milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;

/** ISO 8601 text of a timestamp column, whichever driver read it (Date or string). */
export function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError('not a timestamp');
}

/** Like isoOf, keeping SQL NULL as null. */
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : isoOf(value);
}
