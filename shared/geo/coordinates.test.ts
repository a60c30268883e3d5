import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COORDINATE_MESSAGE_KEYS, formatDecimal, formatDms, parseCoordinates } from './coordinates';
import type { CoordinateMessageKey } from './coordinates';

// 42°20′10″N 21°54′13″E
const LAT = 42 + 20 / 60 + 10 / 3600;
const LON = 21 + 54 / 60 + 13 / 3600;

function expectPoint(text: string, lat: number, lon: number, tolerance = 1e-9): void {
  const result = parseCoordinates(text);
  if (!result.ok) throw new Error(`"${text}" refused with ${result.message}`);
  expect(Math.abs(result.lat - lat)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(result.lon - lon)).toBeLessThanOrEqual(tolerance);
}

function expectRefusal(text: string, message: CoordinateMessageKey): void {
  expect(parseCoordinates(text)).toEqual({ ok: false, message });
}

describe('parseCoordinates: decimal degrees', () => {
  it.each([
    '42.3361, 21.9037',
    '42.3361 21.9037',
    '42.3361,21.9037',
    '  42.3361 ,  21.9037  ',
    '42,3361; 21,9037',
    '42,3361;21,9037',
    '42,3361 21,9037',
    '42,3361, 21,9037',
    '42.3361; 21.9037',
    'N 42.3361 E 21.9037',
    'n42.3361 e21.9037',
    '42.3361N 21.9037E',
    '42.3361 N, 21.9037 E',
    '42.3361° N, 21.9037° E',
    '42.3361°, 21.9037°',
    '+42.3361, +21.9037',
    '21.9037E 42.3361N',
    'E 21.9037, N 42.3361',
    '21.9037 E, 42.3361',
  ])('reads "%s"', (text) => {
    expectPoint(text, 42.3361, 21.9037);
  });

  it.each([
    ['-33.9249, -18.4241', -33.9249, -18.4241],
    ['−33.9249, −18.4241', -33.9249, -18.4241],
    ['33.9249S 18.4241W', -33.9249, -18.4241],
    ['S 33.9249 W 18.4241', -33.9249, -18.4241],
    ['-0, 0', 0, 0],
    ['90, 180', 90, 180],
    ['-90, -180', -90, -180],
    ['45, 20', 45, 20],
    ['.5 .25', 0.5, 0.25],
  ])('reads "%s" as %d, %d', (text, lat, lon) => {
    expectPoint(text, lat, lon);
  });

  it('never returns a negative zero', () => {
    const result = parseCoordinates('-0, -0');
    expect(result.ok && Object.is(result.lat, 0) && Object.is(result.lon, 0)).toBe(true);
  });
});

describe('parseCoordinates: degrees, minutes, seconds', () => {
  it.each([
    '42°20′10″N 21°54′13″E',
    '42°20\'10"N 21°54\'13"E',
    '42°20’10”N 21°54’13”E',
    "42°20'10''N 21°54'13''E",
    '42º20′10″N 21º54′13″E',
    '42° 20′ 10″ N, 21° 54′ 13″ E',
    '42 20 10 N 21 54 13 E',
    '42 20 10 n 21 54 13 e',
    'N42 20 10 E21 54 13',
    '42 20 10, 21 54 13',
    '42 20 10 21 54 13',
    '42°20′10″ 21°54′13″',
    '21°54′13″E 42°20′10″N',
    '21 54 13 E 42 20 10 N',
    '42°20′10,0″N 21°54′13,0″E',
  ])('reads "%s"', (text) => {
    expectPoint(text, LAT, LON);
  });

  it.each([
    ["42°20.17'N 21°54.22'E", 42 + 20.17 / 60, 21 + 54.22 / 60],
    ['42 20.17 N 21 54.22 E', 42 + 20.17 / 60, 21 + 54.22 / 60],
    ['42 20.17 21 54.22', 42 + 20.17 / 60, 21 + 54.22 / 60],
    ['33°55′29.6″S 18°25′26.8″W', -(33 + 55 / 60 + 29.6 / 3600), -(18 + 25 / 60 + 26.8 / 3600)],
    ['-33°55′29.6″, -18°25′26.8″', -(33 + 55 / 60 + 29.6 / 3600), -(18 + 25 / 60 + 26.8 / 3600)],
    ['42°N 21°E', 42, 21],
  ])('reads "%s"', (text, lat, lon) => {
    expectPoint(text, lat, lon);
  });
});

