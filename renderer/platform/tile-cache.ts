import type { TileLoadOutcome } from '../../shared/tiles/tile-cache-contract';
import type { TileCoord } from '../../shared/tiles/tile-math';
import type { TileSource } from '../../shared/tiles/tile-source';
import type { ProtectedTiles, ViewedTilesTrim, ViewedTilesUsage } from '../../shared/tiles/viewed-tiles';

/** A tile as a load gave it: the image when there is one. */
export interface TileLoad {
  readonly outcome: TileLoadOutcome;
  readonly image: Blob | null;
}

/**
 * The map tile cache of the host: Cache Storage in web mode, files under the app's data
 * folder in Electron (through main). Keyed by source id and tile, never by URL, so a
 * source whose address changes keeps its tiles.
 */
export interface TileCache {
  /**
   * The tile from the cache; when it is not there (or old) and `network` is true, from
   * the network, stored before it is returned. `network` false: do not touch it. The
   * host builds the tile's URL from the source (in Electron, main does, from the source
   * it is configured with: the page never names a URL for main to fetch).
   */
  load(source: TileSource, tile: TileCoord, network: boolean): Promise<TileLoad>;
  /** Bytes each tile takes in the cache, null for a tile not cached; in the order asked. */
  sizes(sourceId: string, tiles: readonly TileCoord[]): Promise<(number | null)[]>;
  /** Remove tiles; returns how many were cached. */
  remove(sourceId: string, tiles: readonly TileCoord[]): Promise<number>;
  /** Count and bytes of the viewed-tile cache: every cached tile outside `protect` (the saved areas). */
  viewedUsage(protect: readonly ProtectedTiles[]): Promise<ViewedTilesUsage>;
  /**
   * When the viewed tiles (never those in `protect`) take more than `maxBytes`, removes
   * them oldest stored first until the rest take at most `targetBytes` (default
   * `maxBytes`); 0 clears them all.
   */
  trimViewed(protect: readonly ProtectedTiles[], maxBytes: number, targetBytes?: number): Promise<ViewedTilesTrim>;
}
