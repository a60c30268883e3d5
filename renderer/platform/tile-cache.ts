import type { TileLoadOutcome } from '../../shared/tiles/tile-cache-contract';
import type { TileCoord } from '../../shared/tiles/tile-math';

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
   * The tile from the cache; when it is not there and `url` is given, from the network,
   * stored before it is returned. `url` null means: do not touch the network.
   */
  load(sourceId: string, tile: TileCoord, url: string | null): Promise<TileLoad>;
  /** Bytes each tile takes in the cache, null for a tile not cached; in the order asked. */
  sizes(sourceId: string, tiles: readonly TileCoord[]): Promise<(number | null)[]>;
  /** Remove tiles; returns how many were cached. */
  remove(sourceId: string, tiles: readonly TileCoord[]): Promise<number>;
}
