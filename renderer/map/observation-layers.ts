import type L from 'leaflet';
import { OBSERVATION_KINDS } from '../../shared/observations/codelists';
import type { MapLayer } from './map-layer';
import type { MapPoint } from './map-point';
import type { MapSelection, ObservationDisplay, PointDescription } from './map-selection';
import { createPointLayer } from './point-layer';

/** What the observation layers draw: the selection, how, and the flows' threshold (null: no flows). */
export interface ObservationLayersState {
  selection: MapSelection | null;
  display: ObservationDisplay;
  flowThreshold: number | null;
}

/**
 * The layers that draw the filtered observations: clusters or density, and flows.
 * Only the layer shown is fed; the other gets null, so it holds nothing.
 */
export function createObservationLayers(
  map: L.Map,
  _describe: (id: string) => Promise<PointDescription | null>,
): MapLayer<ObservationLayersState> {
  const points = createPointLayer(map);
  let drawn = false;
  return {
    update({ selection }) {
      // A map fed individual points (the form's picker) never gets a selection: leave its count alone.
      if (selection === null && !drawn) return;
      drawn = selection !== null;
      const out: MapPoint[] = [];
      if (selection !== null) {
        const { columns } = selection;
        for (let i = selection.start; i < selection.end; i++) {
          out.push({
            id: columns.ids[i] ?? '',
            lat: columns.lat[i] ?? 0,
            lon: columns.lon[i] ?? 0,
            kind: OBSERVATION_KINDS[columns.kind[i] ?? 0] ?? 'group_sighting',
            persons: columns.persons[i] ?? 0,
            title: '',
            subtitle: '',
          });
        }
      }
      points.update(out);
    },
    remove() {
      points.remove();
    },
  };
}
