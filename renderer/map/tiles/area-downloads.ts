/**
 * Downloads of saved areas: tile by tile into the tile cache, four at a time, skipping
 * tiles already cached, stopping (not retrying) when the server cannot be reached, and
 * recording progress after every batch so that a download resumes where it stopped.
 * One instance per app, shared by the map's panel and the settings screen.
 */
import { tileRanges, tilesInRanges, type GeoBounds, type TileCoord, type TileRange, rangeHolds, countTiles } from '../../../shared/tiles/tile-math';
import type { TileSource } from '../../../shared/tiles/tile-source';
import type { TileCache } from '../../platform/tile-cache';
import type { TileAreaRow, TileAreaStopReason, TileAreaStore } from './tile-area-store';
import { recordTileSizes } from './tile-stats';

/** Parallel requests to a tile server: polite to it, still quick over a slow link. */
export const DOWNLOAD_CONCURRENCY = 4;
/** Tiles checked and fetched between two progress records. */
export const DOWNLOAD_BATCH = 48;
/** One saved area holds at most this many tiles (about 400 MB at 20 KB a tile). */
export const MAX_AREA_TILES = 20_000;
/** After this many refusals in a row the server is refusing us, not missing a tile. */
const REFUSALS_BEFORE_STOP = 20;
/** Tiles handed to the cache's removal at a time. */
const REMOVE_BATCH = 500;

export interface AreaDownloadsDeps {
  readonly cache: TileCache;
  readonly areas: TileAreaStore;
  /** The source by id, as configured now; null when it is gone. */
  readonly sourceOf: (id: string) => TileSource | null;
  /** Connected, and not "offline only". Read before every batch. */
  readonly networkAllowed: () => boolean;
  /**
   * Resolves when no trim of the viewed tiles is under way. Why a download waits for it:
   * a trim that read the saved areas before this one was recorded may still remove tiles
   * inside it, which the first batch would otherwise count as cached.
   */
  readonly viewedTrimSettled?: () => Promise<void>;
  readonly now?: () => string;
  readonly newId?: () => string;
}

export interface NewArea {
  readonly name: string;
  readonly source: TileSource;
  readonly bounds: GeoBounds;
  readonly minZoom: number;
  readonly maxZoom: number;
}

