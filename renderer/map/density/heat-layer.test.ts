// @vitest-environment jsdom
/** The density layer: its weights, intensity and radius as numbers; the layer in jsdom (no canvas drawing). */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// jsdom has no canvas: without getContext the layer sums and skips the drawing (as route-map.test.tsx).
vi.hoisted(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: undefined, configurable: true });
});

import L from 'leaflet';
import { createHeatLayer, heatGrid, heatIntensity, heatRadius, worldPixels } from './heat-layer';
import { MAP_PANES } from '../map-layer';
import { testColumns } from '../../../test-support/renderer/test-columns';

const view = { width: 100, height: 100, cell: 10, margin: 0 };

describe('heat weights', () => {
  it('sums persons per cell, weighs nothing for entries without persons, drops what is outside the view', () => {
    const x = [5, 7, 55, 95, 150, -20, 30];
    const y = [5, 3, 55, 95, 50, 50, 30];
    const persons = [10, 30, 7, 1, 500, 500, 0];
    const grid = heatGrid(x, y, persons, 0, x.length, view);
    expect(grid.total).toBe(48);
    expect(grid.max).toBe(40);
    expect(grid.cells.length / 3).toBe(3);
    // The first cell sits at its entries' weighted centre.
    expect([...grid.cells.slice(0, 3)]).toEqual([6.5, 3.5, 40]);
  });

  it('counts only the entries [start, end), and entries in the margin', () => {
    const x = [5, -15, 50];
    const y = [5, 5, 50];
    const persons = [1, 2, 4];
    expect(heatGrid(x, y, persons, 1, 3, view).total).toBe(4);
    expect(heatGrid(x, y, persons, 0, 3, { ...view, margin: 20 }).total).toBe(7);
  });

  it('ignores broken figures', () => {
    expect(heatGrid([1, 2], [1, 2], [Number.NaN, -4], 0, 2, view).total).toBe(0);
  });

  it('makes intensity grow with persons on a log scale, from a visible floor to 1', () => {
    expect(heatIntensity(0, 100)).toBe(0);
    expect(heatIntensity(100, 100)).toBe(1);
    expect(heatIntensity(1, 10_000)).toBe(0.15);
    const mid = heatIntensity(99, 9999);
    expect(mid).toBeCloseTo(0.5, 2);
    expect(heatIntensity(1000, 9999)).toBeGreaterThan(mid);
  });

  it('widens the stamp as the map zooms in, within limits', () => {
    expect(heatRadius(4)).toBe(10);
    expect(heatRadius(12)).toBe(26);
    expect(heatRadius(0)).toBe(8);
    expect(heatRadius(30)).toBe(30);
  });

  it('projects as Leaflet does', () => {
    const [x, y] = worldPixels(44.8, 20.4);
    const leaflet = L.CRS.EPSG3857.latLngToPoint(L.latLng(44.8, 20.4), 0);
    expect(x).toBeCloseTo(leaflet.x, 6);
    expect(y).toBeCloseTo(leaflet.y, 6);
  });
});

describe('heat layer', () => {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 700 });
  });
  let map: L.Map | null = null;
  afterEach(() => {
    map?.remove();
    map = null;
  });

  it('sums the weights of the selection in view (the map\'s measure), and redraws after a move', () => {
    const element = document.createElement('div');
    document.body.append(element);
    map = L.map(element, { zoomAnimation: false, fadeAnimation: false }).setView([42, 21], 6);
    map.createPane(MAP_PANES.points.name);
    // Persons moving weigh their persons; a site its latest count once; an incident nothing.
    const columns = testColumns([
      { id: 'a', lat: 44.8, lon: 20.4, kind: 'group_sighting', persons: 100 },
      { id: 'b', lat: 41.1, lon: 22.5, kind: 'site_snapshot', persons: 20, placeId: 'gr-idomeni' },
      { id: 'c', lat: 41.1, lon: 22.5, kind: 'site_snapshot', persons: 3, placeId: 'gr-idomeni' },
      { id: 'd', lat: 41.1, lon: 22.5, kind: 'incident', persons: 50 },
    ]);
    const layer = createHeatLayer(map);
    const container = map.getContainer();
    layer.update({ columns, start: 0, end: 4 });
    expect(container.dataset.heatPersons).toBe('103');
    expect(container.dataset.heatCells).toBe('2');
    expect(container.dataset.observationDisplay).toBe('heat');
    layer.update({ columns, start: 1, end: 2 });
    expect(container.dataset.heatPersons).toBe('20');
    map.setView([10, -40], 6);
    expect(container.dataset.heatPersons).toBe('0');
    layer.update(null);
    expect(container.dataset.heatCells).toBe('0');
    expect(container.querySelectorAll('canvas.rw-heat-canvas')).toHaveLength(1);
    layer.remove();
    expect(container.querySelector('canvas.rw-heat-canvas')).toBeNull();
  });
});
