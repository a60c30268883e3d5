import L from 'leaflet';
import type { Flow } from '../../../shared/flows/aggregate-flows';
import { aggregateFlows, flowKey } from '../../../shared/flows/aggregate-flows';
import type { Place } from '../../../shared/places/place';
import type { MapSelection } from '../columns/map-selection';
import type { MapLayer } from '../map-layer';
import { MAP_PANES } from '../map-layer';
import type { DrawnFlow } from './flow-arrow';
import { FLOW_COLOUR, addArrow, createArrowPaths, paintInOrder, removeArrow, setArrowWidth, shapeArrow } from './flow-arrow';
import { flowEndName, flowEndPoint } from './flow-ends';
import { createFocusMarker, orderFocusMarkers, setFocusLabel } from './flow-focus';
import { FLOW_WIDTH_MAX, flowWidth, legendSamples, minClearChord } from './flow-geometry';
import { bindFlowInteraction, createFlowHighlights } from './flow-highlight';
import { createFlowLegendControl } from './flow-legend-control';
import { flowLabel, flowTooltipContent } from './flow-text';
import './flows.css';

export { FLOW_COLOUR };
export { FLOW_COUNTRY_POINTS } from './flow-ends';

/** The largest flows drawn; the rest are counted as not shown (a map of thousands of arrows is unreadable). */
export const MAX_FLOWS_DRAWN = 400;

export interface FlowLayerOptions {
  /** Show the legend control (widths and threshold); default true. */
  legend?: boolean;
  /** Widest shaft in pixels. */
  maxWidth?: number;
  /** Minimum persons of a flow shown at start; default 0 (all). */
  threshold?: number;
  /** Pixels around each end that the arrowhead must lie outside of; default 0 (see `setEndClearance`). */
  endClearance?: number;
  /** The legend's heading (default the Map screen's "Flows (persons)") and corner (default bottom right). */
  legendTitle?: string;
  legendPosition?: L.ControlPosition;
  /** The legend's note on flows too short to draw; default "N short flows hidden: zoom in". */
  legendShort?: (count: number) => string;
}

export type FlowLayer = MapLayer<MapSelection | null> & {
  /**
   * Draws these flows, already summed (the report sums its own counted records), instead
   * of a selection's; null draws none, as update(null) does.
   */
  showFlows(flows: readonly Flow[] | null): void;
  /** Hide flows with fewer persons than this (0 shows all). */
  setThreshold(minPersons: number): void;
  /**
   * Pixels around each end of a flow that something above the flows covers (the cluster
   * badges sit on the places). A flow too short on screen for its head to lie outside
   * that radius at both ends is not drawn at this zoom; the legend counts these and says
   * to zoom in. 0: every flow of at least a pixel is drawn.
   */
  setEndClearance(pixels: number): void;
};

/** Whether the keys of `before` that are still in `after` come in the same order as in `after`. */
function keptInOrder(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): boolean {
  const keys = after.keys();
  for (const key of before.keys()) {
    if (after.has(key) && keys.next().value !== key) return false;
  }
  return true;
}

/**
 * Arrows between places for the selection's time window: width by persons (square root
 * of the share of the largest flow), a head at the middle for the direction, curved so that opposite
 * flows lie side by side. SVG in its own pane: a few hundred arrows, each an element
 * that hover, tooltips and tests can reach. Shapes are computed in pixels, so they are
 * recomputed after each zoom, and so is which flows are too short to draw (see
 * `setEndClearance`); the map container carries `data-flow-count` (arrows drawn).
 *
 * Parts: `flow-ends.ts` (where and what each end is), `flow-arrow.ts` (paths, shapes,
 * paint order), `flow-focus.ts` (the keyboard), `flow-highlight.ts` (hover, focus and
 * tooltips), `flow-legend-control.ts` and `flow-text.ts` (the text).
 *
 * Keyboard: each arrow has a focusable marker over its head, in tab order largest flow
 * first, named "From → To: n persons in m records"; focus highlights the arrow and shows
 * the hover tooltip, Escape or leaving hides it.
 */
