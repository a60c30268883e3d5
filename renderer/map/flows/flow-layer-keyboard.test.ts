// @vitest-environment jsdom
/**
 * The flow layer without a mouse (focus markers: order, names, tooltip on focus) and its
 * rule for flows too short to show beside the cluster badges.
 */
import L from 'leaflet';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../i18n/i18n';
import { minClearChord } from './flow-geometry';
import type { FlowLayer } from './flow-layer';
import { FLOW_COLOUR, createFlowLayer } from './flow-layer';
import { MAP_PANES } from '../map-layer';
import type { MapSelection } from '../columns/map-selection';
import { BADGE_CLEARANCE, createObservationLayers } from '../observation-layers';
import { testColumns } from '../../../test-support/renderer/test-columns';
import { FLOW_TEST_PLACES, MARKUP } from '../../../test-support/renderer/test-places';

const markup = MARKUP;
const PLACES = FLOW_TEST_PLACES;

interface Move {
  persons: number;
  from: string;
  to: string;
}

/** One record per move, in time order, as the period's columns give them. */
function selection(moves: readonly Move[], start = 0, end = moves.length): MapSelection {
  const base = testColumns(moves.map((m, i) => ({ id: `r${i}`, lat: 0, lon: 0, kind: 'group_sighting', persons: m.persons })));
  const nulls = moves.map(() => null);
  const columns = { ...base, fromPlace: moves.map((m) => m.from), toPlace: moves.map((m) => m.to), placeId: nulls, fromCountry: nulls, toCountry: nulls };
  return { columns, start, end };
}

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
});

let container: HTMLDivElement;
let map: L.Map;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  map = L.map(container, { zoomAnimation: false, fadeAnimation: false }).setView([43.5, 20], 6);
  for (const { name, zIndex } of Object.values(MAP_PANES)) map.createPane(name).style.zIndex = String(zIndex);
});
afterEach(() => {
  map.remove();
  container.remove();
});

/** The flows' keyboard stops, in document order (all have tabindex 0: the tab order). */
const stops = (): HTMLElement[] => [...container.querySelectorAll<HTMLElement>('.rw-flow-focus')];
const labels = (): (string | null)[] => stops().map((element) => element.getAttribute('aria-label'));
const shafts = (): SVGPathElement[] => [...container.querySelectorAll<SVGPathElement>('path.rw-flow-shaft')];
const tooltip = (): Element | null => container.querySelector('.rw-flow-tooltip');
const legendText = (): string => container.querySelector('.rw-flow-legend')?.textContent ?? '';
const flowCount = (): string | undefined => map.getContainer().dataset.flowCount;

const ROUTE: Move[] = [
  { persons: 5, from: 'rs-presevo', to: 'mk-gevgelija' },
  { persons: 1234, from: 'mk-gevgelija', to: 'rs-presevo' },
  { persons: 100, from: 'rs-presevo', to: 'rs-belgrade' },
  { persons: 1, from: 'rs-belgrade', to: 'hr-zagreb' },
  { persons: 25, from: 'rs-belgrade', to: 'hr-zagreb' },
];

