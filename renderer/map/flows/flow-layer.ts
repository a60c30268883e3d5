import L from 'leaflet';
import type { Flow, FlowEnd } from '../../../shared/flows/aggregate-flows';
import { aggregateFlows, flowKey } from '../../../shared/flows/aggregate-flows';
import type { Place } from '../../../shared/places/place';
import { countryName } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { COUNTRY_LABEL_POINTS } from '../basemap/country-names';
import type { XY } from './flow-geometry';
import { FLOW_WIDTH_MAX, arrowShape, flowWidth, headSize, legendSamples, minClearChord } from './flow-geometry';
import { flowLabel, flowTooltipContent, renderFlowLegend } from './flow-text';
import type { MapLayer } from '../map-layer';
import { MAP_PANES } from '../map-layer';
import type { MapSelection } from '../columns/map-selection';
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
 * While a flow is hovered or focused, the flows' pane rises over the cluster badges (and
 * under the picked point) and the other arrows fade: a head that a wide or off-centre
 * badge covers shows whole, and the badges' numbers show through the other arrows.
 */
const RAISED_Z_INDEX = MAP_PANES.clusters.zIndex + 1;

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
  /** Pixels around each end that the arrowhead must lie outside of; default 0 (see `setEndClearance`). */
  endClearance?: number;
}

export type FlowLayer = MapLayer<MapSelection | null> & {
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
  /** The keyboard's way to the flow: an invisible focusable marker over the head. */
  focus: L.Marker;
  /** Where the head's centre is (the focus marker, and the tooltip on focus). */
  centre: L.LatLng;
  /** The accessible name last set, rebuilt only when the totals change. */
  label: string;
}

/**
 * Puts the flows' focus elements in `order` in the pane (tab order: largest first)
 * without moving the element that has focus: moving a focused element in the DOM blurs
 * it, and a slider step reorders flows while someone may be reading one.
 */
function orderFocusElements(pane: HTMLElement, order: readonly HTMLElement[]): void {
  const focused = order.find((element) => element === document.activeElement);
  if (focused === undefined) {
    for (const element of order) pane.append(element);
    return;
  }
  let before = true;
  for (const element of order) {
    if (element === focused) before = false;
    else if (before) focused.before(element);
    else pane.append(element);
  }
}

