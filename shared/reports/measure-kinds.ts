/**
 * Which records count toward which measure: the one definition the map, the list, the
 * situation report and the exports share, so that a figure means the same everywhere.
 *
 * Records of different kinds count different things and are never added together:
 * - movements: persons seen moving (a group sighted, a count at a flow monitoring
 *   point), broken down by direction. A group seen at four places is four sightings:
 *   a movement figure of several places says so, it is not "persons on the route".
 * - presence: persons at a site, from site snapshots. A snapshot is the state of a site
 *   at one time, so presence over a period is the latest snapshot of each site, never a
 *   sum over the days a site was counted.
 * - incidents: counted as incidents (and their casualties), not as persons moving.
 * - official figures: a figure published by an authority or agency (`secondary_source`,
 *   or any record whose count method is `official_figure`), shown beside the observed
 *   ones with its source and as-of date, never added to them.
 * - border status and route reports carry no head count toward any measure.
 */
import type { ObservationKind } from '../observations/codelists';

export type Measure = 'movements' | 'presence' | 'incidents' | 'official' | 'none';

const MEASURE_OF_KIND: Readonly<Record<ObservationKind, Measure>> = {
  group_sighting: 'movements',
  point_count: 'movements',
  site_snapshot: 'presence',
  incident: 'incidents',
  border_status: 'none',
  route_report: 'none',
  secondary_source: 'official',
};

/**
 * The measure a record counts toward. A head count given as an official figure is an
 * official figure whatever the record's kind: it is someone else's count, not ours.
 */
export function measureOf(record: { kind: ObservationKind; counts?: { method?: string | null } | undefined }): Measure {
  return measureOfKind(record.kind, record.counts?.method);
}

/** measureOf from a record's kind and count method. */
export function measureOfKind(kind: ObservationKind, method: string | null | undefined): Measure {
  if (method === 'official_figure') return 'official';
  return MEASURE_OF_KIND[kind];
}