describe('flows from the keyboard', () => {
  let layer: FlowLayer;
  beforeEach(() => {
    layer = createFlowLayer(map, PLACES);
  });
  afterEach(() => {
    layer.remove();
  });

  it('gives each arrow one keyboard stop, largest flow first, named from, to, persons and records', () => {
    layer.update(selection(ROUTE));
    expect(stops()).toHaveLength(4);
    for (const stop of stops()) {
      expect(stop.tabIndex).toBe(0);
      expect(stop.getAttribute('role')).toBe('img');
      expect(stop.getAttribute('aria-roledescription')).toBe(t('map.flows.roleDescription'));
    }
    expect(labels()).toEqual([
      'Gevgelija → Preševo: 1,234 persons in 1 record',
      'Preševo → Belgrade: 100 persons in 1 record',
      `Belgrade → ${markup}: 26 persons in 2 records`,
      'Preševo → Gevgelija: 5 persons in 1 record',
    ]);
    // Nothing else in the pane is a tab stop (the paths are focusable in Chromium, having
    // Leaflet's focus listeners), and no positive tabindex reorders the page.
    const tabStops = [...container.querySelectorAll('.leaflet-rw-flows-pane [tabindex]')].filter((element) => element.getAttribute('tabindex') !== '-1');
    expect(tabStops).toEqual(stops());
    expect(container.querySelectorAll('.leaflet-rw-flows-pane path:not([tabindex="-1"])')).toHaveLength(0);
  });

  it('keeps the tab order largest first across updates, and a focused flow keeps focus', () => {
    const moves: Move[] = [...ROUTE, { persons: 5000, from: 'rs-presevo', to: 'rs-belgrade' }];
    layer.update(selection(moves, 0, 5));
    const belgradeZagreb = stops()[2];
    belgradeZagreb?.focus();
    expect(document.activeElement).toBe(belgradeZagreb);
    // Preševo-Belgrade grows to 5,100 persons and becomes the largest.
    layer.update(selection(moves, 0, 6));
    expect(labels()[0]).toBe('Preševo → Belgrade: 5,100 persons in 2 records');
    expect(labels()[1]).toBe('Gevgelija → Preševo: 1,234 persons in 1 record');
    expect(stops()[2]).toBe(belgradeZagreb);
    expect(document.activeElement).toBe(belgradeZagreb);
    // A flow that leaves the window takes its stop with it.
    layer.update(selection(moves, 1, 3));
    expect(labels()).toEqual(['Gevgelija → Preševo: 1,234 persons in 1 record', 'Preševo → Belgrade: 100 persons in 1 record']);
  });

  it('shows the totals and highlights the arrow on focus; Escape and blur hide them', () => {
    layer.update(selection(ROUTE));
    const stop = stops()[2];
    const shaft = shafts()[2];
    if (!stop || !shaft) throw new Error('no flow');
    expect(tooltip()).toBeNull();
    stop.focus();
    expect(tooltip()?.querySelector('.rw-flow-from')?.textContent).toBe('Belgrade');
    expect(tooltip()?.querySelector('.rw-flow-to')?.textContent).toBe(markup);
    expect(tooltip()?.querySelector('.rw-flow-persons')?.textContent).toBe('26');
    expect(tooltip()?.querySelector('.rw-flow-records')?.textContent).toBe('2');
    expect(shaft.getAttribute('stroke')).not.toBe(FLOW_COLOUR);
    // Markup in a place name stays text, in the tooltip and in the name alike.
    expect(container.querySelector('img')).toBeNull();
    stop.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(tooltip()).toBeNull();
    expect(shaft.getAttribute('stroke')).toBe(FLOW_COLOUR);
    expect(document.activeElement).toBe(stop);
    stop.blur();
    stop.focus();
    expect(tooltip()).not.toBeNull();
    stop.blur();
    expect(tooltip()).toBeNull();
    expect(shaft.getAttribute('stroke')).toBe(FLOW_COLOUR);
  });

  it('puts the stop over the arrowhead', () => {
    layer.update(selection([ROUTE[1] as Move]));
    const stop = stops()[0];
    const head = container.querySelector('path.rw-flow-head');
    if (!stop || !head) throw new Error('no flow');
    const corners = [...(head.getAttribute('d') ?? '').matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    expect(corners).toHaveLength(3);
    const at = L.DomUtil.getPosition(stop);
    const xs = corners.map((c) => c.x);
    const ys = corners.map((c) => c.y);
    expect(at.x).toBeGreaterThanOrEqual(Math.min(...xs));
    expect(at.x).toBeLessThanOrEqual(Math.max(...xs));
    expect(at.y).toBeGreaterThanOrEqual(Math.min(...ys));
    expect(at.y).toBeLessThanOrEqual(Math.max(...ys));
    expect(parseFloat(stop.style.width)).toBeGreaterThan(10);
  });
});

describe('short flows beside the cluster badges', () => {
  // Tabanovce and Preševo lie about 6 px apart at zoom 6, and 100 px at zoom 10.
  const moves: Move[] = [
    { persons: 300, from: 'mk-tabanovce', to: 'rs-presevo' },
    { persons: 200, from: 'mk-gevgelija', to: 'rs-belgrade' },
    { persons: 100, from: 'rs-presevo', to: 'rs-belgrade' },
  ];
  const chord = (a: string, b: string): number => {
    const p = PLACES.get(a);
    const q = PLACES.get(b);
    if (!p || !q) throw new Error('no place');
    return map.project([p.lat, p.lon]).distanceTo(map.project([q.lat, q.lon]));
  };

  it('leaves out, at this zoom, flows whose head would lie under a badge, says so, and draws them zoomed in', () => {
    const layer = createFlowLayer(map, PLACES, { endClearance: BADGE_CLEARANCE });
    layer.update(selection(moves));
    expect(chord('mk-tabanovce', 'rs-presevo')).toBeLessThan(minClearChord(14, BADGE_CLEARANCE));
    expect(chord('rs-presevo', 'rs-belgrade')).toBeGreaterThan(minClearChord(14, BADGE_CLEARANCE));
    expect(labels().map((label) => label?.split(':')[0])).toEqual(['Gevgelija → Belgrade', 'Preševo → Belgrade']);
    expect(flowCount()).toBe('2');
    expect(legendText()).toContain(t('map.flows.legend.shown', { shown: 2, total: 3 }));
    expect(legendText()).toContain('1 short flow hidden: zoom in');
    // The widths still follow the largest flow of the window, drawn or not.
    expect(Number(shafts()[0]?.getAttribute('stroke-width'))).toBeLessThan(14);

    map.setView([42.27, 21.68], 10, { animate: false });
    expect(chord('mk-tabanovce', 'rs-presevo')).toBeGreaterThan(minClearChord(14, BADGE_CLEARANCE));
    expect(flowCount()).toBe('3');
    expect(labels()[0]).toBe('Tabanovce → Preševo: 300 persons in 1 record');
    expect(legendText()).not.toContain('short');

    map.setZoom(6, { animate: false });
    expect(flowCount()).toBe('2');
    layer.setEndClearance(0);
    expect(flowCount()).toBe('3');
    expect(legendText()).not.toContain('short');
    layer.remove();
  });

  it('applies to the badges of the clusters display, not to density', () => {
    const layers = createObservationLayers(map, PLACES, () => Promise.resolve(null));
    const chosen = selection(moves);
    layers.update({ selection: chosen, display: 'clusters', flowThreshold: 0 });
    expect(flowCount()).toBe('2');
    layers.update({ selection: chosen, display: 'heat', flowThreshold: 0 });
    expect(flowCount()).toBe('3');
    layers.update({ selection: chosen, display: 'clusters', flowThreshold: 0 });
    expect(flowCount()).toBe('2');
    layers.remove();
  });
});

describe('a flow pointed at or focused', () => {
  it('lifts the flows over the cluster badges and fades the other arrows until it is left', () => {
    const layer = createFlowLayer(map, PLACES);
    layer.update(selection(ROUTE));
    const pane = map.getPane(MAP_PANES.flows.name);
    if (!pane) throw new Error('no pane');
    const stop = stops()[1];
    const shaft = shafts()[1];
    if (!stop || !shaft) throw new Error('no flow');
    expect(Number(pane.style.zIndex)).toBeLessThan(MAP_PANES.clusters.zIndex);
    stop.focus();
    expect(Number(pane.style.zIndex)).toBeGreaterThan(MAP_PANES.clusters.zIndex);
    expect(Number(pane.style.zIndex)).toBeLessThan(MAP_PANES.picked.zIndex);
    expect(pane.classList.contains('rw-flows-raised')).toBe(true);
    expect(container.querySelectorAll('path.rw-flow-active')).toHaveLength(3);
    expect(shaft.classList.contains('rw-flow-active')).toBe(true);
    // Pointing at another flow meanwhile keeps the pane up until both are left.
    const other = shafts()[0];
    other?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 300, clientY: 300 }));
    stop.blur();
    expect(pane.classList.contains('rw-flows-raised')).toBe(true);
    other?.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientX: 900, clientY: 900 }));
    expect(pane.classList.contains('rw-flows-raised')).toBe(false);
    expect(pane.style.zIndex).toBe(String(MAP_PANES.flows.zIndex));
    expect(container.querySelectorAll('path.rw-flow-active')).toHaveLength(0);
    // A focused flow that leaves the window lowers the pane with it.
    stop.focus();
    layer.update(selection(ROUTE, 0, 1));
    expect(pane.classList.contains('rw-flows-raised')).toBe(false);
    layer.remove();
  });
});
