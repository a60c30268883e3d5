/** The tile cache of the Electron host: files under the app's data folder, through main. */
import type { RoutewatchBridge } from '../../shared/ipc/contract';
import { sniffTileImageType } from '../../shared/tiles/image-type';
import { TILE_BATCH_MAX } from '../../shared/tiles/tile-cache-contract';
import type { ProtectedTiles } from '../../shared/tiles/viewed-tiles';
import type { TileCache } from './tile-cache';

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += TILE_BATCH_MAX) result.push(items.slice(i, i + TILE_BATCH_MAX));
  return result;
}

/** The request's shape (zod's output types are mutable arrays); a copy of a few hundred ranges. */
const mutableCopy = (protect: readonly ProtectedTiles[]) => protect.map((p) => ({ sourceId: p.sourceId, ranges: [...p.ranges] }));

export function createElectronTileCache(bridge: RoutewatchBridge): TileCache {
  return {
    async load(sourceId, tile, url) {
      const result = await bridge['tiles:load']({ sourceId, tile, url });
      if (!result.ok) return { outcome: result.error.code === 'refused' ? 'refused' : 'unreachable', image: null };
      const { outcome, bytes } = result.data;
      const type = bytes === null ? null : sniffTileImageType(bytes);
      return { outcome, image: bytes === null || type === null ? null : new Blob([bytes], { type }) };
    },
    async sizes(sourceId, tiles) {
      const sizes: (number | null)[] = [];
      for (const batch of batches(tiles)) {
        const result = await bridge['tiles:stat']({ sourceId, tiles: batch });
        if (!result.ok) throw new Error(`tile sizes failed: ${result.error.code}`);
        sizes.push(...result.data.sizes);
      }
      return sizes;
    },
    async remove(sourceId, tiles) {
      let removed = 0;
      for (const batch of batches(tiles)) {
        const result = await bridge['tiles:delete']({ sourceId, tiles: batch });
        if (!result.ok) throw new Error(`tile removal failed: ${result.error.code}`);
        removed += result.data.deleted;
      }
      return removed;
    },
    async viewedUsage(protect) {
      const result = await bridge['tiles:viewedUsage']({ protect: mutableCopy(protect) });
      if (!result.ok) throw new Error(`viewed tiles count failed: ${result.error.code}`);
      return result.data;
    },
    async trimViewed(protect, maxBytes, targetBytes) {
      const result = await bridge['tiles:trimViewed']({ protect: mutableCopy(protect), maxBytes, ...(targetBytes === undefined ? {} : { targetBytes }) });
      if (!result.ok) throw new Error(`viewed tiles trim failed: ${result.error.code}`);
      return result.data;
    },
  };
}
