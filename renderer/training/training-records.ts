/**
 * The record builders by kind, and how often each kind is written. Each builder returns
 * what a person would have typed on a day of the route, plausible for the period and
 * always within the cross-field rules, or null when the day offers nothing of that kind.
 */
import type { ObservationKind } from '../../shared/observations/codelists';
import { incident } from './incident-records';
import { groupSighting, pointCount, routeReport } from './movement-records';
import { borderStatus, secondarySource, siteSnapshot } from './place-records';
import type { BuiltRecord } from './record-basics';
import type { SeededRandom } from './seeded-random';
import type { DayContext } from './training-day';

export const KIND_BUILDERS: Readonly<Record<ObservationKind, (rng: SeededRandom, day: DayContext) => BuiltRecord | null>> = {
  group_sighting: groupSighting,
  point_count: pointCount,
  site_snapshot: siteSnapshot,
  incident,
  border_status: borderStatus,
  route_report: routeReport,
  secondary_source: secondarySource,
};

/** How often each kind is written: mostly sightings and counts. */
export const KIND_WEIGHTS: Readonly<Record<ObservationKind, number>> = {
  group_sighting: 34,
  point_count: 26,
  site_snapshot: 12,
  incident: 9,
  border_status: 6,
  route_report: 7,
  secondary_source: 6,
};