/**
 * Arrows between places for the selection's time window: width by persons (square root
 * of the share of the largest flow), a head at the middle for the direction, curved so that opposite
 * flows lie side by side. SVG in its own pane: a few hundred arrows, each an element
 * that hover, tooltips and tests can reach. Shapes are computed in pixels, so they are
 * recomputed after each zoom, and so is which flows are too short to draw (see
 * `setEndClearance`); the map container carries `data-flow-count` (arrows drawn).
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
  let flows: Flow[] = [];
  let threshold = Math.max(0, options.threshold ?? 0);
  let clearance = Math.max(0, options.endClearance ?? 0);
  /** Arrows on the map by flow key, largest first. */
  let drawn = new Map<string, DrawnFlow>();
  let active = false;
  /** Arrows hovered or focused now (a hovered one and a focused one may differ). */
  const highlighted = new Set<DrawnFlow>();
  const raise = (entry: DrawnFlow, on: boolean): void => {
    if (on) highlighted.add(entry);
    else highlighted.delete(entry);
    for (const part of [entry.hit, entry.shaft, entry.head]) part.getElement()?.classList.toggle('rw-flow-active', on);
    const element = map.getPane(pane);
    if (element === undefined) return;
    element.classList.toggle('rw-flows-raised', highlighted.size > 0);
    element.style.zIndex = String(highlighted.size > 0 ? RAISED_Z_INDEX : MAP_PANES.flows.zIndex);
  };
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

  const labelOf = (flow: Flow): string => flowLabel(flow, endName(flow.from), endName(flow.to));

  /** Sizes the focus marker's ring to the head (its element exists once it is on the map). */
  const sizeFocus = (entry: DrawnFlow): void => {
    const element = entry.focus.getElement();
    if (element === undefined) return;
    const size = Math.round(headSize(entry.width).length + 8);
    element.style.width = `${size}px`;
    element.style.height = `${size}px`;
    element.style.marginLeft = `${-size / 2}px`;
    element.style.marginTop = `${-size / 2}px`;
  };

  const shapeFlow = (entry: DrawnFlow, a: XY, b: XY, zoom: number): void => {
    const shape = arrowShape(a, b, entry.width);
    const toLatLng = (p: XY): L.LatLng => map.unproject(L.point(p.x, p.y), zoom);
    // Two points that fall on one pixel at this zoom: nothing to draw until zoomed in
    // (not drawn at all: such a flow is short at any clearance).
    const shaft = shape ? shape.shaft.map(toLatLng) : [];
    entry.hit.setLatLngs(shaft);
    entry.shaft.setLatLngs(shaft);
    entry.head.setLatLngs(shape ? shape.head.map(toLatLng) : []);
    if (shape) {
      const [tip, left, right] = shape.head;
      entry.centre = toLatLng({ x: (2 * tip.x + left.x + right.x) / 4, y: (2 * tip.y + left.y + right.y) / 4 });
    } else {
      entry.centre = entry.from;
    }
    entry.focus.setLatLng(entry.centre);
    sizeFocus(entry);
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
        const from = endPoint(flow.from);
        const to = endPoint(flow.to);
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
        shapeFlow(entry, a, b, zoom);
        added.push(entry);
      } else {
        entry.flow = flow;
        if (entry.width !== width) {
          entry.width = width;
          entry.shaft.setStyle({ weight: width });
          entry.hit.setStyle({ weight: hitWidth(width) });
          shapeFlow(entry, a, b, zoom);
        } else if (reshapeAll) {
          shapeFlow(entry, a, b, zoom);
        }
        const label = labelOf(flow);
        if (label !== entry.label) {
          entry.label = label;
          entry.focus.getElement()?.setAttribute('aria-label', label);
        }
      }
      next.set(key, entry);
    }
    for (const [key, entry] of drawn) {
      if (!next.has(key) && highlighted.has(entry)) raise(entry, false);
      if (!next.has(key)) group.removeLayer(entry.hit).removeLayer(entry.shaft).removeLayer(entry.head).removeLayer(entry.focus);
    }
    for (const entry of added) group.addLayer(entry.hit).addLayer(entry.shaft).addLayer(entry.head).addLayer(entry.focus);
    // SVG paints in document order: the halos, then the arrows largest first, so that
    // smaller arrows lie over larger ones and stay reachable (bringToFront only moves
    // the elements, in the order of `next`). The focus markers follow the same order,
    // which is the tab order.
    if (added.length > 0 || !keptInOrder(drawn, next)) {
      for (const entry of next.values()) entry.hit.bringToFront();
      for (const entry of next.values()) {
        entry.shaft.bringToFront();
        entry.head.bringToFront();
      }
      const focusPane = map.getPane(pane);
      if (focusPane !== undefined) {
        const elements: HTMLElement[] = [];
        for (const entry of next.values()) {
          const element = entry.focus.getElement();
          if (element !== undefined) elements.push(element);
        }
        orderFocusElements(focusPane, elements);
      }
    }
    drawn = next;
    map.getContainer().dataset.flowCount = String(drawn.size);
    updateLegend(maxPersons, placed.length, short);
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
    // Hover and keyboard focus highlight alike; the arrow stays dark while either holds.
    let hovered = false;
    let focused = false;
    const highlight = (): void => {
      const on = hovered || focused;
      if (on !== highlighted.has(entry)) raise(entry, on);
      shaft.setStyle(on ? { color: FLOW_HOVER_COLOUR, opacity: 0.95 } : { color: FLOW_COLOUR, opacity: SHAFT_OPACITY });
      head.setStyle(on ? { fillColor: FLOW_HOVER_COLOUR, fillOpacity: 1 } : { fillColor: FLOW_COLOUR, fillOpacity: HEAD_OPACITY });
    };
    // Leaflet's SVG paths cannot take focus in every browser (tabindex on SVG elements is
    // uneven), and re-ordering the paths for painting (bringToFront) re-inserts them,
    // which would blur a focused path. So the keyboard reaches a flow through a DOM marker
    // of its own over the head: it takes focus everywhere, is ordered apart from the
    // paint order, and Leaflet moves it with the map. It is invisible and lets the pointer
    // through (not interactive), so hover stays with the arrow's paths.
    const focus = L.marker(from, {
      pane,
      interactive: false,
      keyboard: true,
      icon: L.divIcon({ className: 'rw-flow-focus', iconSize: [0, 0], html: '' }),
    });
    const entry: DrawnFlow = { flow, from, to, width, hit, shaft, head, focus, centre: from, label: labelOf(flow) };
    // Read when the tooltip opens: a kept arrow shows its latest totals.
    const content = (): HTMLElement => flowTooltipContent(entry.flow, endName(flow.from), endName(flow.to));
    for (const part of [hit, shaft, head]) {
      // A click on a flow must not pick the map position behind it.
      part.options.bubblingMouseEvents = false;
      // The tooltip is built when it opens; each part of the arrow shows the same one.
      part.bindTooltip(content, { sticky: true, className: 'rw-map-tooltip rw-flow-tooltip-box' });
      // Leaflet gives each part with a tooltip focus listeners, and Chromium makes an SVG
      // element with focus listeners a tab stop: three stops per arrow, halos first. Out
      // of the tab order: the keyboard goes to the flow's marker instead.
      part.on('add', () => {
        part.getElement()?.setAttribute('tabindex', '-1');
      });
      part.on('mouseover', () => {
        hovered = true;
        highlight();
      });
      part.on('mouseout', () => {
        hovered = false;
        highlight();
      });
    }
    const hide = (): void => {
      focused = false;
      highlight();
      shaft.closeTooltip();
    };
    focus.on('add', () => {
      const element = focus.getElement();
      if (element === undefined) return;
      // Leaflet makes a keyboard marker a button; a flow does nothing when pressed, it is read.
      element.setAttribute('role', 'img');
      element.setAttribute('aria-roledescription', t('map.flows.roleDescription'));
      element.setAttribute('aria-label', entry.label);
      element.dataset.flow = flowKey(entry.flow);
      sizeFocus(entry);
      L.DomEvent.on(element, 'focus', () => {
        focused = true;
        highlight();
        shaft.openTooltip(entry.centre);
      });
      L.DomEvent.on(element, 'blur', hide);
      L.DomEvent.on(element, 'keydown', (event) => {
        if ((event as KeyboardEvent).key === 'Escape') hide();
      });
    });
    return entry;
  };

  const updateLegend = (maxPersons: number, placeable: number, short: number): void => {
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
      short,
      colour: FLOW_COLOUR,
    });
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
      for (const entry of [...highlighted]) raise(entry, false);
      if (legendShown) legend.remove();
      legendShown = false;
      group.remove();
      drawn = new Map();
      delete map.getContainer().dataset.flowCount;
    },
  };
}
