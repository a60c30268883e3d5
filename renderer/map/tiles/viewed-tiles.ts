/**
 * Keeps the viewed-tile cache (tiles kept as the map showed them, outside every saved
 * area) under its size limit, and counts or clears it for the settings panel. The saved
 * areas' ranges are read from the areas store at each call and handed to the host's
 * cache, which never removes a tile inside them.
 *
 * Counting lists the whole cache (every key in Cache Storage, every file in Electron),
 * so it is not done per tile: the tile layer reports the bytes it stored after each
 * load of the view, which are added to the last count, and the cache is listed only
 * when that estimate passes the limit (or when nothing has been counted yet). A trim
 * then goes down to 90% of the limit, so the next views do not trim again at once.
 */
import { tileRanges } from '../../../shared/tiles/tile-math';
import { VIEWED_TILES_TRIM_TO, type ProtectedTiles, type ViewedTilesTrim, type ViewedTilesUsage } from '../../../shared/tiles/viewed-tiles';
import type { TileCache } from '../../platform/tile-cache';
import type { TileAreaRow } from './tile-area-store';

export interface ViewedTilesDeps {
  readonly cache: TileCache;
  /** Every saved area, whatever its state: a stopped download's tiles are kept for its resume. */
  readonly areas: () => Promise<readonly TileAreaRow[]>;
  /** The limit in bytes, as set now. */
  readonly limitBytes: () => number;
}

/** The tiles of the saved areas, which no count or trim of viewed tiles may touch. */
export function protectedTilesOf(areas: readonly TileAreaRow[]): ProtectedTiles[] {
  return areas.map((area) => ({ sourceId: area.sourceId, ranges: tileRanges(area.bounds, area.minZoom, area.maxZoom) }));
}

export class ViewedTiles {
  /** Bytes of viewed tiles at the last count or trim, plus those stored since; null before the first. */
  private estimate: number | null = null;
  /** One listing of the cache at a time: a clear waits for a trim under way, and the other way round. */
  private queue: Promise<unknown> = Promise.resolve();
  private checkQueued = false;

  constructor(private readonly deps: ViewedTilesDeps) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when no count, trim or clear is under way (those started before it included). */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private async protect(): Promise<ProtectedTiles[]> {
    return protectedTilesOf(await this.deps.areas());
  }

  /** Count and bytes of the viewed tiles now. */
  usage(): Promise<ViewedTilesUsage> {
    return this.serial(async () => {
      const usage = await this.deps.cache.viewedUsage(await this.protect());
      this.estimate = usage.bytes;
      return usage;
    });
  }

  /** Removes every viewed tile; saved areas keep theirs. */
  clear(): Promise<ViewedTilesTrim> {
    return this.serial(async () => {
      const result = await this.deps.cache.trimViewed(await this.protect(), 0);
      this.estimate = result.left.bytes;
      return result;
    });
  }

  /**
   * Trims to 90% of the limit when the viewed tiles take more than it (a lowered limit,
   * or tiles seen since the last count). Returns what is left.
   */
  check(): Promise<ViewedTilesTrim> {
    return this.serial(async () => {
      const limit = this.deps.limitBytes();
      const result = await this.deps.cache.trimViewed(await this.protect(), limit, Math.floor(limit * VIEWED_TILES_TRIM_TO));
      this.estimate = result.left.bytes;
      return result;
    });
  }

  /**
   * The tile layer stored `bytes` of tiles as they were seen. Lists the cache (in the
   * background) only when the estimate passes the limit, or nothing was counted yet.
   */
  noteStored(bytes: number): void {
    if (this.estimate !== null) this.estimate += bytes;
    if (this.checkQueued || (this.estimate !== null && this.estimate <= this.deps.limitBytes())) return;
    this.checkQueued = true;
    void this.check()
      .catch((error: unknown) => {
        console.warn('Could not trim the viewed tiles', error);
      })
      .finally(() => {
        this.checkQueued = false;
      });
  }
}
