/**
 * Hover, focus and tooltips of the arrows. While a flow is hovered or focused, the flows'
 * pane rises over the cluster badges (and under the picked point) and the other arrows
 * fade: a head that a wide or off-centre badge covers shows whole, and the badges'
 * numbers show through the other arrows.
 */
import type L from 'leaflet';
import { MAP_PANES } from '../map-layer';
import type { DrawnFlow } from './flow-arrow';
import { styleArrowHighlighted } from './flow-arrow';
import { wireFocusMarker } from './flow-focus';

const RAISED_Z_INDEX = MAP_PANES.clusters.zIndex + 1;

/** The arrows hovered or focused now (a hovered one and a focused one may differ). */
export interface FlowHighlights {
  has(entry: DrawnFlow): boolean;
  set(entry: DrawnFlow, on: boolean): void;
  /** Lowers every arrow (the layer is removed). */
  clear(): void;
}

export function createFlowHighlights(map: L.Map, pane: string): FlowHighlights {
  const highlighted = new Set<DrawnFlow>();
  const set = (entry: DrawnFlow, on: boolean): void => {
    if (on) highlighted.add(entry);
    else highlighted.delete(entry);
    for (const part of [entry.hit, entry.shaft, entry.head]) part.getElement()?.classList.toggle('rw-flow-active', on);
    const element = map.getPane(pane);
    if (element === undefined) return;
    element.classList.toggle('rw-flows-raised', highlighted.size > 0);
    element.style.zIndex = String(highlighted.size > 0 ? RAISED_Z_INDEX : MAP_PANES.flows.zIndex);
  };
  return {
    has: (entry) => highlighted.has(entry),
    set,
    clear() {
      for (const entry of [...highlighted]) set(entry, false);
    },
  };
}

/**
 * Binds the arrow's tooltip (built by `content` when it opens, so a kept arrow shows its
 * latest totals) to each of its paths, and highlights it while hovered or focused: the
 * arrow stays dark while either holds. Focus opens the tooltip at the head; blur or
 * Escape closes it.
 */
export function bindFlowInteraction(entry: DrawnFlow, highlights: FlowHighlights, content: () => HTMLElement): void {
  let hovered = false;
  let focused = false;
  const highlight = (): void => {
    const on = hovered || focused;
    if (on !== highlights.has(entry)) highlights.set(entry, on);
    styleArrowHighlighted(entry, on);
  };
  for (const part of [entry.hit, entry.shaft, entry.head]) {
    // A click on a flow must not pick the map position behind it.
    part.options.bubblingMouseEvents = false;
    // The tooltip is built when it opens; each part of the arrow shows the same one.
    part.bindTooltip(content, { sticky: true, className: 'rw-map-tooltip rw-flow-tooltip-box' });
    // Leaflet gives each part with a tooltip focus listeners, and Chromium makes an SVG
    // element with focus listeners a tab stop: three stops per arrow, halos first. Out
    // of the tab order: the keyboard goes to the flow's marker instead.
    part.on('add', () => {
      part.getElement()?.setAttribute('tabindex', '-1');
    });
    part.on('mouseover', () => {
      hovered = true;
      highlight();
    });
    part.on('mouseout', () => {
      hovered = false;
      highlight();
    });
  }
  wireFocusMarker(entry, (on) => {
    focused = on;
    highlight();
    if (on) entry.shaft.openTooltip(entry.centre);
    else entry.shaft.closeTooltip();
  });
}
