/**
 * What the place rules (shared/observations/place-rules.ts) need to know of a record's
 * gazetteer place: its name and country from the gazetteer, and the total persons of the
 * place's other records of the same kind over the last UNUSUAL_WINDOW_DAYS from the
 * device's day index (read only; never the full records). Rejected records are left out:
 * a reviewer found them wrong, so they say nothing of what is usual.
 */
import { REVIEW_STATUSES } from '../../../shared/observations/codelists';
import type { ObservationKind } from '../../../shared/observations/codelists';
import { UNUSUAL_WINDOW_DAYS } from '../../../shared/observations/place-rules';
import type { PlaceFacts } from '../../../shared/observations/place-rules';
import type { Place } from '../../../shared/places/place';
import type { ObservationStore } from '../../store/observation-store';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function placeFactsOf(
  store: Pick<ObservationStore, 'queryIndex'>,
  place: Pick<Place, 'id' | 'name' | 'country'> | undefined,
  record: { kind: ObservationKind; timeMs: number; id: string | null },
): Promise<PlaceFacts | undefined> {
  if (!place) return undefined;
  const rows = await store.queryIndex({
    from: new Date(record.timeMs - UNUSUAL_WINDOW_DAYS * DAY_MS).toISOString(),
    // Up to the record's own time: "usual" is what came before it.
    to: new Date(record.timeMs).toISOString(),
    kinds: [record.kind],
    statuses: REVIEW_STATUSES.filter((s) => s !== 'rejected'),
    placeIds: [place.id],
  });
  const recentTotals = rows.ids.flatMap((id, i) => (id === record.id ? [] : [rows.persons[i] ?? 0]));
  return { name: place.name, country: place.country, recentTotals };
}
