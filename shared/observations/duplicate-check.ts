/**
 * "Duplicate of…?": two monitors at the same crossing often report the same group.
 * Before a record is submitted the form asks whether it repeats one already stored:
 * same kind, same place, close in time and in count. A hint, never a block: two groups
 * of similar size do cross at the same place on the same evening.
 *
 * Pure: the caller passes the nearby entries (the renderer reads them from its compact
 * index; an import can pass its batch).
 */
import type { ObservationKind } from './codelists';

/** Reports this far apart in time can be of the same group. */
export const DUPLICATE_WINDOW_MS = 3 * 60 * 60 * 1000;
/** Points without a gazetteer place this close (metres) count as the same place. */
export const DUPLICATE_DISTANCE_M = 1000;

export interface DuplicateProbe {
  kind: ObservationKind;
  placeId: string | null;
  lat: number | null;
  lon: number | null;
  timeMs: number;
  persons: number;
}

export interface DuplicateEntry extends DuplicateProbe {
  id: string;
}

/** Great-circle distance in metres (haversine; plenty for "within a kilometre"). */
export function distanceMetres(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function samePlace(a: DuplicateProbe, b: DuplicateProbe): boolean {
  if (a.placeId !== null || b.placeId !== null) return a.placeId === b.placeId;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  return distanceMetres(a.lat, a.lon, b.lat, b.lon) <= DUPLICATE_DISTANCE_M;
}

/**
 * Counts of the same group differ by who counted and when: within 2 persons, or within
 * a fifth of the larger count, are close.
 */
export function closeCounts(a: number, b: number): boolean {
  const difference = Math.abs(a - b);
  return difference <= 2 || difference <= 0.2 * Math.max(a, b);
}

export function isLikelyDuplicate(probe: DuplicateProbe, entry: DuplicateProbe): boolean {
  return (
    probe.kind === entry.kind &&
    Math.abs(probe.timeMs - entry.timeMs) <= DUPLICATE_WINDOW_MS &&
    samePlace(probe, entry) &&
    closeCounts(probe.persons, entry.persons)
  );
}

/** The entries that may be the same observation, closest in time first. `excludeId`: the record being edited. */
export function findLikelyDuplicates(probe: DuplicateProbe, entries: readonly DuplicateEntry[], excludeId?: string): DuplicateEntry[] {
  return entries
    .filter((entry) => entry.id !== excludeId && isLikelyDuplicate(probe, entry))
    .sort((a, b) => Math.abs(a.timeMs - probe.timeMs) - Math.abs(b.timeMs - probe.timeMs));
}
