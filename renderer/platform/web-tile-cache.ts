/** The tile cache of web mode: Cache Storage, filled by fetch(). */
import { MAX_TILE_BYTES, sniffTileImageType } from '../../shared/tiles/image-type';
import { TILE_MAX_AGE_MS } from '../../shared/tiles/tile-cache-contract';
import type { TileCoord } from '../../shared/tiles/tile-math';
import type { TileCache } from './tile-cache';

export const TILE_CACHE_NAME = 'routewatch-tiles-v1';
/** Keys are made-up URLs of our own (Cache Storage wants http URLs), one per source and tile. */
const KEY_ORIGIN = 'https://tile-cache.routewatch.invalid';
const FETCH_TIMEOUT_MS = 20_000;

export function tileCacheKey(sourceId: string, tile: TileCoord): string {
  return `${KEY_ORIGIN}/${encodeURIComponent(sourceId)}/${tile.z}/${tile.x}/${tile.y}`;
}

const isTransient = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * `caches` is absent outside a secure context; tiles are then fetched but not kept.
 * Fetches carry no credentials; the browser's own HTTP cache still applies.
 */
export function createWebTileCache(caches: CacheStorage | undefined, fetchFn: typeof fetch, now: () => number = Date.now): TileCache {
  const open = (): Promise<Cache | null> => (caches === undefined ? Promise.resolve(null) : caches.open(TILE_CACHE_NAME));

  return {
    async load(sourceId, tile, url) {
      const cache = await open();
      const held = await cache?.match(tileCacheKey(sourceId, tile));
      const heldImage = held === undefined ? null : await held.blob();
      const storedAt = Number(held?.headers.get('x-tile-stored-at'));
      const fresh = Number.isFinite(storedAt) && now() - storedAt < TILE_MAX_AGE_MS;
      if (heldImage !== null && (url === null || fresh)) return { outcome: 'cached', image: heldImage };
      if (url === null) return { outcome: 'not-cached', image: null };

      // From here on, a stale tile that cannot be refreshed is still better than none.
      const failed = (outcome: 'refused' | 'unreachable') =>
        heldImage !== null ? ({ outcome: 'cached', image: heldImage } as const) : { outcome, image: null };
      let response: Response;
      try {
        response = await fetchFn(url, { credentials: 'omit', mode: 'cors', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      } catch {
        return failed('unreachable');
      }
      if (response.status !== 200) return failed(isTransient(response.status) ? 'unreachable' : 'refused');
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch {
        return failed('unreachable');
      }
      const type = sniffTileImageType(bytes);
      if (type === null || bytes.length > MAX_TILE_BYTES) return failed('refused');
      const image = new Blob([bytes], { type });
      const headers = { 'content-type': type, 'x-tile-bytes': String(bytes.length), 'x-tile-stored-at': String(now()) };
      await cache?.put(tileCacheKey(sourceId, tile), new Response(image, { headers }));
      return { outcome: 'fetched', image };
    },
    async sizes(sourceId, tiles) {
      const cache = await open();
      if (cache === null) return tiles.map(() => null);
      return Promise.all(
        tiles.map(async (tile) => {
          const held = await cache.match(tileCacheKey(sourceId, tile));
          if (held === undefined) return null;
          const declared = Number(held.headers.get('x-tile-bytes'));
          return Number.isInteger(declared) && declared > 0 ? declared : (await held.blob()).size;
        }),
      );
    },
    async remove(sourceId, tiles) {
      const cache = await open();
      if (cache === null) return 0;
      const removed = await Promise.all(tiles.map((tile) => cache.delete(tileCacheKey(sourceId, tile))));
      return removed.filter(Boolean).length;
    },
  };
}