/** Why an area cannot be saved; null when it can. */
export function areaRefusal(area: Pick<NewArea, 'source' | 'bounds' | 'minZoom' | 'maxZoom'>): 'noBulk' | 'zooms' | 'tooMany' | null {
  if (!area.source.allowsBulkDownload) return 'noBulk';
  if (area.minZoom > area.maxZoom || area.maxZoom > area.source.maxZoom || area.minZoom < 0) return 'zooms';
  if (countTiles(area.bounds, area.minZoom, area.maxZoom) > MAX_AREA_TILES) return 'tooMany';
  return null;
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export class AreaDownloads {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly now: () => string;
  private readonly newId: () => string;

  constructor(private readonly deps: AreaDownloadsDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Records the area and starts its download; refuses what `areaRefusal` refuses. */
  async create(area: NewArea): Promise<TileAreaRow> {
    const refusal = areaRefusal(area);
    if (refusal !== null) throw new Error(`area refused: ${refusal}`);
    const at = this.now();
    const row: TileAreaRow = {
      id: this.newId(),
      createdAt: at,
      updatedAt: at,
      name: area.name,
      sourceId: area.source.id,
      bounds: area.bounds,
      minZoom: area.minZoom,
      maxZoom: area.maxZoom,
      total: countTiles(area.bounds, area.minZoom, area.maxZoom),
      nextIndex: 0,
      cached: 0,
      failed: 0,
      bytes: 0,
      state: 'stopped',
      stopReason: null,
    };
    await this.deps.areas.put(row);
    void this.start(row.id);
    return row;
  }

  /** Starts (or resumes) a stopped download; a running one is left alone. Resolves when it stops. */
  start(id: string): Promise<void> {
    const held = this.running.get(id);
    if (held !== undefined) return held.done;
    const controller = new AbortController();
    const done = this.run(id, controller.signal)
      .catch((error: unknown) => {
        console.error('Saved area download failed', error);
        return this.stop(id, 'unreachable');
      })
      .finally(() => {
        this.running.delete(id);
      });
    this.running.set(id, { controller, done });
    return done;
  }

  /** Stops a running download; its record stays, ready to resume. */
  async cancel(id: string): Promise<void> {
    const held = this.running.get(id);
    if (held === undefined) return;
    held.controller.abort();
    await held.done;
  }

  /** Cancels, removes the area's tiles that no other saved area of its source covers, then the record. */
  async remove(id: string): Promise<void> {
    await this.cancel(id);
    const row = await this.deps.areas.get(id);
    if (row === undefined) return;
    const others: TileRange[] = (await this.deps.areas.list())
      .filter((other) => other.id !== id && other.sourceId === row.sourceId)
      .flatMap((other) => tileRanges(other.bounds, other.minZoom, other.maxZoom));
    let batch: TileCoord[] = [];
    for (const tile of tilesInRanges(tileRanges(row.bounds, row.minZoom, row.maxZoom))) {
      if (others.some((range) => rangeHolds(range, tile))) continue;
      batch.push(tile);
      if (batch.length === REMOVE_BATCH) {
        await this.deps.cache.remove(row.sourceId, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await this.deps.cache.remove(row.sourceId, batch);
    await this.deps.areas.delete(id);
  }

  private async stop(id: string, reason: TileAreaStopReason): Promise<void> {
    const row = await this.deps.areas.get(id);
    if (row !== undefined) await this.deps.areas.put({ ...row, state: 'stopped', stopReason: reason, updatedAt: this.now() });
  }

  private async run(id: string, signal: AbortSignal): Promise<void> {
    const { cache, areas } = this.deps;
    const first = await areas.get(id);
    if (first === undefined || first.state === 'complete') return;
    const source = this.deps.sourceOf(first.sourceId);
    if (source === null || !source.allowsBulkDownload) {
      await this.stop(id, 'source');
      return;
    }
    let row: TileAreaRow = { ...first, state: 'running', stopReason: null, updatedAt: this.now() };
    await areas.put(row);
    await this.deps.viewedTrimSettled?.();
    const ranges = tileRanges(row.bounds, row.minZoom, row.maxZoom);
    let refusalsInARow = 0;

    while (row.nextIndex < row.total) {
      if (signal.aborted) return this.stop(id, 'cancelled');
      if (!this.deps.networkAllowed()) return this.stop(id, 'offline');

      const batch: TileCoord[] = [];
      for (const tile of tilesInRanges(ranges, row.nextIndex)) {
        batch.push(tile);
        if (batch.length === DOWNLOAD_BATCH) break;
      }
      const sizes = await cache.sizes(source.id, batch);
      // Written by the workers below (an object, so that the checks after them are not narrowed away).
      const tally = { cached: 0, bytes: 0, failed: 0, fetched: 0, fetchedBytes: 0, stop: null as TileAreaStopReason | null };
      const aborted = () => signal.aborted;
      const missing = batch.filter((_, i) => {
        const size = sizes[i];
        if (size === null || size === undefined) return true;
        tally.cached += 1;
        tally.bytes += size;
        return false;
      });
      await pool(missing, DOWNLOAD_CONCURRENCY, async (tile) => {
        if (tally.stop !== null || aborted()) return;
        const result = await cache.load(source, tile, true);
        switch (result.outcome) {
          case 'cached':
          case 'fetched': {
            const size = result.image?.size ?? 0;
            tally.cached += 1;
            tally.bytes += size;
            if (result.outcome === 'fetched') {
              tally.fetched += 1;
              tally.fetchedBytes += size;
            }
            refusalsInARow = 0;
            break;
          }
          case 'refused':
            tally.failed += 1;
            refusalsInARow += 1;
            if (refusalsInARow >= REFUSALS_BEFORE_STOP) tally.stop = 'refused';
            break;
          case 'unreachable':
            tally.stop = 'unreachable';
            break;
          case 'not-cached':
            tally.stop = 'offline';
            break;
        }
      });
      recordTileSizes(source.id, tally.fetched, tally.fetchedBytes);
      // A cut batch is not counted: its tiles are cached and found again on resume.
      if (aborted()) return this.stop(id, 'cancelled');
      if (tally.stop !== null) return this.stop(id, tally.stop);
      row = {
        ...row,
        nextIndex: row.nextIndex + batch.length,
        cached: row.cached + tally.cached,
        failed: row.failed + tally.failed,
        bytes: row.bytes + tally.bytes,
        updatedAt: this.now(),
      };
      await areas.put(row);
    }
    await areas.put({ ...row, state: 'complete', stopReason: null, updatedAt: this.now() });
    return undefined;
  }
}