describe('parseCoordinates: refusals, each with its own message', () => {
  it.each<[string, CoordinateMessageKey]>([
    ['', 'validation.coordinates.empty'],
    ['   \t ', 'validation.coordinates.empty'],
    ['42.3361', 'validation.coordinates.needBoth'],
    ['42°20′10″N', 'validation.coordinates.needBoth'],
    ['42.3361,', 'validation.coordinates.needBoth'],
    ['91 0', 'validation.coordinates.latitudeOutOfRange'],
    ['-90.0001, 0', 'validation.coordinates.latitudeOutOfRange'],
    ['90°0′1″N 0E', 'validation.coordinates.latitudeOutOfRange'],
    ['0, 180.5', 'validation.coordinates.longitudeOutOfRange'],
    ['0 N 181 W', 'validation.coordinates.longitudeOutOfRange'],
    ['42 60 10 N 21 54 13 E', 'validation.coordinates.minutesOutOfRange'],
    ["42°75'N 21°54'E", 'validation.coordinates.minutesOutOfRange'],
    ['42 20 60 N 21 54 13 E', 'validation.coordinates.secondsOutOfRange'],
    ['42°20′10″N 21°54′13″N', 'validation.coordinates.sameAxisTwice'],
    ['42.3 E, 21.9 W', 'validation.coordinates.sameAxisTwice'],
    ['-42.3 S, 21.9', 'validation.coordinates.signAndHemisphere'],
    ['hello world', 'validation.coordinates.unrecognised'],
    ['42.3361, 21.9037, 5', 'validation.coordinates.unrecognised'],
    ['42.3361 21.9037 5', 'validation.coordinates.unrecognised'],
    ['42.5 20 N 21 E', 'validation.coordinates.unrecognised'],
    ["42'20°N 21°E", 'validation.coordinates.unrecognised'],
    ['NS 42 21', 'validation.coordinates.unrecognised'],
    ['1 2 3 4 5 6 7 8', 'validation.coordinates.unrecognised'],
    ['42 -20 N 21 E', 'validation.coordinates.unrecognised'],
    ['°', 'validation.coordinates.unrecognised'],
    ['42.3361, 21.9037'.repeat(20), 'validation.coordinates.unrecognised'],
  ])('refuses "%s" with %s', (text, message) => {
    expectRefusal(text, message);
  });

  it('refuses hostile text without throwing', () => {
    for (const text of ['x'.repeat(10_000), '((((', '.*+?^${}()|[]\\', '\u202E42.3, 21.9', '🌍 42 21', '\u0000', '42\u200B.3, 21']) {
      const result = parseCoordinates(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(COORDINATE_MESSAGE_KEYS).toContain(result.message);
    }
  });

  it('never throws on any string, and what it accepts is in range', () => {
    const coordinateish = fc.string({ unit: fc.constantFrom(...'0123456789.,;-+ °\'"′″NSEWnsew'.split('')), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), coordinateish), (text) => {
        const result = parseCoordinates(text);
        if (result.ok) {
          expect(Math.abs(result.lat)).toBeLessThanOrEqual(90);
          expect(Math.abs(result.lon)).toBeLessThanOrEqual(180);
        } else {
          expect(COORDINATE_MESSAGE_KEYS).toContain(result.message);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('formatting', () => {
  it('writes degrees, minutes and seconds to a tenth of a second', () => {
    expect(formatDms(LAT, LON)).toBe('42°20′10.0″N 21°54′13.0″E');
    expect(formatDms(-33.9249, -18.4241)).toBe('33°55′29.6″S 18°25′26.8″W');
    expect(formatDms(0, 0)).toBe('0°00′00.0″N 0°00′00.0″E');
    expect(formatDms(-0.000001, 179.99999999)).toBe('0°00′00.0″N 180°00′00.0″E');
    expect(formatDms(Number.NaN, 0)).toBe('');
  });

  it('writes decimal degrees with a point whatever the language', () => {
    expect(formatDecimal(42.3361, 21.9037)).toBe('42.33610, 21.90370');
    expect(formatDecimal(-0.000001, 5, 3)).toBe('0.000, 5.000');
    expect(formatDecimal(Number.POSITIVE_INFINITY, 0)).toBe('');
  });

  const lat = fc.double({ min: -90, max: 90, noNaN: true });
  const lon = fc.double({ min: -180, max: 180, noNaN: true });

  it('reads back what formatDms writes, within 1e-4 degrees', () => {
    fc.assert(
      fc.property(lat, lon, (la, lo) => {
        expectPoint(formatDms(la, lo), la, lo, 1e-4);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads back what formatDecimal writes, within its last digit', () => {
    fc.assert(
      fc.property(lat, lon, fc.integer({ min: 4, max: 8 }), (la, lo, digits) => {
        expectPoint(formatDecimal(la, lo, digits), la, lo, 0.5 * 10 ** -digits + 1e-12);
      }),
      { numRuns: 2_000 },
    );
  });
});
