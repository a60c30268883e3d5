/**
 * Saved areas ("save this area for offline use") and their download state, in the
 * `tileAreas` table of the one Dexie database (local-only, never synced). A record is
 * written after every batch of tiles, so a cut (network lost, app closed) loses at most
 * one batch of progress, and the tiles of that batch are found in the cache on resume.
 */
import type { EntityTable } from 'dexie';
import type { GeoBounds } from '../../../shared/tiles/tile-math';
import type { RoutewatchDatabase } from '../../store/database';

/** Why a download is not running. */
export type TileAreaStopReason =
  /** The user pressed Cancel. */
  | 'cancelled'
  /** The tile server did not answer (network cut, server down, busy). */
  | 'unreachable'
  /** The device went offline, or "offline only" was switched on. */
  | 'offline'
  /** The app was closed, or the page reloaded, during the download. */
  | 'closed'
  /** The server refused tile after tile (e.g. access denied). */
  | 'refused'
  /** The source was removed, or does not allow bulk download. */
  | 'source';

export interface TileAreaRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  name: string;
  sourceId: string;
  bounds: GeoBounds;
  minZoom: number;
  maxZoom: number;
  /** Tiles in the area, all zoom levels. */
  total: number;
  /** Tiles before this index (in `tilesInRanges` order) are settled: cached, or refused by the server. */
  nextIndex: number;
  /** Settled tiles that are in the cache. */
  cached: number;
  /** Settled tiles the server refused (no such tile). */
  failed: number;
  /** Bytes of the cached tiles: the area's size on disk. */
  bytes: number;
  state: 'running' | 'stopped' | 'complete';
  stopReason: TileAreaStopReason | null;
}

export class TileAreaStore {
  private readonly table: EntityTable<TileAreaRow, 'id'>;

  constructor(db: RoutewatchDatabase) {
    // Why the cast: database.ts keys the table and leaves the row's shape to this module.
    this.table = db.tileAreas as unknown as EntityTable<TileAreaRow, 'id'>;
  }

  /** Newest first. */
  async list(): Promise<TileAreaRow[]> {
    return (await this.table.orderBy('createdAt').toArray()).reverse();
  }

  get(id: string): Promise<TileAreaRow | undefined> {
    return this.table.get(id);
  }

  async put(row: TileAreaRow): Promise<void> {
    await this.table.put(row);
  }

  async delete(id: string): Promise<void> {
    await this.table.delete(id);
  }

  /** At start-up: a download that was running when the app closed is stopped, ready to resume. */
  async markInterrupted(now: string): Promise<number> {
    return this.table
      .filter((row) => row.state === 'running')
      .modify((row) => {
        row.state = 'stopped';
        row.stopReason = 'closed';
        row.updatedAt = now;
      });
  }
}
