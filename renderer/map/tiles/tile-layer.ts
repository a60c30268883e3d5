/**
 * Online map tiles on a route map, read through the host's tile cache: a tile is taken
 * from the cache when held, else from the network when the device is online and the
 * user has not chosen "offline only", and kept. Tiles lie over the offline basemap's
 * land (their own pane above it, below the country labels), so where a tile is missing
 * (offline, never seen) the bundled basemap shows through.
 *
 * The source's attribution is shown as text (a control of ours: Leaflet's own
 * attribution control writes HTML).
 */
import L from 'leaflet';
import { isValidTile } from '../../../shared/tiles/tile-math';
import type { TileSource } from '../../../shared/tiles/tile-source';
import { t } from '../../i18n/i18n';
import type { TileCache } from '../../platform/tile-cache';
import { createSaveAreaControl } from './save-area-control';
import { tileServices, type TileServices } from './tile-services';
import { activeTileSource, onTileSettingsChange, readTileSettings, tileNetworkAllowed } from './tile-settings';
import { recordTileSizes } from './tile-stats';
import './tiles.css';

/** Above the basemap's land (rw-basemap, 250), below the country labels (rw-labels, 300). */
export const TILE_PANE = { name: 'rw-tiles', zIndex: 260 } as const;
/** The "save this area" control appears on maps at least this large (not on a form's picker). */
const SAVE_CONTROL_MIN_SIZE = { width: 600, height: 400 } as const;

interface CachedTileDeps {
  source: TileSource;
  cache: TileCache;
  networkAllowed: () => boolean;
  onFetched: (bytes: number) => void;
}

class CachedTileLayer extends L.GridLayer {
  constructor(
    private readonly deps: CachedTileDeps,
    options: L.GridLayerOptions,
  ) {
    super(options);
  }

  override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const img = document.createElement('img');
    img.alt = '';
    img.className = 'rw-tile';
    img.draggable = false;
    const tile = { z: coords.z, x: coords.x, y: coords.y };
    img.dataset.tile = `${tile.z}/${tile.x}/${tile.y}`;
    const missing = (reason: string) => {
      img.dataset.tileOutcome = reason;
      img.style.visibility = 'hidden';
      done(new Error(reason), img);
    };
    if (!isValidTile(tile)) {
      queueMicrotask(() => missing('outside'));
      return img;
    }
    const { source, cache } = this.deps;
    cache.load(source, tile, this.deps.networkAllowed()).then(
      (result) => {
        if (result.image === null) {
          missing(result.outcome);
          return;
        }
        if (result.outcome === 'fetched') this.deps.onFetched(result.image.size);
        const objectUrl = URL.createObjectURL(result.image);
        img.onload = () => done(undefined, img);
        img.onerror = () => {
          URL.revokeObjectURL(objectUrl);
          missing('undecodable');
        };
        img.dataset.tileOutcome = result.outcome;
        img.src = objectUrl;
      },
      (error: unknown) => {
        console.warn('Tile cache failed', error);
        missing('error');
      },
    );
    return img;
  }
}

function attributionControl(source: TileSource): L.Control {
  const control = new L.Control({ position: 'bottomright' });
  control.onAdd = () => {
    const root = document.createElement('div');
    root.className = 'rw-tile-attribution leaflet-control-attribution';
    root.textContent = t('tiles.attribution', { attribution: source.attribution });
    L.DomEvent.disableClickPropagation(root);
    return root;
  };
  return control;
}

function tileLayerFor(map: L.Map, source: TileSource, services: TileServices): { remove(): void; refill(): void } {
  let fetched = { count: 0, bytes: 0 };
  const flush = () => {
    recordTileSizes(source.id, fetched.count, fetched.bytes);
    // Once per load of the view, not per tile: the viewed-tile cache may now be over its limit.
    if (fetched.count > 0) services.viewed.noteStored(fetched.bytes);
    fetched = { count: 0, bytes: 0 };
  };
  const layer = new CachedTileLayer(
    {
      source,
      cache: services.cache,
      networkAllowed: () => tileNetworkAllowed(readTileSettings(), navigator.onLine),
      onFetched: (bytes) => {
        fetched.count += 1;
        fetched.bytes += bytes;
      },
    },
    {
      pane: TILE_PANE.name,
      tileSize: 256,
      maxNativeZoom: source.maxZoom,
      noWrap: true,
      // Keeps a few rows round the view: panning offline shows what was seen.
      keepBuffer: 2,
    },
  );
  // The map says whether tiles are still coming (assistive technology, and the
  // end-to-end tests, which wait for it rather than for a pause).
  const container = map.getContainer();
  layer.on('loading', () => container.setAttribute('aria-busy', 'true'));
  layer.on('load', () => {
    container.setAttribute('aria-busy', 'false');
    flush();
  });
  layer.on('tileunload', (event: L.TileEvent) => {
    const src = event.tile.src;
    if (src.startsWith('blob:')) URL.revokeObjectURL(src);
  });
  layer.addTo(map);
  const attribution = attributionControl(source).addTo(map);
  // Coming back online: tiles that were missing may now be fetched.
  const refill = () => layer.redraw();
  window.addEventListener('online', refill);
  return {
    remove() {
      window.removeEventListener('online', refill);
      container.removeAttribute('aria-busy');
      flush();
      attribution.remove();
      layer.remove();
    },
    refill,
  };
}

/**
 * Puts the chosen tile source (if any) on `map`, follows changes of the tile settings,
 * and adds the "save this area" control on a large map. Returns what removes it all.
 */
export function createTileLayer(map: L.Map): { remove(): void } {
  if (map.getPane(TILE_PANE.name) === undefined) {
    const pane = map.createPane(TILE_PANE.name);
    pane.style.zIndex = String(TILE_PANE.zIndex);
    pane.style.pointerEvents = 'none';
  }
  const container = map.getContainer();
  const services = tileServices();
  let current: { sourceId: string | null; offlineOnly: boolean; layer: ReturnType<typeof tileLayerFor> | null } = {
    sourceId: null,
    offlineOnly: false,
    layer: null,
  };

  const apply = () => {
    const settings = readTileSettings();
    const source = services === null ? null : activeTileSource(settings);
    container.dataset.tileSource = source?.id ?? '';
    if ((source?.id ?? null) === current.sourceId) {
      // "Offline only" switched off: the tiles that were left out may come now.
      if (current.offlineOnly && !settings.offlineOnly) current.layer?.refill();
      current.offlineOnly = settings.offlineOnly;
      return;
    }
    current.layer?.remove();
    current = {
      sourceId: source?.id ?? null,
      offlineOnly: settings.offlineOnly,
      layer: source === null || services === null ? null : tileLayerFor(map, source, services),
    };
  };
  apply();
  const unsubscribe = onTileSettingsChange(apply);

  const size = map.getSize();
  const save =
    services !== null && size.x >= SAVE_CONTROL_MIN_SIZE.width && size.y >= SAVE_CONTROL_MIN_SIZE.height
      ? createSaveAreaControl(map, services)
      : null;

  return {
    remove() {
      unsubscribe();
      save?.remove();
      current.layer?.remove();
      current = { sourceId: null, offlineOnly: false, layer: null };
      delete container.dataset.tileSource;
    },
  };
}
