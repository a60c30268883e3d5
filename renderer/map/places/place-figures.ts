/**
 * The figure of each gazetteer place in the map's window, which orders the place names
 * (larger figures are labelled first): persons seen moving there, plus the place's latest
 * count at site (never a sum over days), as the badges count them.
 */
import { entryMeasure } from '../../../shared/reports/entry-measures';
import type { MapSelection } from '../columns/map-selection';

export function placeFigures(selection: MapSelection | null): Map<string, number> {
  const moving = new Map<string, number>();
  const latest = new Map<string, number>();
  if (selection === null) return moving;
  const { columns } = selection;
  const hi = Math.min(columns.count, selection.end);
  for (let i = Math.max(0, selection.start); i < hi; i++) {
    const place = columns.placeId[i];
    if (place === null || place === undefined) continue;
    const persons = columns.persons[i] ?? 0;
    const safe = Number.isFinite(persons) && persons > 0 ? persons : 0;
    const measure = entryMeasure(columns, i);
    // Entries are in time order: the last snapshot met is the latest.
    if (measure === 'movements') moving.set(place, (moving.get(place) ?? 0) + safe);
    else if (measure === 'presence') latest.set(place, safe);
  }
  for (const [place, persons] of latest) moving.set(place, (moving.get(place) ?? 0) + persons);
  return moving;
}
