/**
 * The tile cache of the Electron host: files under the app's data folder, through main.
 * Main fetches only from sources it is configured with and builds each tile's URL
 * itself, so before the network is used for a user-added source, the source is handed to
 * main (`tiles:setSource`), once per version of it.
 */
import type { RoutewatchBridge } from '../../shared/ipc/contract';
import { sniffTileImageType } from '../../shared/tiles/image-type';
import { TILE_BATCH_MAX } from '../../shared/tiles/tile-cache-contract';
import { isBuiltInSourceId, type TileSource } from '../../shared/tiles/tile-source';
import type { ProtectedTiles } from '../../shared/tiles/viewed-tiles';
import type { TileCache } from './tile-cache';

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += TILE_BATCH_MAX) result.push(items.slice(i, i + TILE_BATCH_MAX));
  return result;
}

/** The request's shape (zod's output types are mutable arrays); a copy of a few hundred ranges. */
const mutableCopy = (protect: readonly ProtectedTiles[]) => protect.map((p) => ({ sourceId: p.sourceId, ranges: [...p.ranges] }));

const PRIVATE_IPV4 = /^(?:127\.|10\.|192\.168\.|169\.254\.|172\.(?:1[6-9]|2\d|3[01])\.)/;
const LOCAL_SUFFIX = /\.(?:local|lan|internal|intranet|corp|home\.arpa|localdomain)$/;

/**
 * Whether a source's host names this computer or a local network (localhost, a private
 * IPv4 or IPv6 literal, a single-label or `.local`/`.lan`/... name). Only decides whether
 * to ask main for private-network access, which main grants only after asking the user;
 * main checks the resolved addresses of every other source and refuses non-public ones.
 */
export function looksLikeLocalNetworkHost(source: Pick<TileSource, 'urlTemplate' | 'subdomains'>): boolean {
  let host: string;
  try {
    host = new URL(source.urlTemplate.replace(/\{s\}/g, source.subdomains[0] ?? 'a').replace(/\{[zxy]\}/g, '0')).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[')) return /^\[(?:::1|f[cd][0-9a-f]{2}:|fe[89ab][0-9a-f]:|::ffff:)/.test(host);
  return host === 'localhost' || host.endsWith('.localhost') || PRIVATE_IPV4.test(host) || !host.includes('.') || LOCAL_SUFFIX.test(host);
}

export function createElectronTileCache(bridge: RoutewatchBridge): TileCache {
  /** What main answered for each version of a source (a refusal too, so the user is asked once). */
  const handedOver = new Map<string, Promise<boolean>>();
  const handOver = (source: TileSource): Promise<boolean> => {
    if (isBuiltInSourceId(source.id)) return Promise.resolve(true);
    const key = JSON.stringify(source);
    let answer = handedOver.get(key);
    if (answer === undefined) {
      answer = bridge['tiles:setSource']({ source, allowPrivateAddresses: looksLikeLocalNetworkHost(source) }).then(
        (result) => result.ok,
        () => false,
      );
      handedOver.set(key, answer);
    }
    return answer;
  };

  return {
    async load(source, tile, network) {
      const usable = network && (await handOver(source));
      const result = await bridge['tiles:load']({ sourceId: source.id, tile, network: usable });
      if (!result.ok) return { outcome: result.error.code === 'refused' ? 'refused' : 'unreachable', image: null };
      const { outcome, bytes } = result.data;
      const type = bytes === null ? null : sniffTileImageType(bytes);
      // A source main refused, with nothing cached: say refused, not "not cached".
      const said = network && !usable && outcome === 'not-cached' ? 'refused' : outcome;
      return { outcome: said, image: bytes === null || type === null ? null : new Blob([bytes], { type }) };
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
