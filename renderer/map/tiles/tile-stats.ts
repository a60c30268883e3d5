/**
 * The average size of the tiles this device has downloaded, per source, for the size
 * estimate shown before a download. A running tally (count and bytes) kept beside the
 * settings; when there is none yet, a stated default.
 */
const STATS_KEY = 'routewatch.tiles.stats';
/** A typical 256-pixel raster map tile (PNG), used until this device has measured its own. */
export const DEFAULT_TILE_BYTES = 20_000;
/** Below this many tiles, a source's own average is too noisy to use. */
const MIN_SAMPLE = 5;

type Tally = Record<string, { count: number; bytes: number }>;

function readTally(): Tally {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STATS_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const tally: Tally = {};
    for (const [id, value] of Object.entries(parsed)) {
      const { count, bytes } = (value ?? {}) as { count?: unknown; bytes?: unknown };
      if (typeof count === 'number' && typeof bytes === 'number' && count > 0 && bytes >= 0) tally[id] = { count, bytes };
    }
    return tally;
  } catch {
    return {};
  }
}

/** Adds downloaded tiles to the tally (called once per batch, not per tile). */
export function recordTileSizes(sourceId: string, count: number, bytes: number): void {
  if (count <= 0) return;
  try {
    const tally = readTally();
    const held = tally[sourceId] ?? { count: 0, bytes: 0 };
    tally[sourceId] = { count: held.count + count, bytes: held.bytes + bytes };
    localStorage.setItem(STATS_KEY, JSON.stringify(tally));
  } catch {
    // No storage: the estimate keeps using the default.
  }
}

export interface TileSizeEstimate {
  readonly bytesPerTile: number;
  /** 'source': measured on this source's tiles; 'device': on all tiles here; 'default': DEFAULT_TILE_BYTES. */
  readonly basis: 'source' | 'device' | 'default';
}

export function averageTileSize(sourceId: string): TileSizeEstimate {
  const tally = readTally();
  const own = tally[sourceId];
  if (own !== undefined && own.count >= MIN_SAMPLE) return { bytesPerTile: Math.round(own.bytes / own.count), basis: 'source' };
  const all = Object.values(tally).reduce((sum, t) => ({ count: sum.count + t.count, bytes: sum.bytes + t.bytes }), { count: 0, bytes: 0 });
  if (all.count >= MIN_SAMPLE) return { bytesPerTile: Math.round(all.bytes / all.count), basis: 'device' };
  return { bytesPerTile: DEFAULT_TILE_BYTES, basis: 'default' };
}
