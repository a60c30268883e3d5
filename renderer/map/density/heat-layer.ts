import '../clusters/cluster-layer.css';
import L from 'leaflet';
import { HEAT_RAMP } from './heat-ramp';
import { heatWeights } from './heat-weights';
import type { MapLayer } from '../map-layer';
import { MAP_PANES } from '../map-layer';
import type { MapSelection } from '../columns/map-selection';

/**
 * Density of persons ("heat", weighed by the map's measure: heat-weights.ts) on a canvas of our own: the maintained Leaflet heat
 * plugins are gone (leaflet.heat's last release is from 2015 and expects a global `L`),
 * and the technique is short: persons summed into a grid of screen cells, each cell
 * stamped as a blurred disc whose opacity grows with its persons, the opacity then
 * coloured through HEAT_RAMP.
 */

/** Stamp radius in screen pixels at a zoom: wider as the map zooms in, so a place stays a patch. */
export function heatRadius(zoom: number): number {
  return Math.max(8, Math.min(30, Math.round(10 + 2 * (zoom - 4))));
}

/**
 * Position in Leaflet's world pixels at zoom 0 (Web Mercator, 256 px wide), as Leaflet's
 * EPSG:3857 projects it: computed once per selection, scaled per zoom when drawn.
 */
export function worldPixels(lat: number, lon: number): [number, number] {
  const maxLat = 85.0511287798;
  const clamped = Math.max(-maxLat, Math.min(maxLat, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = (lon / 360 + 0.5) * 256;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 256;
  return [x, y];
}

export interface HeatGrid {
  /** Cell centres in container pixels and their persons: x, y, weight, one triple per cell. */
  cells: Float64Array;
  /** Largest weight of a cell. */
  max: number;
  /** Persons summed (entries in view only). */
  total: number;
}

/**
 * Persons of the entries [start, end) summed into square cells of `cell` pixels over a
 * view of width × height (plus a margin of `margin` pixels, so stamps near an edge are
 * drawn). `x` and `y` are in the view's pixels; entries with no persons weigh nothing.
 */
export function heatGrid(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  persons: ArrayLike<number>,
  start: number,
  end: number,
  view: { width: number; height: number; cell: number; margin: number },
): HeatGrid {
  const { width, height, cell, margin } = view;
  const columns = Math.ceil((width + 2 * margin) / cell);
  const rows = Math.ceil((height + 2 * margin) / cell);
  const weights = new Float64Array(columns * rows);
  const sumX = new Float64Array(columns * rows);
  const sumY = new Float64Array(columns * rows);
  let total = 0;
  for (let i = start; i < end; i++) {
    const w = persons[i] ?? 0;
    if (!(w > 0)) continue;
    const px = (x[i] ?? 0) + margin;
    const py = (y[i] ?? 0) + margin;
    if (px < 0 || py < 0) continue;
    const cx = Math.floor(px / cell);
    const cy = Math.floor(py / cell);
    if (cx >= columns || cy >= rows) continue;
    const k = cy * columns + cx;
    weights[k] = (weights[k] ?? 0) + w;
    // The cell is drawn at its entries' weighted centre, so a lone place stays where it is.
    sumX[k] = (sumX[k] ?? 0) + w * (px - margin);
    sumY[k] = (sumY[k] ?? 0) + w * (py - margin);
    total += w;
  }
  let used = 0;
  let max = 0;
  for (const w of weights) {
    if (w > 0) used++;
    if (w > max) max = w;
  }
  const cells = new Float64Array(used * 3);
  let j = 0;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k] ?? 0;
    if (w <= 0) continue;
    cells[j] = (sumX[k] ?? 0) / w;
    cells[j + 1] = (sumY[k] ?? 0) / w;
    cells[j + 2] = w;
    j += 3;
  }
  return { cells, max, total };
}

/**
 * Opacity of a cell's stamp: logarithmic in persons relative to the fullest cell in view,
 * so a crossing with thousands does not hide every place with tens; never fully clear.
 */
export function heatIntensity(weight: number, max: number): number {
  if (!(weight > 0) || !(max > 0)) return 0;
  return Math.max(0.15, Math.min(1, Math.log1p(weight) / Math.log1p(max)));
}

/** 256 RGB entries from low to high along HEAT_RAMP. */
function rampPalette(): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 1;
  const palette = new Uint8ClampedArray(256 * 4);
  const context = canvas.getContext('2d');
  if (context === null) return palette;
  const gradient = context.createLinearGradient(0, 0, 256, 0);
  for (const stop of HEAT_RAMP) gradient.addColorStop(stop.at, stop.colour);
  context.fillStyle = gradient;
  context.fillRect(0, 0, 256, 1);
  palette.set(context.getImageData(0, 0, 256, 1).data);
  return palette;
}

