import { useCallback, useState } from 'react';
import { MAX_FLOW_THRESHOLD } from './flows/flow-controls';
import type { ObservationDisplay } from './columns/map-selection';
import type { TimeStep } from './time/time-steps';
import { TIME_STEPS } from './time/time-steps';

/** How the user set the Map screen up; kept for the session like the filter. */
export interface MapViewState {
  display: ObservationDisplay;
  step: TimeStep;
  showFlows: boolean;
  /** Flows under this many persons are hidden. */
  flowThreshold: number;
}

export const DEFAULT_MAP_VIEW: MapViewState = { display: 'clusters', step: 'period', showFlows: false, flowThreshold: 0 };
const STORAGE_KEY = 'routewatch.mapView';

/** A saved view, field by field: anything missing or malformed takes its default. */
export function readMapView(raw: string | null): MapViewState {
  let parsed: unknown;
  try {
    parsed = raw === null ? null : JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const saved = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const threshold = saved.flowThreshold;
  return {
    display: saved.display === 'heat' ? 'heat' : 'clusters',
    step: TIME_STEPS.find((s) => s === saved.step) ?? DEFAULT_MAP_VIEW.step,
    showFlows: saved.showFlows === true,
    flowThreshold:
      typeof threshold === 'number' && Number.isInteger(threshold) && threshold >= 0 && threshold <= MAX_FLOW_THRESHOLD
        ? threshold
        : DEFAULT_MAP_VIEW.flowThreshold,
  };
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be refused (privacy settings); the view then lasts as long as the screen.
    return null;
  }
}

export function useMapView(): [MapViewState, (patch: Partial<MapViewState>) => void] {
  const [view, setView] = useState(() => readMapView(storage()?.getItem(STORAGE_KEY) ?? null));
  const update = useCallback((patch: Partial<MapViewState>) => {
    setView((current) => {
      const next = { ...current, ...patch };
      storage()?.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return [view, update];
}
