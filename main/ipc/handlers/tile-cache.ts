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
import { tileUrl } from '../../../shared/tiles/tile-source';
import { allAddressesPublic, lookupHostOf } from '../../net/public-address';
import type { ConfiguredTileSource } from '../../settings/shell-settings';
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

/**
 * What a tile server answered; `bytes` is empty for an answer that is not 200. For a
 * redirect (3xx), `location` is where it points (absolute) and it has NOT been followed:
 * the handler decides, hop by hop, whether the next host may be asked.
 */
export interface TileFetchAnswer {
  readonly status: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly location?: string | null;
}

export interface TileCacheEffects {
  /** The cache's own folder, e.g. `<userData>/tiles`. */
  readonly root: string;
  readonly files: TileFiles;
  /** The tile sources main is configured with (main/settings): the only hosts it fetches from. */
  readonly sourceOf: (sourceId: string) => ConfiguredTileSource | undefined;
  /** Every address the host resolves to (IPv4 and IPv6); rejects when it does not resolve. */
  readonly resolveHost: (host: string) => Promise<readonly string[]>;
  /**
   * GET the URL without following redirects (with a timeout); rejects when there is no
   * answer at all. The connection goes to one of `addresses`, the ones just checked
   * (DNS pinning: net/pinned-lookup.ts), never to what the host resolves to by then.
   * `source` is the configured source the tile is of: its connections may be pooled,
   * never shared with another source or another configuration of it (net/tile-agents.ts).
   */
  readonly fetchTile: (url: string, addresses: readonly string[], source: ConfiguredTileSource) => Promise<TileFetchAnswer>;
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

/** Redirects followed at most, all on the tile's own host. */
export const MAX_TILE_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Why main did not ask the network: the source, the address or a redirect broke a rule. */
type FetchOutcome = { kind: 'answer'; answer: TileFetchAnswer } | { kind: 'policy' } | { kind: 'unreachable' };

/**
 * May main ask `url` for the tile first built as `first`? Same host and port, http(s), no
 * credentials, never from https down to http; and every address the host resolves to is
 * public unless the source is configured to allow private ones (an office LAN server).
 * The answer carries the addresses it resolved: the fetch connects to those and no others,
 * so a host cannot answer a public address here and a loopback one to the connection.
 */
async function mayAsk(
  url: URL,
  first: URL,
  source: ConfiguredTileSource,
  effects: TileCacheEffects,
): Promise<{ verdict: 'yes'; addresses: readonly string[] } | { verdict: 'policy' | 'unreachable' }> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { verdict: 'policy' };
  if (first.protocol === 'https:' && url.protocol !== 'https:') return { verdict: 'policy' };
  // The host with its port: another port of the same machine is another service.
  if (url.host !== first.host || url.username !== '' || url.password !== '') return { verdict: 'policy' };
  let addresses: readonly string[];
  try {
    addresses = [...(await effects.resolveHost(lookupHostOf(url)))];
  } catch {
    return { verdict: 'unreachable' };
  }
  // A source on the local network is pinned too, to the addresses it had when asked.
  if (source.allowPrivateAddresses) return addresses.length > 0 ? { verdict: 'yes', addresses } : { verdict: 'unreachable' };
  return allAddressesPublic(addresses) ? { verdict: 'yes', addresses } : { verdict: 'policy' };
}

/**
 * Fetches one tile of a configured source. The URL is built here from the source's
 * template and the checked z/x/y (the renderer never names a URL); redirects are followed
 * by hand, each hop checked again, so a tile server cannot send main to another host or
 * to an internal address.
 */
async function fetchFromSource(source: ConfiguredTileSource, tile: TileCoord, effects: TileCacheEffects): Promise<FetchOutcome> {
  let first: URL;
  try {
    first = new URL(tileUrl(source.source, tile));
  } catch {
    return { kind: 'policy' };
  }
  let url = first;
  for (let hop = 0; hop <= MAX_TILE_REDIRECTS; hop += 1) {
    const asked = await mayAsk(url, first, source, effects);
    if (asked.verdict !== 'yes') return { kind: asked.verdict };
    let answer: TileFetchAnswer;
    try {
      answer = await effects.fetchTile(url.href, asked.addresses, source);
    } catch {
      return { kind: 'unreachable' };
    }
    if (!REDIRECT_STATUSES.has(answer.status)) return { kind: 'answer', answer };
    if (answer.location === undefined || answer.location === null) return { kind: 'answer', answer };
    try {
      url = new URL(answer.location, url);
    } catch {
      return { kind: 'policy' };
    }
  }
  return { kind: 'policy' };
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
  if (held !== null && (!request.network || effects.now() - held.modifiedMs < TILE_MAX_AGE_MS)) return cached;
  if (!request.network) return { ok: true, data: { outcome: 'not-cached', bytes: null } };

  // Only sources main is configured with, and only the zoom levels they have.
  const source = effects.sourceOf(request.sourceId);
  if (source === undefined || request.tile.z > source.source.maxZoom) return held !== null ? cached : { ok: false, error: { code: 'refused' } };
  // From here on, a stale tile that cannot be refreshed is still better than none.
  const fetched = await fetchFromSource(source, request.tile, effects);
  if (fetched.kind !== 'answer') {
    if (held !== null) return cached;
    return { ok: true, data: { outcome: fetched.kind === 'policy' ? 'refused' : 'unreachable', bytes: null } };
  }
  const { answer } = fetched;
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
