/** Draws the offline basemap: land over the container's sea colour, coasts and borders. */
import type { MultiLineString } from 'geojson';
import L from 'leaflet';
import type { BasemapData, BasemapDetail, CountryProperties } from './basemap-data';
import { loadBasemapData } from './basemap-data';
import { MAP_PANES } from '../map-layer';

/** From this zoom the 1:10m boundaries replace the 1:50m ones. */
export const DETAIL_MIN_ZOOM = 7;

export const BASEMAP_COLOURS = {
  /** Also the map container's background (route-map.css). */
  sea: '#c6dae6',
  routeLand: '#f8f5ee',
  otherLand: '#e3e0d9',
  routeBorder: '#6f675c',
  otherBorder: '#a49f97',
  coast: '#8fb0c4',
} as const;

/**
 * The basemap's layers, in its pane; nothing in it takes a click, so clicks reach the map.
 * SVG, not the canvas: about a hundred shapes, moved by the browser when panning rather
 * than redrawn, and each country an element with a class (`path.rw-country-RS`).
 */
function basemapGroup(data: BasemapData, renderer: L.Renderer): L.LayerGroup {
  const pane = MAP_PANES.basemap.name;
  const common = { pane, renderer, interactive: false } as const;
  const land = L.geoJSON<CountryProperties>(data.countries, {
    ...common,
    style: (f) => ({
      stroke: false,
      fillColor: f?.properties.route ? BASEMAP_COLOURS.routeLand : BASEMAP_COLOURS.otherLand,
      fillOpacity: 1,
      className: `rw-country rw-country-${f?.properties.route ?? 'other'}`,
    }),
  });
  const line = (geometry: MultiLineString, className: string, color: string, weight: number): L.GeoJSON =>
    L.geoJSON(geometry, { ...common, style: { color, weight, opacity: 1, fill: false, lineJoin: 'round', className } });
  return L.layerGroup(
    [
      land,
      line(data.coasts, 'rw-coast', BASEMAP_COLOURS.coast, 0.8),
      line(data.otherBorders, 'rw-border', BASEMAP_COLOURS.otherBorder, 0.8),
      line(data.routeBorders, 'rw-border rw-border-route', BASEMAP_COLOURS.routeBorder, 1.3),
    ],
    { pane },
  );
}

/**
 * The basemap on a map: the overview as soon as it is loaded, the detail from
 * DETAIL_MIN_ZOOM once it is (the overview stays until then, and if the detail fails).
 * `onOverviewError` is called when there is no basemap at all to show.
 */
export function createBasemapLayer(map: L.Map, onOverviewError: (error: unknown) => void): { remove(): void } {
  const groups = new Map<BasemapDetail, L.LayerGroup>();
  const requested = new Set<BasemapDetail>();
  const renderer = L.svg({ pane: MAP_PANES.basemap.name });
  let shown: L.LayerGroup | undefined;
  let removed = false;

  const request = (detail: BasemapDetail): void => {
    if (requested.has(detail)) return;
    requested.add(detail);
    loadBasemapData(detail).then(
      (data) => {
        if (removed) return;
        groups.set(detail, basemapGroup(data, renderer));
        show();
      },
      (error: unknown) => {
        if (removed) return;
        if (detail === 'overview') onOverviewError(error);
        else console.warn('Detailed basemap failed to load; keeping the overview', error);
      },
    );
  };

  function show(): void {
    const wanted: BasemapDetail = map.getZoom() >= DETAIL_MIN_ZOOM ? 'detail' : 'overview';
    request('overview');
    request(wanted);
    const group = groups.get(wanted) ?? groups.get('overview');
    if (group !== undefined && group !== shown) {
      shown?.remove();
      group.addTo(map);
      shown = group;
    }
  }

  map.on('zoomend', show);
  show();
  return {
    remove() {
      removed = true;
      map.off('zoomend', show);
      shown?.remove();
    },
  };
}
