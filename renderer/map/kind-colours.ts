import type { ObservationKind } from '../../shared/observations/codelists';

/**
 * Fill colour of each observation kind, from the Okabe-Ito palette so the kinds stay
 * distinguishable with the common colour-vision deficiencies. `secondary_source` is
 * grey on purpose: figures from others are context, not our observations.
 */
export const KIND_COLOURS: Readonly<Record<ObservationKind, string>> = {
  group_sighting: '#0072b2',
  point_count: '#009e73',
  site_snapshot: '#56b4e9',
  incident: '#d55e00',
  border_status: '#e69f00',
  route_report: '#cc79a7',
  secondary_source: '#6b6b6b',
};
