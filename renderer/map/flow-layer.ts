import L from 'leaflet';
import type { Flow, FlowEnd } from '../../shared/flows/aggregate-flows';
import { aggregateFlows, flowKey } from '../../shared/flows/aggregate-flows';
import type { Place } from '../../shared/places/place';
import { countryName } from '../i18n/codelist-label';
import { COUNTRY_LABEL_POINTS } from './country-names';
import type { XY } from './flow-geometry';
import { FLOW_WIDTH_MAX, arrowShape, flowWidth, legendSamples } from './flow-geometry';
import { flowTooltipContent, renderFlowLegend } from './flow-text';
import type { MapLayer } from './map-layer';
import { MAP_PANES } from './map-layer';
import type { MapSelection } from './map-selection';
import './flows.css';

/** Flow colour: a dark violet, apart from every observation kind's colour. */
export const FLOW_COLOUR = '#5e3c99';
const FLOW_HOVER_COLOUR = '#2d1b4e';
const SHAFT_OPACITY = 0.72;
const HEAD_OPACITY = 0.85;
/** The largest flows drawn; the rest are counted as not shown (a map of thousands of arrows is unreadable). */
export const MAX_FLOWS_DRAWN = 400;
/**
 * Pointer tolerance: an invisible stroke at least this wide under each arrow catches the
 * hover. All of these lie under all the visible arrows, so a thin arrow's halo never
 * takes the hover from a wide arrow it crosses.
 */
const HIT_WIDTH = 12;

/**
 * Where a country end of a flow is drawn: the route countries' label points
 * (country-names.ts: inside the country, clear of the places), and for the countries a
 * movement often names beyond them a point of our own, on their side facing the route.
 * Flows to or from any other country are not drawn (and not counted as shown).
 */
export const FLOW_COUNTRY_POINTS: Readonly<Record<string, { lat: number; lon: number }>> = {
  ...COUNTRY_LABEL_POINTS,
  TR: { lat: 40.6, lon: 27.2 },
  IT: { lat: 45.55, lon: 12.0 },
  DE: { lat: 48.9, lon: 11.5 },
};

export interface FlowLayerOptions {
  /** Show the legend control (widths and threshold); default true. */
  legend?: boolean;
  /** Widest shaft in pixels. */
  maxWidth?: number;
  /** Minimum persons of a flow shown at start; default 0 (all). */
  threshold?: number;
}

export type FlowLayer = MapLayer<MapSelection | null> & {
  /** Hide flows with fewer persons than this (0 shows all). */
  setThreshold(minPersons: number): void;
};

function hitWidth(width: number): number {
  return Math.max(HIT_WIDTH, width + 4);
}

/** Whether the keys of `before` that are still in `after` come in the same order as in `after`. */
function keptInOrder(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): boolean {
  const keys = after.keys();
  for (const key of before.keys()) {
    if (after.has(key) && keys.next().value !== key) return false;
  }
  return true;
}

interface DrawnFlow {
  flow: Flow;
  from: L.LatLng;
  to: L.LatLng;
  width: number;
  hit: L.Polyline;
  shaft: L.Polyline;
  head: L.Polygon;
}

/**
 * Arrows between places for the selection's time window: width by persons (square root
 * of the share of the largest flow), a head at the middle for the direction, curved so that opposite
 * flows lie side by side. SVG in its own pane: a few hundred arrows, each an element
 * that hover, tooltips and tests can reach. Shapes are computed in pixels, so they are
 * recomputed after each zoom; the map container carries `data-flow-count` (arrows drawn).
 */
