/**
 * The viewed-tile cache: the tiles kept as the map showed them, as opposed to the tiles
 * of saved areas. Both live in the same tile cache (web mode's Cache Storage, Electron's
 * files), so a tile counts as "viewed" exactly when no saved area covers it. Deciding it
 * from the areas' ranges at the time of asking, rather than tagging tiles when stored,
 * keeps a tile that was viewed first and then saved inside an area safe, and frees a
 * tile again once its area is deleted without a second pass over the cache.
 *
 * Pure functions shared by both hosts: web mode runs them in the renderer over Cache
 * Storage, Electron in main over the files (`tiles:viewedUsage`, `tiles:trimViewed`).
 */
import { rangeHolds, type TileCoord, type TileRange } from './tile-math';

/** One tile held in the cache, as a listing of the cache gives it. */
export interface CachedTileEntry {
  readonly sourceId: string;
  readonly tile: TileCoord;
  readonly bytes: number;
  /**
   * When the tile was stored (ms since 1970): Cache Storage's `x-tile-stored-at` header,
   * a file's modification time. Eviction goes by this, not by when a tile was last
   * shown: both hosts already keep it for the 30-day refresh, whereas a last-shown time
   * would cost a write for every tile drawn (a whole Cache Storage `put`, or a file
   * time that the refresh reads as the tile's age). A tile still in use is fetched and
   * stored again after 30 days, so the order stays close to least recently used.
   */
  readonly storedAt: number;
}

/** The tiles of the saved areas of one source: never evicted, never counted as viewed. */
export interface ProtectedTiles {
  readonly sourceId: string;
  readonly ranges: readonly TileRange[];
}

/** Count and bytes of the viewed-tile cache. */
export interface ViewedTilesUsage {
  readonly count: number;
  readonly bytes: number;
}

/** What a trim removed and what is left of the viewed-tile cache. */
export interface ViewedTilesTrim {
  readonly removed: ViewedTilesUsage;
  readonly left: ViewedTilesUsage;
}

/** Default size limit of the viewed-tile cache: about 10,000 typical tiles. */
export const DEFAULT_VIEWED_TILES_LIMIT_MB = 200;
export const MIN_VIEWED_TILES_LIMIT_MB = 10;
export const MAX_VIEWED_TILES_LIMIT_MB = 100_000;
/** A trim over the limit goes down to this share of it, so that viewing a little more does not trim again at once. */
export const VIEWED_TILES_TRIM_TO = 0.9;
/** Ranges a trim or usage request may name: 23 zoom levels of a few hundred areas. */
export const MAX_PROTECTED_RANGES = 10_000;

/** Ranges by source, then by zoom, so a tile is checked against its own zoom's ranges only. */
type RangeIndex = Map<string, Map<number, TileRange[]>>;

function indexRanges(protect: readonly ProtectedTiles[]): RangeIndex {
  const index: RangeIndex = new Map();
  for (const { sourceId, ranges } of protect) {
    const byZoom = index.get(sourceId) ?? new Map<number, TileRange[]>();
    index.set(sourceId, byZoom);
    for (const range of ranges) {
      const list = byZoom.get(range.z) ?? [];
      list.push(range);
      byZoom.set(range.z, list);
    }
  }
  return index;
}

function isProtected(index: RangeIndex, entry: CachedTileEntry): boolean {
  const ranges = index.get(entry.sourceId)?.get(entry.tile.z);
  return ranges !== undefined && ranges.some((range) => rangeHolds(range, entry.tile));
}

/** The entries no saved area covers. */
export function viewedEntries(entries: readonly CachedTileEntry[], protect: readonly ProtectedTiles[]): CachedTileEntry[] {
  const index = indexRanges(protect);
  return entries.filter((entry) => !isProtected(index, entry));
}

function usageOf(entries: readonly CachedTileEntry[]): ViewedTilesUsage {
  let bytes = 0;
  for (const entry of entries) bytes += entry.bytes;
  return { count: entries.length, bytes };
}

export function viewedTilesUsage(entries: readonly CachedTileEntry[], protect: readonly ProtectedTiles[]): ViewedTilesUsage {
  return usageOf(viewedEntries(entries, protect));
}

/**
 * Which viewed tiles to remove when they take more than `maxBytes`: the oldest stored
 * first (ties in a fixed order, so the plan does not depend on the listing's order),
 * until the rest take at most `targetBytes` (at most `maxBytes`; a little under it, so
 * that the next few tiles seen do not start another trim at once). `maxBytes` 0 clears
 * the viewed-tile cache. Saved areas' tiles are never chosen.
 */
export function planViewedTrim(
  entries: readonly CachedTileEntry[],
  protect: readonly ProtectedTiles[],
  maxBytes: number,
  targetBytes: number = maxBytes,
): { evict: CachedTileEntry[]; removed: ViewedTilesUsage; left: ViewedTilesUsage } {
  const viewed = viewedEntries(entries, protect);
  const total = usageOf(viewed);
  // 0 means "clear": every viewed tile goes, even one that somehow counts 0 bytes.
  if (maxBytes <= 0) return { evict: viewed, removed: total, left: { count: 0, bytes: 0 } };
  if (total.bytes <= maxBytes) return { evict: [], removed: { count: 0, bytes: 0 }, left: total };
  const target = Math.min(targetBytes, maxBytes);
  const oldestFirst = [...viewed].sort(
    (a, b) =>
      a.storedAt - b.storedAt ||
      (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0) ||
      a.tile.z - b.tile.z ||
      a.tile.x - b.tile.x ||
      a.tile.y - b.tile.y,
  );
  const evict: CachedTileEntry[] = [];
  let bytes = total.bytes;
  for (const entry of oldestFirst) {
    if (bytes <= target) break;
    evict.push(entry);
    bytes -= entry.bytes;
  }
  const removed = usageOf(evict);
  return { evict, removed, left: { count: total.count - removed.count, bytes: total.bytes - removed.bytes } };
}
