/**
 * The tile cache, the saved-areas store and their downloads, made once at boot
 * (renderer/main.tsx) for the map's tile layer and the settings screen. Why a module
 * slot rather than the app's services context: the tile layer is built by the map
 * component, which also runs without those services (tests, the report). Until they
 * are provided, maps show no tiles.
 */
import type { TileCache } from '../../platform/tile-cache';
import type { RoutewatchDatabase } from '../../store/database';
import { AreaDownloads } from './area-downloads';
import { TileAreaStore } from './tile-area-store';
import { readTileSettings, tileNetworkAllowed, tileSources, viewedLimitBytes } from './tile-settings';
import { ViewedTiles } from './viewed-tiles';

export interface TileServices {
  readonly cache: TileCache;
  readonly areas: TileAreaStore;
  readonly downloads: AreaDownloads;
  /** The tiles kept as seen: their size limit, count, and "Clear viewed tiles". */
  readonly viewed: ViewedTiles;
}

let services: TileServices | null = null;

export function createTileServices(cache: TileCache, db: RoutewatchDatabase): TileServices {
  const areas = new TileAreaStore(db);
  const viewed = new ViewedTiles({ cache, areas: () => areas.list(), limitBytes: () => viewedLimitBytes(readTileSettings()) });
  const downloads = new AreaDownloads({
    cache,
    areas,
    sourceOf: (id) => tileSources(readTileSettings()).find((source) => source.id === id) ?? null,
    networkAllowed: () => tileNetworkAllowed(readTileSettings(), navigator.onLine),
    viewedTrimSettled: () => viewed.settled(),
  });
  return { cache, areas, downloads, viewed };
}

/** Called once at boot; a download left running when the app last closed is marked as interrupted. */
export function provideTileServices(given: TileServices | null): void {
  services = given;
  void given?.areas.markInterrupted(new Date().toISOString()).catch((error: unknown) => {
    console.error('Could not read the saved areas', error);
  });
}

export function tileServices(): TileServices | null {
  return services;
}

