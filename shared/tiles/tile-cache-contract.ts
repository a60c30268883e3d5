/**
 * What the renderer and a tile cache say to each other, in either host: a tile's key,
 * how a load ended. The IPC contract (Electron) builds its channels from these; web
 * mode's Cache Storage adapter returns the same outcomes.
 */
import { z } from '../schema/zod';
import { isValidTile, MAX_TILE_ZOOM } from './tile-math';
import { MAX_PROTECTED_RANGES } from './viewed-tiles';

export const tileSourceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

export const tileCoordSchema = z
  .object({
    z: z.number().int().min(0).max(MAX_TILE_ZOOM),
    x: z.number().int().min(0),
    y: z.number().int().min(0),
  })
  .strict()
  .refine(isValidTile, 'a tile outside the XYZ scheme');

/**
 * - `cached`: read from the cache;
 * - `fetched`: not cached, read from the network and now cached;
 * - `not-cached`: not cached, and the network was not to be used;
 * - `refused`: the server answered, but not with a tile (404, an error page): do not retry;
 * - `unreachable`: no answer (network down, timeout, 5xx, 429): try again later.
 */
export const TILE_LOAD_OUTCOMES = ['cached', 'fetched', 'not-cached', 'refused', 'unreachable'] as const;
export type TileLoadOutcome = (typeof TILE_LOAD_OUTCOMES)[number];

/** Tiles per stat or delete call: a saved area is handled in batches. */
export const TILE_BATCH_MAX = 500;

/**
 * A cached tile older than this is fetched again when the network may be used (and kept
 * if the fetch fails): maps change (new roads, camps), and a cache that never refreshes
 * would show last year's map for ever. Offline, any age is shown.
 */
export const TILE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** One zoom level's rectangle of tiles, as the IPC carries a saved area's ranges. */
export const tileRangeSchema = z
  .object({
    z: z.number().int().min(0).max(MAX_TILE_ZOOM),
    minX: z.number().int().min(0),
    maxX: z.number().int().min(0),
    minY: z.number().int().min(0),
    maxY: z.number().int().min(0),
  })
  .strict()
  .refine((r) => r.minX <= r.maxX && r.minY <= r.maxY && isValidTile({ z: r.z, x: r.maxX, y: r.maxY }), 'a range outside the XYZ scheme');

/**
 * The saved areas' tiles, by source: what a usage count or a trim of the viewed-tile
 * cache must leave alone. At most MAX_PROTECTED_RANGES ranges in all.
 */
export const protectedTilesSchema = z
  .array(z.object({ sourceId: tileSourceIdSchema, ranges: z.array(tileRangeSchema).max(MAX_PROTECTED_RANGES) }).strict())
  .max(MAX_PROTECTED_RANGES)
  .refine((list) => list.reduce((sum, p) => sum + p.ranges.length, 0) <= MAX_PROTECTED_RANGES, 'too many ranges');

export const viewedTilesUsageSchema = z.object({ count: z.number().int().min(0), bytes: z.number().int().min(0) }).strict();
