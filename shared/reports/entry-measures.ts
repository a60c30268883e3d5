/**
 * The measures of the map's header, its cluster badges and the list's totals, from the
 * compact columns those screens read (the day index: kind, persons, place, time), in one
 * pass. The same words as the report: persons seen moving (a group seen at several
 * places counted at each), persons at sites as each site's latest count (never a sum
 * over days), incidents and official figures as numbers of records (never added to the
 * persons). Which statuses count is the screen's filter here, not the report's rule.
 *
 * The day index holds each record's measure (`measure`, an index into MEASURES, from
 * `measureOf`, count method included); columns without it (a test's) count an entry
 * toward its kind's measure.
 */
import { OBSERVATION_KINDS } from '../observations/codelists';
import type { Measure } from './measure-kinds';
import { measureOf } from './measure-kinds';

export const MEASURES = ['movements', 'presence', 'incidents', 'official', 'none'] as const satisfies readonly Measure[];

export interface EntryColumns {
  /** Index into OBSERVATION_KINDS. */
  kind: ArrayLike<number>;
  /** Total persons of the record. */
  persons: ArrayLike<number>;
  /** observedStart, ms. */
  time: ArrayLike<number>;
  /** Index into MEASURES, when the columns know it (the day index does, from v8). */
  measure?: ArrayLike<number>;
}

export interface EntryMeasures {
  records: number;
  moving: { persons: number; records: number };
  /** Sum of each site's latest count; `sites` how many sites, `records` how many snapshots. */
  atSites: { persons: number; sites: number; records: number };
  incidents: number;
  official: number;
  /** Entries that count toward no measure (border status, route reports). */
  other: number;
}

const KIND_MEASURE: readonly Measure[] = OBSERVATION_KINDS.map((kind) => measureOf({ kind }));

export function entryMeasure(columns: Pick<EntryColumns, 'kind' | 'measure'>, i: number): Measure {
  const given = columns.measure?.[i];
  const measure = given === undefined ? undefined : MEASURES[given];
  return measure ?? KIND_MEASURE[columns.kind[i] ?? -1] ?? 'none';
}

function safe(persons: number | undefined): number {
  return persons !== undefined && Number.isFinite(persons) && persons > 0 ? persons : 0;
}

/**
 * The measures of the entries at `positions` (indexes into the columns). `siteOf` names
 * the site of an entry (its place, else its spot) so that a site counts once, by its
 * latest snapshot.
 */
export function entryMeasures(
  columns: EntryColumns,
  positions: ArrayLike<number>,
  siteOf: (i: number) => string | number,
): EntryMeasures {
  const out: EntryMeasures = { records: 0, moving: { persons: 0, records: 0 }, atSites: { persons: 0, sites: 0, records: 0 }, incidents: 0, official: 0, other: 0 };
  const latest = new Map<string | number, { time: number; persons: number }>();
  for (let j = 0; j < positions.length; j++) {
    const i = positions[j] ?? 0;
    out.records += 1;
    switch (entryMeasure(columns, i)) {
      case 'movements':
        out.moving.persons += safe(columns.persons[i]);
        out.moving.records += 1;
        break;
      case 'presence': {
        out.atSites.records += 1;
        const site = siteOf(i);
        const time = columns.time[i] ?? 0;
        const held = latest.get(site);
        // Ties keep the later entry: columns are in time order, so the last one stored.
        if (held === undefined || time >= held.time) latest.set(site, { time, persons: safe(columns.persons[i]) });
        break;
      }
      case 'incidents':
        out.incidents += 1;
        break;
      case 'official':
        out.official += 1;
        break;
      case 'none':
        out.other += 1;
        break;
    }
  }
  for (const { persons } of latest.values()) out.atSites.persons += persons;
  out.atSites.sites = latest.size;
  return out;
}

/** The positions start, start + 1, …, end - 1. */
export function range(start: number, end: number): Int32Array {
  const out = new Int32Array(Math.max(0, end - start));
  for (let j = 0; j < out.length; j++) out[j] = start + j;
  return out;
}
