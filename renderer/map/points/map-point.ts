import type { ObservationKind } from '../../../shared/observations/codelists';

/**
 * One observation as the map draws it: a compact projection of a record, so the map
 * never needs the full record (screens that show many points read a projection).
 * `title` and `subtitle` are user text and are always rendered as text.
 */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  kind: ObservationKind;
  /** Total persons; drives the marker radius (square-root scale, capped). */
  persons: number;
  title: string;
  subtitle: string;
}