export function createFlowLayer(map: L.Map, places: ReadonlyMap<string, Place>, options: FlowLayerOptions = {}): FlowLayer {
  const pane = MAP_PANES.flows.name;
  const renderer = L.svg({ pane });
  const group = L.layerGroup([], { pane }).addTo(map);
  const maxWidth = options.maxWidth ?? FLOW_WIDTH_MAX;
  const highlights = createFlowHighlights(map, pane);
  const legend = createFlowLegendControl(map, options.legendPosition);
  let flows: readonly Flow[] = [];
  let threshold = Math.max(0, options.threshold ?? 0);
  let clearance = Math.max(0, options.endClearance ?? 0);
  /** Arrows on the map by flow key, largest first. */
  let drawn = new Map<string, DrawnFlow>();
  let active = false;
  // Half pixels: finer steps are not seen, and would reshape every arrow at every slider step.
  const widthOf = (persons: number, maxPersons: number): number => Math.round(flowWidth(persons, maxPersons, maxWidth) * 2) / 2;
  const endName = (end: Flow['from']): string => flowEndName(places, end);
  const labelOf = (flow: Flow): string => flowLabel(flow, endName(flow.from), endName(flow.to));

  const buildArrow = (flow: Flow, from: L.LatLng, to: L.LatLng, width: number): DrawnFlow => {
    const entry: DrawnFlow = {
      ...createArrowPaths(flow, width, pane, renderer),
      flow,
      from,
      to,
      width,
      focus: createFocusMarker(from, pane),
      centre: from,
      label: labelOf(flow),
    };
    // Read when the tooltip opens: a kept arrow shows its latest totals.
    bindFlowInteraction(entry, highlights, () => flowTooltipContent(entry.flow, endName(flow.from), endName(flow.to)));
    return entry;
  };

  /**
   * Draws the flows over the threshold. Arrows already drawn for the same pair are kept
   * and only restyled and reshaped when their width changes (rounded to half pixels):
   * a slider step changes the totals of most flows but the set of pairs only a little,
   * and making SVG paths costs far more than moving them.
   */
  const draw = (reshapeAll = false): void => {
    const placed: { flow: Flow; from: L.LatLng; to: L.LatLng }[] = [];
    if (active) {
      for (const flow of flows) {
        const from = flowEndPoint(places, flow.from);
        const to = flowEndPoint(places, flow.to);
        if (from !== null && to !== null) placed.push({ flow, from, to });
      }
    }
    // Widths are relative to the largest flow of the window, whatever the threshold hides.
    const maxPersons = placed[0]?.flow.persons ?? 0;
    const next = new Map<string, DrawnFlow>();
    const added: DrawnFlow[] = [];
    const zoom = map.getZoom();
    let short = 0;
    for (const { flow, from, to } of placed) {
      if (flow.persons < threshold || next.size >= MAX_FLOWS_DRAWN) continue;
      const width = widthOf(flow.persons, maxPersons);
      const a = map.project(from, zoom);
      const b = map.project(to, zoom);
      // Recomputed at every zoom: a flow hidden at the overview shows when zoomed in.
      if (a.distanceTo(b) < minClearChord(width, clearance)) {
        short++;
        continue;
      }
      const key = flowKey(flow);
      let entry = drawn.get(key);
      if (entry === undefined) {
        entry = buildArrow(flow, from, to, width);
        shapeArrow(map, entry, a, b, zoom);
        added.push(entry);
      } else {
        entry.flow = flow;
        if (entry.width !== width) {
          setArrowWidth(entry, width);
          shapeArrow(map, entry, a, b, zoom);
        } else if (reshapeAll) {
          shapeArrow(map, entry, a, b, zoom);
        }
        setFocusLabel(entry, labelOf(flow));
      }
      next.set(key, entry);
    }
    for (const [key, entry] of drawn) {
      if (next.has(key)) continue;
      if (highlights.has(entry)) highlights.set(entry, false);
      removeArrow(group, entry);
    }
    for (const entry of added) addArrow(group, entry);
    // Paint order and tab order: largest first (see paintInOrder).
    if (added.length > 0 || !keptInOrder(drawn, next)) {
      paintInOrder(next.values());
      orderFocusMarkers(map.getPane(pane), next.values());
    }
    drawn = next;
    map.getContainer().dataset.flowCount = String(drawn.size);
    legend.show(
      options.legend !== false && active
        ? {
            samples: legendSamples(maxPersons).map((persons) => ({ persons, width: widthOf(persons, maxPersons) })),
            threshold,
            shown: drawn.size,
            total: placed.length,
            short,
            colour: FLOW_COLOUR,
            ...(options.legendTitle === undefined ? {} : { title: options.legendTitle }),
            ...(options.legendShort === undefined ? {} : { shortNote: options.legendShort(short) }),
          }
        : null,
    );
  };

  // Which flows are short depends on the zoom: the set is drawn again, every arrow reshaped.
  const reshape = (): void => {
    draw(true);
  };
  map.on('zoomend', reshape);

  return {
    update(selection) {
      active = selection !== null;
      flows = selection === null ? [] : aggregateFlows(selection.columns, selection.start, selection.end);
      draw();
    },
    showFlows(given) {
      active = given !== null;
      // Largest first, as aggregateFlows gives them: widths are relative to the first.
      flows = given === null ? [] : [...given].sort((a, b) => b.persons - a.persons);
      draw();
    },
    setThreshold(minPersons) {
      const next = Number.isFinite(minPersons) ? Math.max(0, minPersons) : 0;
      if (next === threshold) return;
      threshold = next;
      draw();
    },
    setEndClearance(pixels) {
      const next = Number.isFinite(pixels) ? Math.max(0, pixels) : 0;
      if (next === clearance) return;
      clearance = next;
      draw();
    },
    remove() {
      map.off('zoomend', reshape);
      highlights.clear();
      legend.remove();
      group.remove();
      drawn = new Map();
      delete map.getContainer().dataset.flowCount;
    },
  };
}
