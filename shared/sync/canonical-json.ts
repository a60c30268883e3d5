/**
 * JSON with object keys sorted, so that equal values give equal text whatever the order
 * their keys were written in. `undefined` (absent) gives '', which sorts before every
 * JSON text: the merge uses this text as its last, deterministic tie-break.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
