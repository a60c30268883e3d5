/** Draws the offline basemap: land over the container's sea colour, coasts and borders. */
import type { MultiLineString } from 'geojson';
import L from 'leaflet';
import type { BasemapData, CountryProperties } from './basemap-data';
import { MAP_PANES } from './map-layer';

export const BASEMAP_COLOURS = {
  /** Also the map container's background (route-map.css). */
  sea: '#c6dae6',
  routeLand: '#f8f5ee',
  otherLand: '#e3e0d9',
  routeBorder: '#6f675c',
  otherBorder: '#a49f97',
  coast: '#8fb0c4',
} as const;

/** Draw the basemap in its pane; nothing in it takes a click, so clicks reach the map. */
export function addBasemap(map: L.Map, data: BasemapData): L.LayerGroup {
  const pane = MAP_PANES.basemap.name;
  const common = { pane, interactive: false } as const;
  const land = L.geoJSON<CountryProperties>(data.countries, {
    ...common,
    style: (f) => ({
      stroke: false,
      fillColor: f?.properties.route ? BASEMAP_COLOURS.routeLand : BASEMAP_COLOURS.otherLand,
      fillOpacity: 1,
    }),
  });
  const line = (geometry: MultiLineString, color: string, weight: number): L.GeoJSON =>
    L.geoJSON(geometry, { ...common, style: { color, weight, opacity: 1, fill: false, lineJoin: 'round' } });
  return L.layerGroup(
    [
      land,
      line(data.coasts, BASEMAP_COLOURS.coast, 0.8),
      line(data.otherBorders, BASEMAP_COLOURS.otherBorder, 0.8),
      line(data.routeBorders, BASEMAP_COLOURS.routeBorder, 1.3),
    ],
    { pane },
  ).addTo(map);
}
