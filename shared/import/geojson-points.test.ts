import { describe, expect, it } from 'vitest';
import { MAX_GEOJSON_DEPTH, MAX_IMPORT_BYTES, nestingDepth, readGeoJsonPoints, refuseBySize } from './geojson-points';

const point = (lon: unknown, lat: unknown, properties: unknown = {}) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('reading GeoJSON points', () => {
  it('makes a row of each point, its properties the columns', () => {
    const read = readGeoJsonPoints(collection(point(21.65, 42.31, { date: '2016-01-01', persons: 12, name: 'Preševo', nested: { a: 1 } })));
    expect(read).toEqual({
      rows: [{ number: 1, cells: { date: '2016-01-01', persons: '12', name: 'Preševo' }, point: { lat: 42.31, lon: 21.65 } }],
      columns: ['date', 'persons', 'name'],
      rejected: [],
    });
  });

  it('rejects features that are not points, or whose coordinates are out of range or not numbers', () => {
    const read = readGeoJsonPoints(collection({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } }, point(200, 42), point(21, '42'), point(21, 91), { type: 'Feature', geometry: null }));
    expect('rows' in read && read.rejected.map((r) => [r.number, r.issues[0]?.message])).toEqual([
      [1, 'import.reason.notAPoint'],
      [2, 'import.reason.coordinatesOutOfRange'],
      [3, 'import.reason.coordinatesUnreadable'],
      [4, 'import.reason.coordinatesOutOfRange'],
      [5, 'import.reason.notAPoint'],
    ]);
  });

  it('refuses a file nested deeper than the limit before parsing it, even 200,000 levels deep', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(nestingDepth(deep)).toBe(MAX_GEOJSON_DEPTH + 1);
    expect(readGeoJsonPoints(deep)).toEqual({ refused: 'import.file.tooDeep' });
    // Brackets inside strings do not count.
    expect(nestingDepth(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"[[[' }))).toBe(1);
  });

  it('refuses a file over the size limit by its size, and what is not GeoJSON with a reason', () => {
    expect(refuseBySize(MAX_IMPORT_BYTES + 1)).toBe('import.file.tooLarge');
    expect(refuseBySize(MAX_IMPORT_BYTES)).toBeNull();
    expect(readGeoJsonPoints('{"type": "Feature"')).toEqual({ refused: 'import.file.notGeoJson' });
    expect(readGeoJsonPoints('[1,2]')).toEqual({ refused: 'import.file.notGeoJson' });
    expect(readGeoJsonPoints('{"type":"FeatureCollection","features":[]}')).toEqual({ refused: 'import.file.noFeatures' });
  });

  it('keeps a property named "__proto__" as a cell, not as a prototype', () => {
    const read = readGeoJsonPoints('{"type":"Feature","geometry":{"type":"Point","coordinates":[21,42]},"properties":{"__proto__":"x"}}');
    expect('rows' in read && Object.hasOwn(read.rows[0]?.cells ?? {}, '__proto__')).toBe(true);
  });
});
