import L from 'leaflet';
import type { MapLayer } from '../map-layer';
import { MAP_PANES } from '../map-layer';

export type PickedPosition = { lat: number; lon: number } | null;

/** The position the user picked (a place or a map click): a ring with a dot, not clickable. */
export function createPickedLayer(map: L.Map): MapLayer<PickedPosition> {
  const pane = MAP_PANES.picked.name;
  const group = L.layerGroup([], { pane }).addTo(map);
  return {
    update(picked) {
      group.clearLayers();
      if (picked === null || !Number.isFinite(picked.lat) || !Number.isFinite(picked.lon)) return;
      const at = L.latLng(picked.lat, picked.lon);
      const common = { pane, interactive: false, className: 'rw-picked' } as const;
      group.addLayer(L.circleMarker(at, { ...common, radius: 11, color: '#c62828', weight: 3, fill: false }));
      group.addLayer(L.circleMarker(at, { ...common, radius: 2.5, color: '#c62828', weight: 1, fillColor: '#c62828', fillOpacity: 1 }));
    },
    remove() {
      group.remove();
    },
  };
}
