/**
 * The keyboard's way to a flow. Leaflet's SVG paths cannot take focus in every browser
 * (tabindex on SVG elements is uneven), and re-ordering the paths for painting
 * (bringToFront) re-inserts them, which would blur a focused path. So each flow has a DOM
 * marker of its own over the head: it takes focus everywhere, is ordered apart from the
 * paint order, and Leaflet moves it with the map. It is invisible and lets the pointer
 * through (not interactive), so hover stays with the arrow's paths.
 */
import L from 'leaflet';
import { flowKey } from '../../../shared/flows/aggregate-flows';
import { t } from '../../i18n/i18n';
import type { DrawnFlow } from './flow-arrow';
import { headSize } from './flow-geometry';

export function createFocusMarker(at: L.LatLng, pane: string): L.Marker {
  return L.marker(at, {
    pane,
    interactive: false,
    keyboard: true,
    icon: L.divIcon({ className: 'rw-flow-focus', iconSize: [0, 0] }),
  });
}

/** Sizes the focus marker's ring to the head (its element exists once it is on the map). */
export function sizeFocusMarker(entry: Pick<DrawnFlow, 'focus' | 'width'>): void {
  const element = entry.focus.getElement();
  if (element === undefined) return;
  const size = Math.round(headSize(entry.width).length + 8);
  element.style.width = `${size}px`;
  element.style.height = `${size}px`;
  element.style.marginLeft = `${-size / 2}px`;
  element.style.marginTop = `${-size / 2}px`;
}

/** Sets the accessible name when the totals changed it (an attribute: names stay text). */
export function setFocusLabel(entry: DrawnFlow, label: string): void {
  if (label === entry.label) return;
  entry.label = label;
  entry.focus.getElement()?.setAttribute('aria-label', label);
}

/**
 * Names the marker when it is on the map and calls `focused(true)` on focus, and
 * `focused(false)` on blur or Escape.
 */
export function wireFocusMarker(entry: DrawnFlow, focused: (on: boolean) => void): void {
  const { focus } = entry;
  focus.on('add', () => {
    const element = focus.getElement();
    if (element === undefined) return;
    // Leaflet makes a keyboard marker a button; a flow does nothing when pressed, it is read.
    element.setAttribute('role', 'img');
    element.setAttribute('aria-roledescription', t('map.flows.roleDescription'));
    element.setAttribute('aria-label', entry.label);
    element.dataset.flow = flowKey(entry.flow);
    sizeFocusMarker(entry);
    L.DomEvent.on(element, 'focus', () => focused(true));
    L.DomEvent.on(element, 'blur', () => focused(false));
    L.DomEvent.on(element, 'keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape') focused(false);
    });
  });
}

/**
 * Puts the flows' focus elements in `order` in the pane (tab order: largest first)
 * without moving the element that has focus: moving a focused element in the DOM blurs
 * it, and a slider step reorders flows while someone may be reading one.
 */
export function orderFocusElements(pane: HTMLElement, order: readonly HTMLElement[]): void {
  const focused = order.find((element) => element === document.activeElement);
  if (focused === undefined) {
    for (const element of order) pane.append(element);
    return;
  }
  let before = true;
  for (const element of order) {
    if (element === focused) before = false;
    else if (before) focused.before(element);
    else pane.append(element);
  }
}

/** Orders the focus markers of `entries` (tab order) in the pane. */
export function orderFocusMarkers(pane: HTMLElement | undefined, entries: Iterable<DrawnFlow>): void {
  if (pane === undefined) return;
  const elements: HTMLElement[] = [];
  for (const entry of entries) {
    const element = entry.focus.getElement();
    if (element !== undefined) elements.push(element);
  }
  orderFocusElements(pane, elements);
}
