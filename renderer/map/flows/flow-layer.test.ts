// @vitest-environment jsdom
import L from 'leaflet';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../i18n/i18n';
import type { FlowLayer } from './flow-layer';
import { FLOW_COLOUR, FLOW_COUNTRY_POINTS, createFlowLayer } from './flow-layer';
import { MAP_PANES } from '../map-layer';
import type { MapColumns, MapSelection } from '../columns/map-selection';
import { withSites } from '../../../test-support/renderer/test-columns';
import { FLOW_TEST_PLACES, MARKUP } from '../../../test-support/renderer/test-places';

const markup = MARKUP;
const PLACES = FLOW_TEST_PLACES;

interface Entry {
  persons: number;
  placeId?: string;
  from?: string;
  to?: string;
  fromCountry?: string;
  toCountry?: string;
}

function selection(entries: readonly Entry[], start = 0, end = entries.length): MapSelection {
  const n = entries.length;
  const columns: MapColumns = withSites({
    count: n,
    ids: entries.map((_, i) => `r${i}`),
    time: Float64Array.from(entries, (_, i) => i),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    kind: new Uint8Array(n),
    persons: Float64Array.from(entries, (e) => e.persons),
    placeId: entries.map((e) => e.placeId ?? null),
    fromPlace: entries.map((e) => e.from ?? null),
    toPlace: entries.map((e) => e.to ?? null),
    fromCountry: entries.map((e) => e.fromCountry ?? null),
    toCountry: entries.map((e) => e.toCountry ?? null),
  });
  return { columns, start, end };
}

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
});

let container: HTMLDivElement;
let map: L.Map;
let layer: FlowLayer;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  map = L.map(container, { zoomAnimation: false, fadeAnimation: false }).setView([43.5, 20], 6);
  for (const { name, zIndex } of Object.values(MAP_PANES)) map.createPane(name).style.zIndex = String(zIndex);
  layer = createFlowLayer(map, PLACES);
});
afterEach(() => {
  layer.remove();
  map.remove();
  container.remove();
});

const shafts = (): SVGPathElement[] => [...container.querySelectorAll<SVGPathElement>('.leaflet-rw-flows-pane path.rw-flow-shaft')];
const heads = (): SVGPathElement[] => [...container.querySelectorAll<SVGPathElement>('.leaflet-rw-flows-pane path.rw-flow-head')];
const flowCount = (): string | undefined => map.getContainer().dataset.flowCount;
const legendText = (): string => container.querySelector('.rw-flow-legend')?.textContent ?? '';

const ROUTE: Entry[] = [
  { persons: 400, from: 'mk-gevgelija', to: 'rs-presevo' },
  { persons: 100, from: 'rs-presevo', to: 'rs-belgrade' },
  { persons: 25, from: 'rs-belgrade', to: 'hr-zagreb' },
  { persons: 5, from: 'rs-presevo', to: 'mk-gevgelija' },
];

