/**
 * What each entry weighs in the density layer: the measure the map shows, as the cluster
 * badges count it (shared/reports/measure-kinds.ts). Persons seen moving weigh their
 * persons; a site's snapshots weigh its latest count once (the latest snapshot of each
 * place, else spot, in the window), never the sum over the days it was counted;
 * incidents, official figures and records without a head count weigh nothing (they are
 * never added to persons).
 */
import { entryMeasure } from '../../../shared/reports/entry-measures';
import type { MapSelection } from '../columns/map-selection';

/** Weights of the entries [start, end) of the selection, indexed from start. */
export function heatWeights(selection: MapSelection): Float64Array {
  const { columns } = selection;
  const start = Math.max(0, selection.start);
  const end = Math.min(columns.count, selection.end);
  const weights = new Float64Array(Math.max(0, end - start));
  // A site as the badges key it: its place, else its spot (site number).
  const siteKey = (i: number): string | number => columns.placeId[i] ?? -1 - (columns.site[i] ?? 0);
  const latest = new Map<string | number, number>();
  for (let i = start; i < end; i++) {
    const persons = columns.persons[i] ?? 0;
    const safe = Number.isFinite(persons) && persons > 0 ? persons : 0;
    const measure = entryMeasure(columns, i);
    if (measure === 'movements') weights[i - start] = safe;
    // Entries are in time order: the last snapshot met is the latest (ties: the later stored).
    else if (measure === 'presence') latest.set(siteKey(i), i);
  }
  for (const i of latest.values()) {
    const persons = columns.persons[i] ?? 0;
    weights[i - start] = Number.isFinite(persons) && persons > 0 ? persons : 0;
  }
  return weights;
}
