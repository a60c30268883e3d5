import L from 'leaflet';
import { COUNTRY_LABEL_POINTS, ROUTE_COUNTRIES, countryLabel } from './country-names';
import { MAP_PANES } from './map-layer';

/** Country names at the hand-chosen label points, as text (no HTML, no icon image). */
export function addCountryLabels(map: L.Map): L.LayerGroup {
  const pane = MAP_PANES.labels.name;
  const group = L.layerGroup([], { pane });
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
        icon: L.divIcon({ html: text, className: `rw-map-country-label rw-map-country-${code}`, iconSize: undefined }),
      }),
    );
  }
  return group.addTo(map);
}
