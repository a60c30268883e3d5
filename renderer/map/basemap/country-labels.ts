import L from 'leaflet';
import type { RouteCountry } from './country-names';
import { COUNTRY_LABEL_POINTS, ROUTE_COUNTRIES, countryLabel } from './country-names';
import { MAP_PANES } from '../map-layer';

/** Countries too small to carry a label at overview zooms without covering their neighbours'. */
const SMALL_COUNTRIES: ReadonlySet<RouteCountry> = new Set(['SI', 'ME', 'XK', 'MK']);
/** Below this zoom the small countries' labels are hidden and the others drawn smaller. */
export const FULL_LABELS_MIN_ZOOM = 6;

/** One country's label on the map: its marker at the label point and the text element. */
export interface CountryLabel {
  code: RouteCountry;
  /** Drawn at overview zooms too. */
  small: boolean;
  lat: number;
  lon: number;
  marker: L.Marker;
  /** The text; positioned by the label placement (labels/map-labels.ts) once on the map. */
  text: HTMLElement;
}

export interface CountryLabels {
  group: L.LayerGroup;
  labels: readonly CountryLabel[];
}

/**
 * Country names at the hand-chosen label points, as text (no HTML, no icon image). Where
 * each is shown (or hidden, when a badge would cover it or the map's edge crop it) is
 * decided by the label placement (labels/map-labels.ts).
 */
export function addCountryLabels(map: L.Map): CountryLabels {
  const pane = MAP_PANES.labels.name;
  const group = L.layerGroup([], { pane });
  const paneElement = map.getPane(pane);
  const fitLabelsToZoom = (): void => {
    paneElement?.classList.toggle('rw-map-labels-overview', map.getZoom() < FULL_LABELS_MIN_ZOOM);
  };
  map.on('zoomend', fitLabelsToZoom);
  fitLabelsToZoom();
  const labels: CountryLabel[] = [];
  for (const code of ROUTE_COUNTRIES) {
    const text = document.createElement('span');
    text.textContent = countryLabel(code);
    const { lat, lon } = COUNTRY_LABEL_POINTS[code];
    const small = SMALL_COUNTRIES.has(code);
    const marker = L.marker([lat, lon], {
      pane,
      interactive: false,
      keyboard: false,
      // No size: the span centres itself on the point (route-map.css).
      icon: L.divIcon({
        html: text,
        className: `rw-map-country-label rw-map-country-${code}${small ? ' rw-map-country-small' : ''}`,
        iconSize: undefined,
      }),
    });
    labels.push({ code, small, lat, lon, marker, text });
    group.addLayer(marker);
  }
  group.addTo(map);
  return { group, labels };
}
