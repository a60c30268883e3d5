import L from 'leaflet';
import type { Place } from '../../../shared/places/place';
import type { MapLayer } from '../map-layer';
import { MAP_PANES } from '../map-layer';
import { placeTooltipContent } from '../map-text';
import { PLACE_STYLE_GROUP, placeStyle } from './place-styles';

/**
 * The gazetteer places, drawn as SVG circles in their own pane above the observation
 * canvas: they are few, stay crisp, and each is a DOM element a test can find
 * (`path.rw-place[...]`, class per style group).
 */
export function createPlaceLayer(map: L.Map, onPlaceClick: (place: Place) => void): MapLayer<readonly Place[]> {
  const pane = MAP_PANES.places.name;
  const renderer = L.svg({ pane });
  const group = L.layerGroup([], { pane }).addTo(map);
  return {
    update(places) {
      group.clearLayers();
      for (const place of places) {
        const marker = L.circleMarker([place.lat, place.lon], {
          ...placeStyle(place.kind),
          pane,
          renderer,
          // A click on a place picks the place, not the map position behind it.
          bubblingMouseEvents: false,
          className: `rw-place rw-place-${PLACE_STYLE_GROUP[place.kind]}`,
        });
        marker.bindTooltip(() => placeTooltipContent(place), {
          direction: 'top',
          offset: [0, -6],
          className: 'rw-map-tooltip',
        });
        marker.on('click', () => {
          onPlaceClick(place);
        });
        group.addLayer(marker);
      }
    },
    remove() {
      group.remove();
    },
  };
}