export function createFlowLayer(map: L.Map, places: ReadonlyMap<string, Place>, options: FlowLayerOptions = {}): FlowLayer {
  const pane = MAP_PANES.flows.name;
  const renderer = L.svg({ pane });
  const group = L.layerGroup([], { pane }).addTo(map);
  const maxWidth = options.maxWidth ?? FLOW_WIDTH_MAX;
  let flows: Flow[] = [];
  let threshold = Math.max(0, options.threshold ?? 0);
  /** Arrows on the map by flow key, largest first. */
  let drawn = new Map<string, DrawnFlow>();
  let active = false;
  // Half pixels: finer steps are not seen, and would reshape every arrow at every slider step.
  const widthOf = (persons: number, maxPersons: number): number => Math.round(flowWidth(persons, maxPersons, maxWidth) * 2) / 2;

  const legendElement = document.createElement('section');
  legendElement.className = 'rw-flow-legend leaflet-bar';
  L.DomEvent.disableClickPropagation(legendElement);
  L.DomEvent.disableScrollPropagation(legendElement);
  const legend = new L.Control({ position: 'bottomright' });
  legend.onAdd = () => legendElement;
  let legendShown = false;

  const endPoint = (end: FlowEnd): L.LatLng | null => {
    if (end.type === 'place') {
      const place = places.get(end.id);
      return place ? L.latLng(place.lat, place.lon) : null;
    }
    const point = Object.hasOwn(FLOW_COUNTRY_POINTS, end.code) ? FLOW_COUNTRY_POINTS[end.code] : undefined;
    return point ? L.latLng(point.lat, point.lon) : null;
  };
  const endName = (end: FlowEnd): string => (end.type === 'place' ? (places.get(end.id)?.name ?? end.id) : countryName(end.code));

  const shapeFlow = (entry: DrawnFlow): void => {
    const zoom = map.getZoom();
    const a = map.project(entry.from, zoom);
    const b = map.project(entry.to, zoom);
    const shape = arrowShape(a, b, entry.width);
    const toLatLng = (p: XY): L.LatLng => map.unproject(L.point(p.x, p.y), zoom);
    // Two points that fall on one pixel at this zoom: nothing to draw until zoomed in.
    const shaft = shape ? shape.shaft.map(toLatLng) : [];
    entry.hit.setLatLngs(shaft);
    entry.shaft.setLatLngs(shaft);
    entry.head.setLatLngs(shape ? shape.head.map(toLatLng) : []);
  };

  /**
   * Draws the flows over the threshold. Arrows already drawn for the same pair are kept
   * and only restyled and reshaped when their width changes (rounded to half pixels):
   * a slider step changes the totals of most flows but the set of pairs only a little,
   * and making SVG paths costs far more than moving them.
   */
  const draw = (): void => {
    const placed: { flow: Flow; from: L.LatLng; to: L.LatLng }[] = [];
    if (active) {
      for (const flow of flows) {
        const from = endPoint(flow.from);
        const to = endPoint(flow.to);
        if (from !== null && to !== null) placed.push({ flow, from, to });
      }
    }
    // Widths are relative to the largest flow of the window, whatever the threshold hides.
    const maxPersons = placed[0]?.flow.persons ?? 0;
    const next = new Map<string, DrawnFlow>();
    const added: DrawnFlow[] = [];
    for (const { flow, from, to } of placed) {
      if (flow.persons < threshold || next.size >= MAX_FLOWS_DRAWN) continue;
      const key = flowKey(flow);
      const width = widthOf(flow.persons, maxPersons);
      let entry = drawn.get(key);
      if (entry === undefined) {
        entry = buildArrow(flow, from, to, width);
        shapeFlow(entry);
        added.push(entry);
      } else {
        entry.flow = flow;
        if (entry.width !== width) {
          entry.width = width;
          entry.shaft.setStyle({ weight: width });
          entry.hit.setStyle({ weight: hitWidth(width) });
          shapeFlow(entry);
        }
      }
      next.set(key, entry);
    }
    for (const [key, entry] of drawn) {
      if (!next.has(key)) group.removeLayer(entry.hit).removeLayer(entry.shaft).removeLayer(entry.head);
    }
    for (const entry of added) group.addLayer(entry.hit).addLayer(entry.shaft).addLayer(entry.head);
    // SVG paints in document order: the halos, then the arrows largest first, so that
    // smaller arrows lie over larger ones and stay reachable (bringToFront only moves
    // the elements, in the order of `next`).
    if (added.length > 0 || !keptInOrder(drawn, next)) {
      for (const entry of next.values()) entry.hit.bringToFront();
      for (const entry of next.values()) {
        entry.shaft.bringToFront();
        entry.head.bringToFront();
      }
    }
    drawn = next;
    map.getContainer().dataset.flowCount = String(drawn.size);
    updateLegend(maxPersons, placed.length);
  };

  const buildArrow = (flow: Flow, from: L.LatLng, to: L.LatLng, width: number): DrawnFlow => {
    const classes = `rw-flow rw-flow-${flow.from.type}-${flow.to.type}`;
    const hit = L.polyline([], { pane, renderer, weight: hitWidth(width), opacity: 0, color: FLOW_COLOUR, className: `${classes} rw-flow-hit` });
    const shaft = L.polyline([], {
      pane,
      renderer,
      weight: width,
      color: FLOW_COLOUR,
      opacity: SHAFT_OPACITY,
      lineCap: 'butt',
      lineJoin: 'round',
      className: `${classes} rw-flow-shaft`,
    });
    const head = L.polygon([], { pane, renderer, stroke: false, fillColor: FLOW_COLOUR, fillOpacity: HEAD_OPACITY, className: `${classes} rw-flow-head` });
    const highlight = (on: boolean): void => {
      shaft.setStyle(on ? { color: FLOW_HOVER_COLOUR, opacity: 0.95 } : { color: FLOW_COLOUR, opacity: SHAFT_OPACITY });
      head.setStyle(on ? { fillColor: FLOW_HOVER_COLOUR, fillOpacity: 1 } : { fillColor: FLOW_COLOUR, fillOpacity: HEAD_OPACITY });
    };
    const entry: DrawnFlow = { flow, from, to, width, hit, shaft, head };
    // Read when the tooltip opens: a kept arrow shows its latest totals.
    const content = (): HTMLElement => flowTooltipContent(entry.flow, endName(flow.from), endName(flow.to));
    for (const part of [hit, shaft, head]) {
      // A click on a flow must not pick the map position behind it.
      part.options.bubblingMouseEvents = false;
      // The tooltip is built when it opens; each part of the arrow shows the same one.
      part.bindTooltip(content, { sticky: true, className: 'rw-map-tooltip rw-flow-tooltip-box' });
      part.on('mouseover', () => {
        highlight(true);
      });
      part.on('mouseout', () => {
        highlight(false);
      });
    }
    return entry;
  };

  const updateLegend = (maxPersons: number, placeable: number): void => {
    const show = options.legend !== false && active;
    if (show && !legendShown) legend.addTo(map);
    if (!show && legendShown) legend.remove();
    legendShown = show;
    if (!show) return;
    renderFlowLegend(legendElement, {
      samples: legendSamples(maxPersons).map((persons) => ({ persons, width: widthOf(persons, maxPersons) })),
      threshold,
      shown: drawn.size,
      total: placeable,
      colour: FLOW_COLOUR,
    });
  };

  const reshape = (): void => {
    for (const entry of drawn.values()) shapeFlow(entry);
  };
  map.on('zoomend', reshape);

  return {
    update(selection) {
      active = selection !== null;
      flows = selection === null ? [] : aggregateFlows(selection.columns, selection.start, selection.end);
      draw();
    },
    setThreshold(minPersons) {
      const next = Number.isFinite(minPersons) ? Math.max(0, minPersons) : 0;
      if (next === threshold) return;
      threshold = next;
      draw();
    },
    remove() {
      map.off('zoomend', reshape);
      if (legendShown) legend.remove();
      legendShown = false;
      group.remove();
      drawn = new Map();
      delete map.getContainer().dataset.flowCount;
    },
  };
}
