/**
 * "Save this area for offline use" on the map: the current view or a drawn rectangle,
 * the zoom levels, the tile count and a size estimate before anything starts, a cap,
 * then the saved areas with their progress, Cancel, Resume and Delete. Only for sources
 * that allow bulk download; for the others the reason is shown and nothing is fetched.
 * A React root inside a Leaflet control, so it sits on the map whatever screen holds it.
 */
import L from 'leaflet';
import { useEffect, useId, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { countTiles, MAX_MERCATOR_LAT, type GeoBounds } from '../../../shared/tiles/tile-math';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';
import { isTooLong, tooLongAria, TooLongMessage } from '../../app/too-long';
import { areaRefusal, MAX_AREA_TILES } from './area-downloads';
import { SavedAreasList } from './saved-areas-list';
import { formatBytes } from './tile-format';
import type { TileServices } from './tile-services';
import { activeTileSource, onTileSettingsChange, readTileSettings, tileNetworkAllowed } from './tile-settings';
import { averageTileSize } from './tile-stats';

/** The longest name of a saved area. */
const AREA_NAME_MAX = 80;

const clampLat = (lat: number) => Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
const clampLon = (lon: number) => Math.max(-180, Math.min(180, lon));

function geoBounds(bounds: L.LatLngBounds): GeoBounds {
  return {
    west: clampLon(bounds.getWest()),
    south: clampLat(bounds.getSouth()),
    east: clampLon(bounds.getEast()),
    north: clampLat(bounds.getNorth()),
  };
}

function useTileSettings() {
  const [settings, setSettings] = useState(readTileSettings);
  useEffect(() => onTileSettingsChange(() => setSettings(readTileSettings())), []);
  return settings;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Press and drag on the map to draw a rectangle; the map does not pan meanwhile. */
function drawRectangle(map: L.Map, onDrawn: (bounds: L.LatLngBounds) => void): () => void {
  const container = map.getContainer();
  map.dragging.disable();
  container.style.cursor = 'crosshair';
  let start: L.LatLng | null = null;
  let shape: L.Rectangle | null = null;
  const down = (event: L.LeafletMouseEvent) => {
    // Leaflet's own dragging is off, so nothing else stops the drag from selecting the page's text.
    L.DomEvent.preventDefault(event.originalEvent);
    L.DomUtil.disableTextSelection();
    start = event.latlng;
  };
  const move = (event: L.LeafletMouseEvent) => {
    if (start === null) return;
    const bounds = L.latLngBounds(start, event.latlng);
    if (shape === null) shape = L.rectangle(bounds, { className: 'rw-draw-rectangle', weight: 2, fillOpacity: 0.1, interactive: false, renderer: L.svg() }).addTo(map);
    else shape.setBounds(bounds);
  };
  const finish = () => {
    cleanup();
    map.dragging.enable();
    container.style.cursor = '';
    if (shape !== null) onDrawn(shape.getBounds());
    shape?.remove();
  };
  const up = () => {
    if (start !== null) finish();
  };
  function cleanup() {
    L.DomUtil.enableTextSelection();
    map.off('mousedown', down);
    map.off('mousemove', move);
    map.off('mouseup', up);
  }
  map.on('mousedown', down);
  map.on('mousemove', move);
  map.on('mouseup', up);
  return () => {
    cleanup();
    shape?.remove();
    map.dragging.enable();
    container.style.cursor = '';
  };
}

function SaveAreaForm({ map, services }: { map: L.Map; services: TileServices }) {
  const id = useId();
  const settings = useTileSettings();
  const online = useOnline();
  const source = activeTileSource(settings);
  const [view, setView] = useState(() => geoBounds(map.getBounds()));
  const [drawn, setDrawn] = useState<{ bounds: GeoBounds; shape: L.Rectangle } | null>(null);
  const [drawing, setDrawing] = useState(false);
  const zoomNow = Math.round(map.getZoom());
  const deepest = source?.maxZoom ?? zoomNow;
  const [minZoom, setMinZoom] = useState(Math.min(zoomNow, deepest));
  const [maxZoom, setMaxZoom] = useState(Math.min(zoomNow + 2, deepest));
  const [name, setName] = useState(() => t('tiles.save.defaultName', { date: formatDateTime(new Date().toISOString()) }));

  useEffect(() => {
    const update = () => setView(geoBounds(map.getBounds()));
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map]);
  useEffect(() => {
    if (!drawing) return undefined;
    return drawRectangle(map, (bounds) => {
      setDrawing(false);
      const shape = L.rectangle(bounds, { className: 'rw-draw-rectangle', weight: 2, fillOpacity: 0.08, interactive: false, renderer: L.svg() }).addTo(map);
      setDrawn({ bounds: geoBounds(bounds), shape });
    });
  }, [drawing, map]);
  useEffect(
    () => () => {
      drawn?.shape.remove();
    },
    [drawn],
  );

  if (source === null) return <p className="rw-save-area-note">{t('tiles.save.noSource')}</p>;
  if (!source.allowsBulkDownload) {
    return (
      <p className="rw-save-area-note" data-testid="save-area-refused">
        {t('tiles.save.noBulk', { source: source.name })}
      </p>
    );
  }

  const bounds = drawn?.bounds ?? view;
  const zoomOptions = Array.from({ length: Math.max(0, source.maxZoom - map.getMinZoom() + 1) }, (_, i) => map.getMinZoom() + i);
  const refusal = areaRefusal({ source, bounds, minZoom, maxZoom });
  const count = minZoom <= maxZoom ? countTiles(bounds, minZoom, maxZoom) : 0;
  const average = averageTileSize(source.id);
  const networkOk = tileNetworkAllowed(settings, online);

  const start = () => {
    // Over its limit the name says so beside it; nothing is saved, nothing cut.
    if (isTooLong(name, AREA_NAME_MAX)) return;
    const fallback = t('tiles.save.defaultName', { date: formatDateTime(new Date().toISOString()) });
    services.downloads.create({ name: name.trim() || fallback, source, bounds, minZoom, maxZoom }).catch((error: unknown) => {
      console.error('Could not save the area', error);
    });
    setDrawn(null);
    setName(fallback);
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <p className="rw-save-area-note">{t('tiles.save.source', { source: source.name })}</p>
      <label htmlFor={`${id}-name`}>{t('tiles.save.name')}</label>
      <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} {...tooLongAria(`${id}-name-long`, name, AREA_NAME_MAX)} />
      <TooLongMessage id={`${id}-name-long`} label={t('tiles.save.name')} value={name} max={AREA_NAME_MAX} />
      <p className="rw-save-area-note">
        {t('tiles.save.area')}: {drawn === null ? t('tiles.save.areaView') : t('tiles.save.areaDrawn')}
      </p>
      <div className="rw-save-area-actions">
        {drawn === null ? (
          <button type="button" aria-pressed={drawing} onClick={() => setDrawing((d) => !d)}>
            {t('tiles.save.draw')}
          </button>
        ) : (
          <button type="button" onClick={() => setDrawn(null)}>
            {t('tiles.save.useView')}
          </button>
        )}
      </div>
      {drawing && <p className="rw-save-area-note">{t('tiles.save.drawHelp')}</p>}
      <div className="rw-save-area-zooms">
        <ZoomSelect id={`${id}-min`} label={t('tiles.save.minZoom')} value={minZoom} options={zoomOptions} onChange={setMinZoom} />
        <ZoomSelect id={`${id}-max`} label={t('tiles.save.maxZoom')} value={maxZoom} options={zoomOptions} onChange={setMaxZoom} />
      </div>
      <p className="rw-save-area-note" data-testid="save-area-estimate">
        <strong>{t('tiles.save.estimate', { count, size: formatBytes(count * average.bytesPerTile) })}</strong>{' '}
        {t(`tiles.save.basis.${average.basis}`, { size: formatBytes(average.bytesPerTile) })}
      </p>
      {refusal === 'tooMany' && (
        <p className="rw-save-area-problem" role="alert">
          {t('tiles.save.tooMany', { max: formatNumber(MAX_AREA_TILES) })}
        </p>
      )}
      {refusal === 'zooms' && (
        <p className="rw-save-area-problem" role="alert">
          {t('tiles.save.zooms')}
        </p>
      )}
      {!networkOk && <p className="rw-save-area-problem">{t('tiles.save.offline')}</p>}
      <div className="rw-save-area-actions">
        <button type="submit" className="primary" disabled={refusal !== null || !networkOk}>
          {t('tiles.save.start')}
        </button>
      </div>
    </form>
  );
}

function SaveAreaView({ map, services }: { map: L.Map; services: TileServices }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button type="button" className="rw-save-area-toggle" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen((o) => !o)}>
        {open ? t('tiles.save.close') : t('tiles.save.open')}
      </button>
      {open && (
        <section id={`${id}-panel`} className="rw-save-area-panel" aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`}>{t('tiles.save.title')}</h2>
          <SaveAreaForm map={map} services={services} />
          <h3>{t('tiles.areas.title')}</h3>
          <SavedAreasList services={services} />
        </section>
      )}
    </>
  );
}

export function createSaveAreaControl(map: L.Map, services: TileServices): { remove(): void } {
  const control = new L.Control({ position: 'topleft' });
  const element = document.createElement('div');
  element.className = 'rw-save-area leaflet-bar';
  L.DomEvent.disableClickPropagation(element);
  L.DomEvent.disableScrollPropagation(element);
  control.onAdd = () => element;
  control.addTo(map);
  const root = createRoot(element);
  root.render(<SaveAreaView map={map} services={services} />);
  return {
    remove() {
      control.remove();
      // Unmounting a root while React is committing (this runs in an effect's cleanup) warns.
      setTimeout(() => root.unmount(), 0);
    },
  };
}

/** One zoom level choice of the area to save, with its label. */
function ZoomSelect(props: { id: string; label: string; value: number; options: readonly number[]; onChange: (zoom: number) => void }) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.options.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </div>
  );
}
