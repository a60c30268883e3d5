/**
 * The stored observations of a kind around a time, from the compact day index (never
 * the full records), shaped for the duplicate check.
 */
import { DUPLICATE_WINDOW_MS } from '../../../shared/observations/duplicate-check';
import type { DuplicateEntry } from '../../../shared/observations/duplicate-check';
import type { ObservationKind } from '../../../shared/observations/codelists';
import type { ObservationStore } from '../../store/observation-store';

export async function nearbyIndexEntries(store: ObservationStore, kind: ObservationKind, timeMs: number): Promise<DuplicateEntry[]> {
  const rows = await store.queryIndex({
    from: new Date(timeMs - DUPLICATE_WINDOW_MS).toISOString(),
    to: new Date(timeMs + DUPLICATE_WINDOW_MS + 1).toISOString(),
    kinds: [kind],
  });
  return rows.ids.map((id, i) => {
    const lat = rows.lat[i] ?? Number.NaN;
    const lon = rows.lon[i] ?? Number.NaN;
    return {
      id,
      kind,
      placeId: rows.placeId[i] ?? null,
      lat: Number.isNaN(lat) ? null : lat,
      lon: Number.isNaN(lon) ? null : lon,
      timeMs: rows.time[i] ?? Number.NaN,
      persons: rows.persons[i] ?? 0,
    };
  });
}
