import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countTiles,
  isValidTile,
  lonLatToTile,
  rangeHolds,
  tileBounds,
  tileRanges,
  tilesInRanges,
  tileToLonLat,
  type GeoBounds,
} from './tile-math';

describe('tile math', () => {
  it('finds the tiles of known places', () => {
    // Belgrade (20.46 E, 44.82 N): x = 0.5568 × 512 = 285.1, y = 0.3601 × 512 = 184.4.
    expect(lonLatToTile(20.4573, 44.8176, 9)).toEqual({ z: 9, x: 285, y: 184 });
    expect(lonLatToTile(0, 0, 0)).toEqual({ z: 0, x: 0, y: 0 });
    expect(lonLatToTile(180, -90, 3)).toEqual({ z: 3, x: 7, y: 7 });
    expect(lonLatToTile(-180, 90, 3)).toEqual({ z: 3, x: 0, y: 0 });
  });

  it('puts every point inside the bounds of its own tile', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 179.999, noNaN: true }),
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.integer({ min: 0, max: 18 }),
        (lon, lat, z) => {
          const tile = lonLatToTile(lon, lat, z);
          expect(isValidTile(tile)).toBe(true);
          const b = tileBounds(tile);
          const eps = 1e-9;
          expect(lon).toBeGreaterThanOrEqual(b.west - eps);
          expect(lon).toBeLessThanOrEqual(b.east + eps);
          expect(lat).toBeGreaterThanOrEqual(b.south - eps);
          expect(lat).toBeLessThanOrEqual(b.north + eps);
        },
      ),
    );
  });

  it('round-trips tile corners', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }).chain((z) => fc.tuple(fc.constant(z), fc.nat(2 ** z - 1), fc.nat(2 ** z - 1))), ([z, x, y]) => {
        const corner = tileToLonLat(x + 0.5, y + 0.5, z);
        expect(lonLatToTile(corner.lon, corner.lat, z)).toEqual({ z, x, y });
      }),
    );
  });

  it('counts without listing, and the listing agrees with the count', () => {
    const bounds: GeoBounds = { west: 20.3, south: 44.7, east: 20.6, north: 44.9 };
    const ranges = tileRanges(bounds, 8, 12);
    const listed = [...tilesInRanges(ranges)];
    expect(listed.length).toBe(countTiles(bounds, 8, 12));
    expect(new Set(listed.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(listed.length);
    expect(listed.every((tile) => ranges.some((r) => rangeHolds(r, tile)))).toBe(true);
    // The whole world at zoom 0-2: 1 + 4 + 16 tiles.
    expect(countTiles({ west: -180, south: -85, east: 180, north: 85 }, 0, 2)).toBe(21);
  });

  it('resumes a listing at any index with the same tiles as the full one', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 13, max: 23, noNaN: true }),
        fc.double({ min: 39, max: 46, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 4, max: 9 }),
        fc.nat(400),
        (west, south, size, minZoom, startAt) => {
          const ranges = tileRanges({ west, south, east: west + size, north: south + size }, minZoom, minZoom + 2);
          const all = [...tilesInRanges(ranges)];
          expect([...tilesInRanges(ranges, startAt)]).toEqual(all.slice(startAt));
        },
      ),
    );
  });

  it('refuses tiles outside the scheme', () => {
    expect(isValidTile({ z: 2, x: 4, y: 0 })).toBe(false);
    expect(isValidTile({ z: -1, x: 0, y: 0 })).toBe(false);
    expect(isValidTile({ z: 23, x: 0, y: 0 })).toBe(false);
    expect(isValidTile({ z: 1, x: 0.5, y: 0 })).toBe(false);
    expect(isValidTile({ z: 1, x: 1, y: 1 })).toBe(true);
  });
});