/** A blurred disc of the given radius, drawn once per radius and stamped per cell. */
function stamp(radius: number): HTMLCanvasElement {
  const blur = Math.round(radius * 0.8);
  const canvas = document.createElement('canvas');
  const size = 2 * (radius + blur);
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (context === null) return canvas;
  // The disc is drawn off the canvas and only its shadow lands on it: a soft edge for free.
  context.shadowOffsetX = size;
  context.shadowBlur = blur;
  context.shadowColor = 'black';
  context.beginPath();
  context.arc(size / 2 - size, size / 2, radius, 0, Math.PI * 2);
  context.fill();
  return canvas;
}

/**
 * The density layer: a canvas over the map's view, redrawn on `moveend` (Leaflet fires it
 * after a zoom too) and hidden while a zoom animates. The container's `data-heat-persons`
 * and `data-heat-cells` say what the last draw summed (also where no canvas exists, as
 * in jsdom).
 */
export function createHeatLayer(map: L.Map): MapLayer<MapSelection | null> {
  const pane = map.getPane(MAP_PANES.points.name) ?? map.getPanes().overlayPane;
  const canvas = L.DomUtil.create('canvas', 'rw-heat-canvas leaflet-zoom-hide', pane);
  canvas.setAttribute('aria-hidden', 'true');
  const context = typeof canvas.getContext === 'function' ? canvas.getContext('2d') : null;
  const container = map.getContainer();
  let palette: Uint8ClampedArray | null = null;
  const stamps = new Map<number, HTMLCanvasElement>();
  let selection: MapSelection | null = null;
  // Zoom-0 world pixels of the selection's columns, kept while the columns are the same.
  let projected: { columns: MapSelection['columns']; x: Float64Array; y: Float64Array } | null = null;
  // Each entry's weight in the window (heat-weights.ts), computed per selection.
  let weights: Float64Array = new Float64Array(0);

  const draw = (): void => {
    const size = map.getSize();
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, topLeft);
    canvas.width = size.x;
    canvas.height = size.y;
    if (selection === null || projected === null) {
      container.dataset.heatPersons = '0';
      container.dataset.heatCells = '0';
      return;
    }
    const zoom = map.getZoom();
    const scale = 2 ** zoom;
    const origin = map.getPixelBounds().min ?? L.point(0, 0);
    const { start, end } = selection;
    const n = end - start;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = (projected.x[start + i] ?? 0) * scale - origin.x;
      ys[i] = (projected.y[start + i] ?? 0) * scale - origin.y;
    }
    const radius = heatRadius(zoom);
    const grid = heatGrid(xs, ys, weights, 0, n, {
      width: size.x,
      height: size.y,
      cell: Math.max(2, Math.round(radius / 2)),
      margin: 2 * radius,
    });
    container.dataset.heatPersons = String(grid.total);
    container.dataset.heatCells = String(grid.cells.length / 3);
    if (context === null || grid.cells.length === 0) return;

    let disc = stamps.get(radius);
    if (disc === undefined) {
      disc = stamp(radius);
      stamps.set(radius, disc);
    }
    const half = disc.width / 2;
    for (let j = 0; j < grid.cells.length; j += 3) {
      context.globalAlpha = heatIntensity(grid.cells[j + 2] ?? 0, grid.max);
      context.drawImage(disc, (grid.cells[j] ?? 0) - half, (grid.cells[j + 1] ?? 0) - half);
    }
    // Colour by accumulated opacity: the alpha channel picks the ramp's entry.
    palette ??= rampPalette();
    const image = context.getImageData(0, 0, size.x, size.y);
    const pixels = image.data;
    for (let p = 3; p < pixels.length; p += 4) {
      const alpha = pixels[p] ?? 0;
      if (alpha === 0) continue;
      const entry = alpha * 4;
      pixels[p - 3] = palette[entry] ?? 0;
      pixels[p - 2] = palette[entry + 1] ?? 0;
      pixels[p - 1] = palette[entry + 2] ?? 0;
      // Even the densest patch lets the map under it show through a little.
      pixels[p] = Math.min(230, Math.round(alpha * 1.3));
    }
    context.putImageData(image, 0, 0);
  };

  const hide = (): void => {
    canvas.style.visibility = 'hidden';
  };
  const show = (): void => {
    draw();
    canvas.style.visibility = '';
  };
  map.on('zoomstart', hide);
  map.on('moveend', show);
  map.on('resize', show);

  return {
    update(next) {
      selection = next;
      weights = next === null ? new Float64Array(0) : heatWeights(next);
      if (next === null) {
        projected = null;
      } else {
        if (container.dataset.observationDisplay !== 'heat') container.dataset.observationDisplay = 'heat';
        if (projected?.columns !== next.columns) {
          const { columns } = next;
          const x = new Float64Array(columns.count);
          const y = new Float64Array(columns.count);
          for (let i = 0; i < columns.count; i++) {
            const [wx, wy] = worldPixels(columns.lat[i] ?? 0, columns.lon[i] ?? 0);
            x[i] = wx;
            y[i] = wy;
          }
          projected = { columns, x, y };
        }
      }
      show();
    },
    remove() {
      map.off('zoomstart', hide);
      map.off('moveend', show);
      map.off('resize', show);
      canvas.remove();
      delete container.dataset.heatPersons;
      delete container.dataset.heatCells;
    },
  };
}