describe('createFlowLayer', () => {
  it('draws one arrow (shaft and head) per flow and counts them on the container', () => {
    layer.update(selection(ROUTE));
    expect(shafts()).toHaveLength(4);
    expect(heads()).toHaveLength(4);
    expect(flowCount()).toBe('4');
    for (const path of [...shafts(), ...heads()]) expect(path.getAttribute('d')).toMatch(/^M[\d.-]+ [\d.-]+L/);
  });

  it('sums the records of one pair into one arrow and draws only the window', () => {
    const entries: Entry[] = [
      { persons: 10, from: 'mk-gevgelija', to: 'rs-presevo' },
      { persons: 20, placeId: 'mk-gevgelija', to: 'rs-presevo' },
      { persons: 30, placeId: 'rs-presevo', from: 'mk-gevgelija' },
      { persons: 40, from: 'rs-presevo', to: 'rs-belgrade' },
    ];
    layer.update(selection(entries));
    expect(flowCount()).toBe('2');
    layer.update(selection(entries, 0, 2));
    expect(flowCount()).toBe('1');
    layer.update(selection(entries, 3, 3));
    expect(flowCount()).toBe('0');
    expect(legendText()).toContain(t('map.flows.legend.none'));
  });

  it('makes arrows wider for more persons', () => {
    layer.update(selection(ROUTE));
    const widths = shafts().map((path) => Number(path.getAttribute('stroke-width')));
    // Drawn largest first.
    expect(widths).toHaveLength(4);
    for (let i = 1; i < widths.length; i++) expect(widths[i - 1]).toBeGreaterThan(widths[i] ?? Infinity);
  });

  it('bends opposite flows to opposite sides of the straight line', () => {
    layer.update(selection([ROUTE[0] as Entry, ROUTE[3] as Entry]));
    const a = map.latLngToLayerPoint([41.14, 22.5]);
    const b = map.latLngToLayerPoint([42.31, 21.65]);
    // Signed distance of each shaft's middle vertex from the line a-b (path coordinates are layer points).
    const side = (path: SVGPathElement): number => {
      const numbers = [...(path.getAttribute('d') ?? '').matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
      const vertex = Math.floor(numbers.length / 4) * 2;
      const x = numbers[vertex] ?? 0;
      const y = numbers[vertex + 1] ?? 0;
      return ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) / a.distanceTo(b);
    };
    const [there, back] = shafts().map(side);
    expect(Math.abs(there ?? 0)).toBeGreaterThan(4);
    expect(Math.abs(back ?? 0)).toBeGreaterThan(4);
    expect(Math.sign(there ?? 0)).toBe(-Math.sign(back ?? 0));
  });

  it('hides flows under the threshold, and says so in the legend', () => {
    layer.update(selection(ROUTE));
    layer.setThreshold(30);
    expect(flowCount()).toBe('2');
    expect(shafts()).toHaveLength(2);
    expect(legendText()).toContain(t('map.flows.legend.hidden', { count: 30 }));
    expect(legendText()).toContain(t('map.flows.legend.shown', { shown: 2, total: 4 }));
    layer.setThreshold(0);
    expect(flowCount()).toBe('4');
    expect(legendText()).not.toContain(t('map.flows.legend.hidden', { count: 30 }));
  });

  it('keeps widths when the threshold changes (they follow the largest flow of the window)', () => {
    layer.update(selection(ROUTE));
    const before = shafts().map((path) => path.getAttribute('stroke-width'));
    layer.setThreshold(50);
    expect(shafts().map((path) => path.getAttribute('stroke-width'))).toEqual(before.slice(0, 2));
  });

  it('shows sample widths with their persons in the legend', () => {
    layer.update(selection(ROUTE));
    const samples = [...container.querySelectorAll('.rw-flow-legend-sample')].map((li) => li.textContent);
    expect(samples).toEqual(['400', '100', '20']);
    const heights = [...container.querySelectorAll<HTMLElement>('.rw-flow-legend-line')].map((line) => parseFloat(line.style.height));
    expect(heights[0]).toBeGreaterThan(heights[1] ?? Infinity);
    expect(heights[1]).toBeGreaterThan(heights[2] ?? Infinity);
  });

  it('shows the totals on hover, with markup in a place name as text', () => {
    layer.update(selection([{ persons: 1234, from: 'rs-belgrade', to: 'hr-zagreb' }, { persons: 1, from: 'rs-belgrade', to: 'hr-zagreb' }]));
    const shaft = shafts()[0];
    if (!shaft) throw new Error('no arrow');
    shaft.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 300, clientY: 300 }));
    const tooltip = container.querySelector('.rw-flow-tooltip');
    expect(tooltip).not.toBeNull();
    expect(tooltip?.querySelector('.rw-flow-from')?.textContent).toBe('Belgrade');
    expect(tooltip?.querySelector('.rw-flow-to')?.textContent).toBe(markup);
    expect(tooltip?.querySelector('.rw-flow-persons')?.textContent).toBe('1,235');
    expect(tooltip?.querySelector('.rw-flow-records')?.textContent).toBe('2');
    expect(container.querySelector('img')).toBeNull();
    expect(tooltip?.textContent).toContain(t('map.flows.tooltip.persons'));
    expect(shaft.getAttribute('stroke')).not.toBe(FLOW_COLOUR);
    shaft.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientX: 900, clientY: 900 }));
    expect(shaft.getAttribute('stroke')).toBe(FLOW_COLOUR);
  });

  it('puts every invisible hover halo under every visible arrow', () => {
    layer.update(selection(ROUTE));
    const paths = [...container.querySelectorAll('.leaflet-rw-flows-pane path')];
    const kinds = paths.map((path) => (path.classList.contains('rw-flow-hit') ? 'hit' : 'arrow'));
    expect(kinds).toEqual([...Array<string>(4).fill('hit'), ...Array<string>(8).fill('arrow')]);
    const hit = container.querySelector('path.rw-flow-hit');
    expect(hit?.getAttribute('stroke-opacity')).toBe('0');
    hit?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 300, clientY: 300 }));
    expect(container.querySelector('.rw-flow-tooltip .rw-flow-persons')?.textContent).toBe('400');
  });

  it('draws country ends at the country points, and leaves out ends it cannot place', () => {
    layer.update(
      selection([
        { persons: 50, placeId: 'rs-belgrade', toCountry: 'HU' },
        { persons: 60, fromCountry: 'TR', placeId: 'mk-gevgelija' },
        { persons: 70, from: 'rs-belgrade', toCountry: 'FR' },
        { persons: 80, from: 'rs-nowhere', to: 'rs-belgrade' },
      ]),
    );
    expect(flowCount()).toBe('2');
    expect(container.querySelectorAll('path.rw-flow-shaft.rw-flow-place-country')).toHaveLength(1);
    expect(container.querySelectorAll('path.rw-flow-shaft.rw-flow-country-place')).toHaveLength(1);
    expect(FLOW_COUNTRY_POINTS.HU).toBeDefined();
    expect(legendText()).toContain(t('map.flows.legend.shown', { shown: 2, total: 2 }));
  });

  it('draws nothing and drops the legend for a null selection, and cleans up on remove', () => {
    layer.update(selection(ROUTE));
    expect(container.querySelector('.rw-flow-legend')).not.toBeNull();
    layer.update(null);
    expect(shafts()).toHaveLength(0);
    expect(flowCount()).toBe('0');
    expect(container.querySelector('.rw-flow-legend')).toBeNull();
    layer.update(selection(ROUTE));
    layer.remove();
    expect(shafts()).toHaveLength(0);
    expect(flowCount()).toBeUndefined();
    expect(container.querySelector('.rw-flow-legend')).toBeNull();
  });

  it('keeps the arrow of a pair across updates, with new width, order and totals', () => {
    const entries: Entry[] = [
      { persons: 400, from: 'mk-gevgelija', to: 'rs-presevo' },
      { persons: 100, from: 'rs-presevo', to: 'rs-belgrade' },
      { persons: 900, from: 'rs-presevo', to: 'rs-belgrade' },
      { persons: 30, from: 'rs-belgrade', to: 'hr-zagreb' },
    ];
    layer.update(selection(entries, 0, 2));
    const first = shafts();
    expect(first.map((path) => path.classList.contains('rw-flow-place-place'))).toEqual([true, true]);
    const presevoBelgrade = first[1];
    const thinBefore = Number(presevoBelgrade?.getAttribute('stroke-width'));
    // Presevo-Belgrade grows to 1,000 and becomes the largest: same arrows, new order.
    layer.update(selection(entries, 0, 3));
    expect(shafts()).toEqual([presevoBelgrade, first[0]]);
    // Gevgelija-Presevo leaves the window, Belgrade-Zagreb comes in.
    layer.update(selection(entries, 1, 4));
    const second = shafts();
    expect(second).toHaveLength(2);
    expect(second[0]).toBe(presevoBelgrade);
    expect(Number(second[0]?.getAttribute('stroke-width'))).toBeGreaterThan(thinBefore);
    expect(Number(second[0]?.getAttribute('stroke-width'))).toBeGreaterThan(Number(second[1]?.getAttribute('stroke-width')));
    second[0]?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 300, clientY: 300 }));
    expect(container.querySelector('.rw-flow-tooltip .rw-flow-persons')?.textContent).toBe('1,000');
    // Back to the first window: the larger flow is drawn first (under the smaller) again.
    layer.update(selection(entries, 0, 2));
    const kinds = [...container.querySelectorAll('.leaflet-rw-flows-pane path')].map((path) => path.getAttribute('class')?.match(/rw-flow-(hit|shaft|head)/)?.[1]);
    expect(kinds).toEqual(['hit', 'hit', 'shaft', 'head', 'shaft', 'head']);
    expect(Number(shafts()[0]?.getAttribute('stroke-width'))).toBeGreaterThan(Number(shafts()[1]?.getAttribute('stroke-width')));
    expect(shafts()[1]).toBe(presevoBelgrade);
  });

  it('reshapes the arrows after a zoom', () => {
    layer.update(selection(ROUTE));
    const before = shafts()[0]?.getAttribute('d');
    map.setZoom(8, { animate: false });
    const after = shafts()[0]?.getAttribute('d');
    expect(after).not.toBe(before);
    expect(flowCount()).toBe('4');
  });
});
