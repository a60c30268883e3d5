import { useLiveQuery } from 'dexie-react-hooks';
import type L from 'leaflet';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useServices } from '../app/services';
import { FilterBar } from '../filter/filter-bar';
import { toIndexFilter, useFilter } from '../filter/filter-state';
import { SearchStatus } from '../filter/search-status';
import { t } from '../i18n/i18n';
import { positionOf } from '../observations/observation-labels';
import { MeasureCounts } from '../reports/measure-counts';
import { CopyMapButton } from './snapshot/copy-map-button';
import { describePoint } from './describe-point';
import { FlowThresholdControl } from './flows/flow-controls';
import { selectionMeasures, selectWindow } from './columns/map-columns';
import type { MapSelection } from './columns/map-selection';
import { useMapColumns } from './columns/use-map-columns';
import { useMapView } from './map-view-state';
import type { MapFocus } from './route-map';
import { RouteMap } from './route-map';
import { TimeSlider } from './time/time-slider';
import { timeWindows, windowIndexAt } from './time/time-steps';
import './map-screen.css';

/**
 * The Map screen: the shared filter (as on the list), how to draw the observations
 * (clusters or density, flows), the map, and the time slider over the filter's period.
 * `#/map?focus=<id>` centres the map on one record and opens its popup.
 */
export function MapScreen({ params }: { params: URLSearchParams }) {
  const { store, places, placesById } = useServices();
  const { filter } = useFilter();
  const data = useMapColumns(filter);
  const [view, setView] = useMapView();
  const [map, setMap] = useState<L.Map | null>(null);

  const indexFilter = toIndexFilter(filter);
  const fromMs = indexFilter === null ? Number.NaN : Date.parse(indexFilter.from);
  const toMs = indexFilter === null ? Number.NaN : Date.parse(indexFilter.to);
  const windows = useMemo(() => timeWindows({ fromMs, toMs }, view.step), [fromMs, toMs, view.step]);
  const [stepIndex, setStepIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const index = Math.min(stepIndex, Math.max(0, windows.length - 1));
  const window = windows[index];

  const { columns } = data;
  const selection = useMemo<MapSelection | null>(
    () => (columns === null || window === undefined ? null : { columns, ...selectWindow(columns, window.fromMs, window.toMs) }),
    [columns, window],
  );
  const measures = useMemo(() => (selection === null ? null : selectionMeasures(selection)), [selection]);

  const focusId = params.get('focus');
  const focusRecord = useLiveQuery(async () => (focusId === null ? null : ((await store.getObservation(focusId)) ?? null)), [store, focusId]);
  const focus = useMemo<MapFocus | null>(() => {
    if (!focusRecord || focusRecord.deleted) return null;
    const at = positionOf(focusRecord, placesById);
    return at === null ? null : { id: focusRecord.id, lat: at.lat, lon: at.lon };
  }, [focusRecord, placesById]);
  const focusTime = focusRecord ? Date.parse(focusRecord.observedStart) : Number.NaN;
  const focusInPeriod = focusTime >= fromMs && focusTime < toMs;
  // Stepping through time: move to the step that holds the focused record.
  useEffect(() => {
    if (focusInPeriod) setStepIndex(windowIndexAt(windows, focusTime));
  }, [focusInPeriod, focusTime, windows]);

  const describe = useCallback((id: string) => describePoint(store, placesById, id), [store, placesById]);

  return (
    <section className="screen map-screen" aria-label={t('nav.map')}>
      <FilterBar status={<SearchStatus search={data.search} />} steadyHeight />
      <div className="map-toolbar" role="toolbar" aria-label={t('map.title')}>
        <fieldset className="map-display">
          <legend>{t('mapScreen.display')}</legend>
          {(['clusters', 'heat'] as const).map((display) => (
            <label key={display}>
              <input
                type="radio"
                name="map-display"
                value={display}
                checked={view.display === display}
                onChange={() => setView({ display })}
              />{' '}
              {t(`mapScreen.display.${display}`)}
            </label>
          ))}
        </fieldset>
        <label className="map-flows-toggle">
          <input type="checkbox" checked={view.showFlows} onChange={(e) => setView({ showFlows: e.target.checked })} />{' '}
          {t('mapScreen.flows')}
        </label>
        {view.showFlows && (
          <FlowThresholdControl threshold={view.flowThreshold} onThresholdChange={(flowThreshold) => setView({ flowThreshold })} />
        )}
        <CopyMapButton getMap={() => map} />
        <p className="map-counts" role="status" data-testid="map-counts">
          {data.invalidPeriod
            ? t('mapScreen.invalidPeriod')
            : columns === null
              ? t('common.loading')
              : measures !== null && <MeasureCounts measures={measures} />}
          {data.unlocated > 0 && <span className="map-unlocated"> · {t('mapScreen.countsNotDrawn', { count: data.unlocated })}</span>}
        </p>
        {focusId !== null && focusRecord !== undefined && (focus === null || !focusInPeriod) && (
          <p className="map-focus-note" role="status">
            {focus === null ? t('mapScreen.focusMissing') : t('mapScreen.focusOutside')}
          </p>
        )}
      </div>
      <RouteMap
        places={places}
        points={[]}
        selection={selection}
        display={view.display}
        flowThreshold={view.showFlows ? view.flowThreshold : null}
        focus={focus}
        describe={describe}
        onMapReady={setMap}
        className="main-map"
      />
      <TimeSlider
        windows={windows}
        step={view.step}
        onStepChange={(step) => {
          setPlaying(false);
          setStepIndex(0);
          setView({ step });
        }}
        index={index}
        onIndexChange={setStepIndex}
        playing={playing}
        onPlayingChange={setPlaying}
      />
    </section>
  );
}
