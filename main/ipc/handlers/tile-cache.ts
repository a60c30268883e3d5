/**
 * 'tiles:load', 'tiles:stat', 'tiles:delete': the map tile cache of the Electron host,
 * files on disk under the app's data folder (`<userData>/tiles/<source>/<z>/<x>/<y>.tile`).
 * Plain functions over injected effects (files, network), tested without Electron.
 */
import path from 'node:path';
import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import { MAX_TILE_BYTES, sniffTileImageType } from '../../../shared/tiles/image-type';
import { TILE_MAX_AGE_MS } from '../../../shared/tiles/tile-cache-contract';
import type { TileCoord } from '../../../shared/tiles/tile-math';
import type { IpcRequestData } from '../ipc-call';

/** The few file operations the cache needs (a subset of node:fs/promises). */
export interface TileFiles {
  /** The file's bytes and when it was written (ms since 1970), or null when it does not exist. */
  readonly read: (filePath: string) => Promise<{ bytes: Uint8Array<ArrayBuffer>; modifiedMs: number } | null>;
  /** Write so that a reader never sees half a file (temporary file, then rename). */
  readonly writeAtomic: (filePath: string, data: Uint8Array<ArrayBuffer>) => Promise<void>;
  /** The file's size, or null when it does not exist. */
  readonly size: (filePath: string) => Promise<number | null>;
  /** Remove the file; false when it was not there. */
  readonly remove: (filePath: string) => Promise<boolean>;
  /** Every file under the folder, at any depth (symbolic links not followed); [] when the folder does not exist. */
  readonly list: (folder: string) => Promise<ListedFile[]>;
}

/** A file found by `TileFiles.list`. */
export interface ListedFile {
  readonly path: string;
  readonly bytes: number;
  readonly modifiedMs: number;
}

/** What a tile server answered; `bytes` is empty for an answer that is not 200. */
export interface TileFetchAnswer {
  readonly status: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

export interface TileCacheEffects {
  /** The cache's own folder, e.g. `<userData>/tiles`. */
  readonly root: string;
  readonly files: TileFiles;
  /** GET the URL (with a timeout); rejects when there is no answer at all. */
  readonly fetchTile: (url: string) => Promise<TileFetchAnswer>;
  /** The clock, for the age of cached tiles. */
  readonly now: () => number;
}

/**
 * The file of a tile. The source id and the numbers are already checked by the contract
 * (`[a-z0-9-]`, integers in the scheme); the containment check is a second line, so no
 * request can ever name a file outside the cache folder.
 */
export function tileFilePath(root: string, sourceId: string, tile: TileCoord): string {
  const base = path.resolve(root);
  const file = path.resolve(base, sourceId, String(tile.z), String(tile.x), `${tile.y}.tile`);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || !/^[a-z0-9-]+$/.test(sourceId)) {
    throw new Error('tile path outside the cache folder');
  }
  return file;
}

/** Only plain http(s) URLs without credentials are fetched (the renderer builds them from a checked template). */
function fetchableUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** Network answers worth trying again later: the server is busy or failing, not refusing. */
const isTransient = (status: number): boolean => status === 408 || status === 429 || status >= 500;

export async function loadTile(
  request: IpcRequestData<'tiles:load'>,
  effects: TileCacheEffects,
): Promise<IpcResult<IpcResponse<'tiles:load'>>> {
  const file = tileFilePath(effects.root, request.sourceId, request.tile);
  const read = await effects.files.read(file);
  const held = read !== null && sniffTileImageType(read.bytes) !== null ? read : null;
  const cached = { ok: true, data: { outcome: 'cached', bytes: held?.bytes ?? null } } as const;
  if (held !== null && (request.url === null || effects.now() - held.modifiedMs < TILE_MAX_AGE_MS)) return cached;
  if (request.url === null) return { ok: true, data: { outcome: 'not-cached', bytes: null } };

  const url = fetchableUrl(request.url);
  if (url === null) return { ok: false, error: { code: 'refused' } };
  // From here on, a stale tile that cannot be refreshed is still better than none.
  let answer: TileFetchAnswer;
  try {
    answer = await effects.fetchTile(url);
  } catch {
    return held !== null ? cached : { ok: true, data: { outcome: 'unreachable', bytes: null } };
  }
  if (answer.status !== 200) {
    if (held !== null) return cached;
    return { ok: true, data: { outcome: isTransient(answer.status) ? 'unreachable' : 'refused', bytes: null } };
  }
  if (answer.bytes.length > MAX_TILE_BYTES || sniffTileImageType(answer.bytes) === null) {
    return held !== null ? cached : { ok: true, data: { outcome: 'refused', bytes: null } };
  }
  await effects.files.writeAtomic(file, answer.bytes);
  return { ok: true, data: { outcome: 'fetched', bytes: answer.bytes } };
}

export async function statTiles(
  request: IpcRequestData<'tiles:stat'>,
  effects: TileCacheEffects,
): Promise<IpcResult<IpcResponse<'tiles:stat'>>> {
  const sizes = await Promise.all(request.tiles.map((tile) => effects.files.size(tileFilePath(effects.root, request.sourceId, tile))));
  return { ok: true, data: { sizes } };
}

export async function deleteTiles(
  request: IpcRequestData<'tiles:delete'>,
  effects: TileCacheEffects,
): Promise<IpcResult<IpcResponse<'tiles:delete'>>> {
  let deleted = 0;
  for (const tile of request.tiles) {
    if (await effects.files.remove(tileFilePath(effects.root, request.sourceId, tile))) deleted += 1;
  }
  return { ok: true, data: { deleted } };
}
