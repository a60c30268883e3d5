import L from 'leaflet';
import type { FlowLegendState } from './flow-text';
import { renderFlowLegend } from './flow-text';

/** The flows' legend box (bottom right unless told), on the map only while flows are shown. */
export interface FlowLegendControl {
  /** Shows the legend with this content, or takes it off the map (null). */
  show(content: FlowLegendState | null): void;
  remove(): void;
}

export function createFlowLegendControl(map: L.Map, position: L.ControlPosition = 'bottomright'): FlowLegendControl {
  const element = document.createElement('section');
  element.className = 'rw-flow-legend leaflet-bar';
  L.DomEvent.disableClickPropagation(element);
  L.DomEvent.disableScrollPropagation(element);
  const control = new L.Control({ position });
  control.onAdd = () => element;
  let shown = false;
  const remove = (): void => {
    if (shown) control.remove();
    shown = false;
  };
  return {
    show(content) {
      if (content === null) {
        remove();
        return;
      }
      if (!shown) control.addTo(map);
      shown = true;
      renderFlowLegend(element, content);
    },
    remove,
  };
}
