/**
 * The DOM content of tooltips and popups. Leaflet's `bindTooltip` and `bindPopup` parse a
 * string as HTML, so user and gazetteer text is only ever put into elements through
 * `textContent`, and the element is what Leaflet gets.
 */
import type { Place } from '../../shared/places/place';
import type { MapPoint } from './map-point';

function textElement(tag: 'div' | 'strong' | 'span', className: string, text: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  // User text may be in any script or direction (Arabic, Cyrillic, Greek).
  element.dir = 'auto';
  element.textContent = text;
  return element;
}

/** Tooltip of a gazetteer place: its name, and its local-script name when that differs. */
export function placeTooltipContent(place: Pick<Place, 'name' | 'nameLocal'>): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-place-label';
  root.append(textElement('strong', 'rw-map-place-name', place.name));
  const local = place.nameLocal.trim();
  if (local !== '' && local !== place.name) {
    root.append(textElement('div', 'rw-map-place-local', local));
  }
  return root;
}

/** Popup of an observation point: its title and subtitle. */
export function pointPopupContent(point: Pick<MapPoint, 'title' | 'subtitle'>): HTMLElement {
  const root = document.createElement('div');
  root.className = 'rw-map-point-popup';
  root.append(textElement('strong', 'rw-map-point-title', point.title));
  if (point.subtitle !== '') {
    root.append(textElement('div', 'rw-map-point-subtitle', point.subtitle));
  }
  return root;
}
