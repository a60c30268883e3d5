import type L from 'leaflet';
import type { Place } from '../../shared/places/place';
import { badgeSize, createClusterLayer } from './clusters/cluster-layer';
import { createFlowLayer } from './flows/flow-layer';
import type { FlowLayer } from './flows/flow-layer';
import { createHeatLayer } from './density/heat-layer';
import type { MapLayer } from './map-layer';
import type { MapSelection, ObservationDisplay, PointDescription } from './columns/map-selection';

/** What the observation layers draw: the selection, how, and the flows' threshold (null: no flows). */
export interface ObservationLayersState {
  selection: MapSelection | null;
  display: ObservationDisplay;
  flowThreshold: number | null;
}

/**
 * Pixels around a place that a cluster badge covers: the radius of a badge of 100,000
 * persons and its white rim. Flows whose arrowhead would lie under the badges at their
 * ends are left out at that zoom (see the flow layer's `setEndClearance`); density draws
 * no badges, so every flow shows there. A larger badge, or a cluster centred away from
 * the place, may still cover a head: a flow hovered or focused rises over the badges.
 */
export const BADGE_CLEARANCE = badgeSize(100_000) / 2 + 2;

/**
 * The layers that draw the filtered observations: clusters or density, and flows.
 * Only the layers shown are fed; the others get null, so they hold nothing and cost
 * nothing at a time step. A map that never gets a selection (the form's picker, which
 * draws its own points) is left alone, counts included.
 */
export function createObservationLayers(
  map: L.Map,
  places: ReadonlyMap<string, Place>,
  describe: (id: string) => Promise<PointDescription | null>,
): MapLayer<ObservationLayersState> {
  // Built with the first selection: a map that never gets one keeps its own counts and panes.
  let layers: { clusters: MapLayer<MapSelection | null>; heat: MapLayer<MapSelection | null>; flows: FlowLayer } | null = null;
  // What each layer was last fed: a layer is fed again only when its part changed, so a
  // threshold change redraws no clusters and a display change leaves flows as they are.
  let fed: { clusters: MapSelection | null; heat: MapSelection | null; flows: MapSelection | null } = {
    clusters: null,
    heat: null,
    flows: null,
  };
  let threshold: number | null = null;
  return {
    update(state) {
      if (state.selection === null && layers === null) return;
      layers ??= { clusters: createClusterLayer(map, { describe }), heat: createHeatLayer(map), flows: createFlowLayer(map, places) };
      const { clusters, heat, flows } = layers;
      const next = {
        clusters: state.display === 'clusters' ? state.selection : null,
        heat: state.display === 'heat' ? state.selection : null,
        flows: state.flowThreshold === null ? null : state.selection,
      };
      if (state.flowThreshold !== null && state.flowThreshold !== threshold) flows.setThreshold(state.flowThreshold);
      flows.setEndClearance(state.display === 'clusters' ? BADGE_CLEARANCE : 0);
      threshold = state.flowThreshold;
      if (next.clusters !== fed.clusters) clusters.update(next.clusters);
      if (next.heat !== fed.heat) heat.update(next.heat);
      if (next.flows !== fed.flows) flows.update(next.flows);
      fed = next;
    },
    remove() {
      layers?.clusters.remove();
      layers?.heat.remove();
      layers?.flows.remove();
    },
  };
}
