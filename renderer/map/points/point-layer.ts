import L from 'leaflet';
import { KIND_COLOURS } from '../kind-colours';
import type { MapLayer } from '../map-layer';
import { MAP_PANES } from '../map-layer';
import type { MapPoint } from './map-point';
import { pointPopupContent } from '../map-text';

export const POINT_RADIUS_MIN = 4;
export const POINT_RADIUS_MAX = 22;

/**
 * Marker radius for a number of persons: area grows with persons (square-root scale),
 * capped so one large group does not cover a whole region.
 */
export function pointRadius(persons: number, maxRadius = POINT_RADIUS_MAX): number {
  const safe = Number.isFinite(persons) && persons > 0 ? persons : 0;
  return Math.min(maxRadius, POINT_RADIUS_MIN + 1.1 * Math.sqrt(safe));
}

/** How the points are drawn; the report's map draws them smaller and lighter, under its flows. */
export interface PointStyle {
  maxRadius?: number;
  fillOpacity?: number;
}

/**
 * Observation points on the map's canvas renderer (`preferCanvas`): one layer group,
 * cleared and refilled on each update. Popups are built only when opened.
 */
export function createPointLayer(map: L.Map, style: PointStyle = {}): MapLayer<readonly MapPoint[]> {
  const pane = MAP_PANES.points.name;
  const group = L.layerGroup([], { pane }).addTo(map);
  return {
    update(points) {
      group.clearLayers();
      // Largest first, so small markers stay on top and clickable.
      const ordered = [...points].sort((a, b) => b.persons - a.persons);
      for (const point of ordered) {
        const colour = KIND_COLOURS[point.kind];
        const marker = L.circleMarker([point.lat, point.lon], {
          pane,
          radius: pointRadius(point.persons, style.maxRadius),
          color: '#ffffff',
          weight: 1,
          fillColor: colour,
          fillOpacity: style.fillOpacity ?? 0.75,
          // A click on a point opens its popup; it does not pick the map position.
          bubblingMouseEvents: false,
          className: `rw-point rw-point-${point.kind}`,
        });
        marker.bindPopup(() => pointPopupContent(point), { maxWidth: 320, className: 'rw-map-popup' });
        group.addLayer(marker);
      }
      // Canvas markers are not elements: say how many are drawn, for tests and tools.
      map.getContainer().dataset.pointCount = String(group.getLayers().length);
    },
    remove() {
      group.remove();
    },
  };
}
