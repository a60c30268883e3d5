import L from 'leaflet';
import type { RouteCountry } from './country-names';
import { COUNTRY_LABEL_POINTS, ROUTE_COUNTRIES, countryLabel } from './country-names';
import { MAP_PANES } from '../map-layer';

/** Countries too small to carry a label at overview zooms without covering their neighbours'. */
const SMALL_COUNTRIES: ReadonlySet<RouteCountry> = new Set(['SI', 'ME', 'XK', 'MK']);
/** Below this zoom the small countries' labels are hidden and the others drawn smaller. */
export const FULL_LABELS_MIN_ZOOM = 6;

/** Country names at the hand-chosen label points, as text (no HTML, no icon image). */
export function addCountryLabels(map: L.Map): L.LayerGroup {
  const pane = MAP_PANES.labels.name;
  const group = L.layerGroup([], { pane });
  const paneElement = map.getPane(pane);
  const fitLabelsToZoom = (): void => {
    paneElement?.classList.toggle('rw-map-labels-overview', map.getZoom() < FULL_LABELS_MIN_ZOOM);
  };
  map.on('zoomend', fitLabelsToZoom);
  fitLabelsToZoom();
  for (const code of ROUTE_COUNTRIES) {
    const text = document.createElement('span');
    text.textContent = countryLabel(code);
    const { lat, lon } = COUNTRY_LABEL_POINTS[code];
    group.addLayer(
      L.marker([lat, lon], {
        pane,
        interactive: false,
        keyboard: false,
        // No size: the span centres itself on the point (route-map.css).
        icon: L.divIcon({
          html: text,
          className: `rw-map-country-label rw-map-country-${code}${SMALL_COUNTRIES.has(code) ? ' rw-map-country-small' : ''}`,
          iconSize: undefined,
        }),
      }),
    );
  }
  return group.addTo(map);
}
