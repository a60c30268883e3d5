/**
 * 'tiles:viewedUsage', 'tiles:trimViewed': the viewed-tile cache of the Electron host
 * (the files under `<userData>/tiles` that no saved area covers). The renderer names the
 * saved areas' ranges; which tiles go is decided by the shared plan
 * (`shared/tiles/viewed-tiles.ts`), oldest file first. Plain functions over the same
 * injected effects as the tile cache, tested on a temporary folder.
 */
import path from 'node:path';
import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import { isValidTile } from '../../../shared/tiles/tile-math';
import { planViewedTrim, viewedTilesUsage, type CachedTileEntry } from '../../../shared/tiles/viewed-tiles';
import type { IpcRequestData } from '../ipc-call';
import { tileFilePath, type TileCacheEffects } from './tile-cache';

const SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const NUMBER = /^(0|[1-9]\d{0,7})$/;
const TILE_FILE = /^(0|[1-9]\d{0,7})\.tile$/;

/**
 * Every tile file in the cache folder as an entry. Anything else found there (a
 * temporary file of a write under way, a stray file) is not a tile and is left alone.
 */
export async function listCachedTiles(effects: TileCacheEffects): Promise<CachedTileEntry[]> {
  const base = path.resolve(effects.root);
  const entries: CachedTileEntry[] = [];
  for (const file of await effects.files.list(base)) {
    const parts = path.relative(base, file.path).split(path.sep);
    if (parts.length !== 4) continue;
    const [sourceId = '', z = '', x = '', name = ''] = parts;
    const y = TILE_FILE.exec(name)?.[1];
    if (!SOURCE_ID.test(sourceId) || !NUMBER.test(z) || !NUMBER.test(x) || y === undefined) continue;
    const tile = { z: Number(z), x: Number(x), y: Number(y) };
    if (!isValidTile(tile)) continue;
    entries.push({ sourceId, tile, bytes: file.bytes, storedAt: file.modifiedMs });
  }
  return entries;
}

export async function countViewedTiles(
  request: IpcRequestData<'tiles:viewedUsage'>,
  effects: TileCacheEffects,
): Promise<IpcResult<IpcResponse<'tiles:viewedUsage'>>> {
  return { ok: true, data: viewedTilesUsage(await listCachedTiles(effects), request.protect) };
}

export async function trimViewedTiles(
  request: IpcRequestData<'tiles:trimViewed'>,
  effects: TileCacheEffects,
): Promise<IpcResult<IpcResponse<'tiles:trimViewed'>>> {
  const plan = planViewedTrim(await listCachedTiles(effects), request.protect, request.maxBytes, request.targetBytes);
  const removed = { count: 0, bytes: 0 };
  for (const entry of plan.evict) {
    // A file already gone (removed with a saved area meanwhile) is not counted as removed here.
    if (await effects.files.remove(tileFilePath(effects.root, entry.sourceId, entry.tile))) {
      removed.count += 1;
      removed.bytes += entry.bytes;
    }
  }
  const total = { count: plan.left.count + plan.removed.count, bytes: plan.left.bytes + plan.removed.bytes };
  return { ok: true, data: { removed, left: { count: total.count - removed.count, bytes: total.bytes - removed.bytes } } };
}
