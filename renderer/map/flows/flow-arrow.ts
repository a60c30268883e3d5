/**
 * One flow's arrow on the map: an invisible hover halo, a shaft and a head (SVG paths),
 * and the focus marker the keyboard reaches it by (`flow-focus.ts`). Shapes come from
 * `flow-geometry.ts` in pixels and are turned into positions at the zoom drawn.
 */
import L from 'leaflet';
import type { Flow } from '../../../shared/flows/aggregate-flows';
import type { XY } from './flow-geometry';
import { arrowShape } from './flow-geometry';
import { sizeFocusMarker } from './flow-focus';

/** Flow colour: a dark violet, apart from every observation kind's colour. */
export const FLOW_COLOUR = '#5e3c99';
const FLOW_HOVER_COLOUR = '#2d1b4e';
const SHAFT_OPACITY = 0.72;
const HEAD_OPACITY = 0.85;
/**
 * Pointer tolerance: an invisible stroke at least this wide under each arrow catches the
 * hover. All of these lie under all the visible arrows, so a thin arrow's halo never
 * takes the hover from a wide arrow it crosses.
 */
const HIT_WIDTH = 12;

export interface DrawnFlow {
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

export type ArrowPaths = Pick<DrawnFlow, 'hit' | 'shaft' | 'head'>;

function hitWidth(width: number): number {
  return Math.max(HIT_WIDTH, width + 4);
}

/** The arrow's three paths, empty until shaped; classes say the kinds of its ends. */
export function createArrowPaths(flow: Flow, width: number, pane: string, renderer: L.Renderer): ArrowPaths {
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
  return { hit, shaft, head };
}

/** Darkens the arrow while it is hovered or focused. */
export function styleArrowHighlighted(entry: ArrowPaths, on: boolean): void {
  entry.shaft.setStyle(on ? { color: FLOW_HOVER_COLOUR, opacity: 0.95 } : { color: FLOW_COLOUR, opacity: SHAFT_OPACITY });
  entry.head.setStyle(on ? { fillColor: FLOW_HOVER_COLOUR, fillOpacity: 1 } : { fillColor: FLOW_COLOUR, fillOpacity: HEAD_OPACITY });
}

/** A new width: shaft and halo restyled (the caller reshapes, since the head's size follows). */
export function setArrowWidth(entry: DrawnFlow, width: number): void {
  entry.width = width;
  entry.shaft.setStyle({ weight: width });
  entry.hit.setStyle({ weight: hitWidth(width) });
}

/** Shapes the arrow from pixel ends `a` to `b` at `zoom`, and puts its focus marker on the head. */
export function shapeArrow(map: L.Map, entry: DrawnFlow, a: XY, b: XY, zoom: number): void {
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
  sizeFocusMarker(entry);
}

export function addArrow(group: L.LayerGroup, entry: DrawnFlow): void {
  group.addLayer(entry.hit).addLayer(entry.shaft).addLayer(entry.head).addLayer(entry.focus);
}

export function removeArrow(group: L.LayerGroup, entry: DrawnFlow): void {
  group.removeLayer(entry.hit).removeLayer(entry.shaft).removeLayer(entry.head).removeLayer(entry.focus);
}

/**
 * SVG paints in document order: the halos, then the arrows in the order given (largest
 * first), so that smaller arrows lie over larger ones and stay reachable (bringToFront
 * only moves the elements).
 */
export function paintInOrder(entries: Iterable<DrawnFlow>): void {
  const list = [...entries];
  for (const entry of list) entry.hit.bringToFront();
  for (const entry of list) {
    entry.shaft.bringToFront();
    entry.head.bringToFront();
  }
}
