/**
 * How many rows of a pull page to hand out: at most `limit`, and no more once their
 * bytes would pass `maxBytes`, but always at least one, so that a row larger than the
 * page still goes out alone and a pull never stalls on it. Used by the pulls of changes
 * and of issued reports, which size their pages the same way.
 */
export function rowsWithinBytes(sizes: readonly { bytes: unknown }[], limit: number, maxBytes: number): number {
  let taken = 0;
  let bytes = 0;
  while (taken < Math.min(limit, sizes.length)) {
    const size = Number(sizes[taken]?.bytes ?? 0);
    if (taken > 0 && bytes + size > maxBytes) break;
    bytes += size;
    taken += 1;
  }
  return taken;
}
