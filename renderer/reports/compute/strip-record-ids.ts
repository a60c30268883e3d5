/**
 * The figures as the screen needs them: every figure's list of record ids emptied (its
 * `records` count stays). A year of 100,000 records puts about 1.2 million ids in the
 * figures, and posting them from the worker costs as much as computing them; the
 * screen opens a figure's records by filter (kinds, place, period), never by ids.
 * Walks plain data only (the figures are plain objects and arrays), in place.
 */
export function stripRecordIds<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const child of item) if (typeof child === 'object' && child !== null) stack.push(child);
    } else if (typeof item === 'object' && item !== null) {
      const object = item as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        const child = object[key];
        if (key === 'recordIds' && Array.isArray(child)) object[key] = [];
        else if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return value;
}
