/**
 * The user's tile choices, kept on this device (localStorage: read synchronously when a
 * map is built): which source to show (none by default, so that no map view leaves the
 * device until someone chooses a source), "offline only", user-added sources, and how
 * much the tiles kept as seen may take.
 * Everything read back is parsed again; a stored source that no longer parses is dropped.
 */
import { z } from '../../../shared/schema/zod';
import { BUILT_IN_TILE_SOURCES, isBuiltInSourceId, parseTileSource, type TileSource } from '../../../shared/tiles/tile-source';
import { DEFAULT_VIEWED_TILES_LIMIT_MB, MAX_VIEWED_TILES_LIMIT_MB, MIN_VIEWED_TILES_LIMIT_MB } from '../../../shared/tiles/viewed-tiles';

export interface TileSettings {
  /** The source shown under the map; null for none (the offline basemap only). */
  readonly sourceId: string | null;
  /** Never use the network for tiles, even when connected. */
  readonly offlineOnly: boolean;
  readonly customSources: readonly TileSource[];
  /**
   * Size limit of the viewed-tile cache (tiles kept as the map showed them; saved areas
   * are not counted), in MB. Field laptops have small disks: without one, every tile
   * ever seen stays.
   */
  readonly viewedLimitMb: number;
}

export const DEFAULT_TILE_SETTINGS: TileSettings = {
  sourceId: null,
  offlineOnly: false,
  customSources: [],
  viewedLimitMb: DEFAULT_VIEWED_TILES_LIMIT_MB,
};
export const TILE_SETTINGS_KEY = 'routewatch.tiles.settings';
const CHANGE_EVENT = 'routewatch:tile-settings';
/** User-added sources beyond this are refused: a list, not a database. */
export const MAX_CUSTOM_SOURCES = 20;

const storedSchema = z.object({
  sourceId: z.string().max(40).nullable().catch(null),
  offlineOnly: z.boolean().catch(false),
  customSources: z.array(z.unknown()).max(MAX_CUSTOM_SOURCES).catch([]),
  viewedLimitMb: z.number().int().min(MIN_VIEWED_TILES_LIMIT_MB).max(MAX_VIEWED_TILES_LIMIT_MB).catch(DEFAULT_VIEWED_TILES_LIMIT_MB),
});

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // Storage can be refused (privacy settings); the defaults then apply.
  }
}

export function parseTileSettings(text: string | null): TileSettings {
  if (text === null) return DEFAULT_TILE_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_TILE_SETTINGS;
  }
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) return DEFAULT_TILE_SETTINGS;
  const customSources: TileSource[] = [];
  for (const candidate of parsed.data.customSources) {
    const source = parseTileSource(candidate);
    if (source.ok && !isBuiltInSourceId(source.source.id) && !customSources.some((s) => s.id === source.source.id)) customSources.push(source.source);
  }
  const known = [...BUILT_IN_TILE_SOURCES, ...customSources].some((s) => s.id === parsed.data.sourceId);
  return { sourceId: known ? parsed.data.sourceId : null, offlineOnly: parsed.data.offlineOnly, customSources, viewedLimitMb: parsed.data.viewedLimitMb };
}

export function readTileSettings(): TileSettings {
  return parseTileSettings(storage()?.getItem(TILE_SETTINGS_KEY) ?? null);
}

export function writeTileSettings(settings: TileSettings): void {
  storage()?.setItem(TILE_SETTINGS_KEY, JSON.stringify(settings));
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function updateTileSettings(change: (settings: TileSettings) => TileSettings): TileSettings {
  const next = change(readTileSettings());
  writeTileSettings(next);
  return next;
}

/** Calls `listener` when the settings change, in this window or another one of the app. */
export function onTileSettingsChange(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === TILE_SETTINGS_KEY) listener();
  };
  window.addEventListener(CHANGE_EVENT, listener);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function tileSources(settings: TileSettings): TileSource[] {
  return [...BUILT_IN_TILE_SOURCES, ...settings.customSources];
}

export function activeTileSource(settings: TileSettings): TileSource | null {
  return tileSources(settings).find((source) => source.id === settings.sourceId) ?? null;
}

/** The viewed-tile cache's limit in bytes (decimal MB, as sizes are shown). */
export function viewedLimitBytes(settings: TileSettings): number {
  return settings.viewedLimitMb * 1_000_000;
}

/** Whether tiles may come from the network now: connected, and not "offline only". */
export function tileNetworkAllowed(settings: TileSettings, online: boolean): boolean {
  return online && !settings.offlineOnly;
}
