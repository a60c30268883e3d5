/**
 * Web Mercator tile arithmetic (the XYZ / "slippy map" scheme of OpenStreetMap and
 * Leaflet): which tile holds a point, which tiles cover an area, how many there are.
 */

/** One tile of the XYZ scheme: x to the east, y to the south, from the top-left corner. */
export interface TileCoord {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** A geographic rectangle in degrees (west < east; no crossing of the antimeridian). */
export interface GeoBounds {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/** The tiles of one zoom level inside a rectangle, inclusive on both ends. */
export interface TileRange {
  readonly z: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/** Web Mercator stops here: beyond it, y would be infinite. */
export const MAX_MERCATOR_LAT = 85.0511287798066;
/** The deepest zoom any source here may declare (z 22 is about 4 cm a pixel). */
export const MAX_TILE_ZOOM = 22;

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** The tile holding a point at a zoom level; points on the edge of the world stay on it. */
export function lonLatToTile(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const latRad = (clamp(lat, -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT) * Math.PI) / 180;
  const fx = ((clamp(lon, -180, 180) + 180) / 360) * n;
  const fy = ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n;
  return { z, x: clamp(Math.floor(fx), 0, n - 1), y: clamp(Math.floor(fy), 0, n - 1) };
}

/** The top-left (north-west) corner of a tile, in degrees. */
export function tileToLonLat(x: number, y: number, z: number): { lon: number; lat: number } {
  const n = 2 ** z;
  const lon = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return { lon, lat };
}

/** The rectangle a tile covers. */
export function tileBounds(tile: TileCoord): GeoBounds {
  const nw = tileToLonLat(tile.x, tile.y, tile.z);
  const se = tileToLonLat(tile.x + 1, tile.y + 1, tile.z);
  return { west: nw.lon, north: nw.lat, east: se.lon, south: se.lat };
}

/** The tiles of zoom `z` that touch `bounds`. */
export function tileRange(bounds: GeoBounds, z: number): TileRange {
  const nw = lonLatToTile(bounds.west, bounds.north, z);
  const se = lonLatToTile(bounds.east, bounds.south, z);
  return { z, minX: nw.x, maxX: se.x, minY: nw.y, maxY: se.y };
}

/** The ranges of every zoom level from `minZoom` to `maxZoom`. */
export function tileRanges(bounds: GeoBounds, minZoom: number, maxZoom: number): TileRange[] {
  const ranges: TileRange[] = [];
  for (let z = minZoom; z <= maxZoom; z++) ranges.push(tileRange(bounds, z));
  return ranges;
}

export function rangeSize(range: TileRange): number {
  return (range.maxX - range.minX + 1) * (range.maxY - range.minY + 1);
}

/** How many tiles cover `bounds` from `minZoom` to `maxZoom`, without listing them. */
export function countTiles(bounds: GeoBounds, minZoom: number, maxZoom: number): number {
  return tileRanges(bounds, minZoom, maxZoom).reduce((sum, range) => sum + rangeSize(range), 0);
}

/**
 * Every tile of the ranges, zoom by zoom, row by row: a stable order, so a download can
 * resume at an index. A generator, so a large area is never held in memory at once.
 */
export function* tilesInRanges(ranges: readonly TileRange[], startAt = 0): Generator<TileCoord> {
  let skip = startAt;
  for (const range of ranges) {
    const size = rangeSize(range);
    if (skip >= size) {
      skip -= size;
      continue;
    }
    const width = range.maxX - range.minX + 1;
    for (let i = skip; i < size; i++) {
      yield { z: range.z, x: range.minX + (i % width), y: range.minY + Math.floor(i / width) };
    }
    skip = 0;
  }
}

export function rangeHolds(range: TileRange, tile: TileCoord): boolean {
  return range.z === tile.z && tile.x >= range.minX && tile.x <= range.maxX && tile.y >= range.minY && tile.y <= range.maxY;
}

/** True for a tile that exists in the XYZ scheme. */
export function isValidTile(tile: TileCoord): boolean {
  const n = 2 ** tile.z;
  return (
    Number.isInteger(tile.z) &&
    Number.isInteger(tile.x) &&
    Number.isInteger(tile.y) &&
    tile.z >= 0 &&
    tile.z <= MAX_TILE_ZOOM &&
    tile.x >= 0 &&
    tile.x < n &&
    tile.y >= 0 &&
    tile.y < n
  );
}
