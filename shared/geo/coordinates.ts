/**
 * Coordinates as people type or paste them: decimal degrees ("42.3361, 21.9037",
 * "42,3361; 21,9037" with decimal commas, "N 42.3361 E 21.9037", "42.3361N 21.9037E")
 * and degrees-minutes(-seconds) ("42°20′10″N 21°54′13″E", "42 20 10 N 21 54 13 E",
 * "42°20.17'N 21°54.22'E"). Hemisphere letters decide which number is the latitude,
 * so "21°54′13″E 42°20′10″N" reads the same as the other way round.
 *
 * A refusal carries an i18n key (`validation.coordinates.*`, English in
 * renderer/observations/validation-messages-en.ts), never an English sentence.
 */

export const COORDINATE_MESSAGE_KEYS = [
  'validation.coordinates.empty',
  'validation.coordinates.unrecognised',
  'validation.coordinates.needBoth',
  'validation.coordinates.latitudeOutOfRange',
  'validation.coordinates.longitudeOutOfRange',
  'validation.coordinates.minutesOutOfRange',
  'validation.coordinates.secondsOutOfRange',
  'validation.coordinates.sameAxisTwice',
  'validation.coordinates.signAndHemisphere',
] as const;
export type CoordinateMessageKey = (typeof COORDINATE_MESSAGE_KEYS)[number];

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export type CoordinateParseResult = ({ readonly ok: true } & LatLon) | { readonly ok: false; readonly message: CoordinateMessageKey };

/** Longer than any way of writing a point; refusing early bounds the work on a pasted page. */
const MAX_INPUT_LENGTH = 120;

type Hemisphere = 'N' | 'S' | 'E' | 'W';
type Token =
  | { readonly type: 'number'; readonly value: number; readonly integer: boolean; readonly sign: '' | '+' | '-' }
  | { readonly type: 'unit'; readonly position: 0 | 1 | 2 }
  | { readonly type: 'hemisphere'; readonly letter: Hemisphere }
  | { readonly type: 'separator' };

class CoordinateError extends Error {
  constructor(readonly key: CoordinateMessageKey) {
    super(key);
  }
}

/**
 * Look-alikes of the marks a keyboard has: typographic primes and quotes, two
 * apostrophes for seconds, the ordinal º and the ring ˚ for degrees, Unicode minus.
 */
function canonicalMarks(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\u2032\u2019\u2018\u00B4`\u02B9\u02BC]/g, "'")
    .replace(/[\u2033\u201C\u201D\u02BA]/g, '"')
    .replace(/''/g, '"')
    .replace(/[\u00BA\u02DA]/g, '°')
    .replace(/[\u2212\u2013]/g, '-');
}

/**
 * Which commas are decimal commas. With a semicolon, it separates the two numbers and
 * every comma is decimal ("42,3361; 21,9037"). With a decimal point anywhere, commas
 * separate. Otherwise a comma between two digits is decimal ("42,3361 21,9037") and
 * any other comma separates ("42, 21").
 */
function resolveCommas(text: string): string {
  if (text.includes(';')) return text.replace(/,/g, '.');
  if (text.includes('.')) return text;
  return text.replace(/(\d),(\d)/g, '$1.$2');
}

const TOKEN = /\s+|([+-]?)(\d+(?:\.\d*)?|\.\d+)|([°'"])|([NSEW])|([;,])/y;
const UNIT_POSITION = { '°': 0, "'": 1, '"': 2 } as const;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) throw new CoordinateError('validation.coordinates.unrecognised');
    const [, sign, digits, unit, letter, separator] = match;
    if (digits !== undefined) {
      tokens.push({ type: 'number', value: Number(digits), integer: !digits.includes('.'), sign: sign === '+' || sign === '-' ? sign : '' });
    } else if (unit !== undefined) {
      tokens.push({ type: 'unit', position: UNIT_POSITION[unit as keyof typeof UNIT_POSITION] });
    } else if (letter !== undefined) {
      tokens.push({ type: 'hemisphere', letter: letter as Hemisphere });
    } else if (separator !== undefined) {
      tokens.push({ type: 'separator' });
    }
  }
  return tokens;
}

/** Split the tokens into one group per coordinate. */
function groupTokens(tokens: readonly Token[]): Token[][] {
  const separators = tokens.filter((token) => token.type === 'separator').length;
  if (separators > 1) throw new CoordinateError('validation.coordinates.unrecognised');
  if (separators === 1) {
    const at = tokens.findIndex((token) => token.type === 'separator');
    return [tokens.slice(0, at), tokens.slice(at + 1)].filter((group) => group.length > 0);
  }
  const groups: Token[][] = [];
  const hasLetters = tokens.some((token) => token.type === 'hemisphere');
  if (hasLetters && tokens[0]?.type === 'hemisphere') {
    // "N 42.3361 E 21.9037": each letter opens a coordinate.
    for (const token of tokens) {
      if (token.type === 'hemisphere' || groups.length === 0) groups.push([]);
      groups[groups.length - 1]?.push(token);
    }
    return groups;
  }
  if (hasLetters) {
    // "42.3361N 21.9037E": each letter closes a coordinate.
    let current: Token[] = [];
    for (const token of tokens) {
      current.push(token);
      if (token.type === 'hemisphere') {
        groups.push(current);
        current = [];
      }
    }
    if (current.length > 0) groups.push(current);
    return groups;
  }
  if (tokens.some((token) => token.type === 'unit' && token.position === 0)) {
    // "42°20′10″ 21°54′13″": each number marked as degrees opens a coordinate.
    tokens.forEach((token, i) => {
      const next = tokens[i + 1];
      const opensDegrees = token.type === 'number' && next?.type === 'unit' && next.position === 0;
      if (groups.length === 0 || (opensDegrees && (groups[groups.length - 1]?.length ?? 0) > 0)) groups.push([]);
      groups[groups.length - 1]?.push(token);
    });
    return groups;
  }
  // Bare numbers: the first half is the latitude ("42 20 10 21 54 13").
  const numberIndexes = tokens.flatMap((token, i) => (token.type === 'number' ? [i] : []));
  if (numberIndexes.length <= 1) return tokens.length > 0 ? [[...tokens]] : [];
  if (numberIndexes.length % 2 === 1) throw new CoordinateError('validation.coordinates.unrecognised');
  const splitAt = numberIndexes[numberIndexes.length / 2] ?? tokens.length;
  return [tokens.slice(0, splitAt), tokens.slice(splitAt)];
}

interface Coordinate {
  readonly value: number;
  readonly axis: 'lat' | 'lon' | null;
}

function readCoordinate(group: readonly Token[]): Coordinate {
  const body = [...group];
  let hemisphere: Hemisphere | null = null;
  const first = body[0];
  if (first?.type === 'hemisphere') {
    hemisphere = first.letter;
    body.shift();
  }
  const last = body[body.length - 1];
  if (last?.type === 'hemisphere') {
    if (hemisphere !== null) throw new CoordinateError('validation.coordinates.unrecognised');
    hemisphere = last.letter;
    body.pop();
  }
  const parts: { value: number; integer: boolean }[] = [];
  let negative = false;
  for (let i = 0; i < body.length; i++) {
    const token = body[i];
    if (token?.type !== 'number') throw new CoordinateError('validation.coordinates.unrecognised');
    const position = parts.length;
    if (token.sign !== '' && position > 0) throw new CoordinateError('validation.coordinates.unrecognised');
    if (token.sign === '-') negative = true;
    const next = body[i + 1];
    if (next?.type === 'unit') {
      // Marks, where given, must say what the position says: degrees, then minutes, then seconds.
      if (next.position !== position) throw new CoordinateError('validation.coordinates.unrecognised');
      i++;
    }
    parts.push({ value: token.value, integer: token.integer });
  }
  if (parts.length === 0 || parts.length > 3) throw new CoordinateError('validation.coordinates.unrecognised');
  // Only the last part may have decimals: "42.5 20" is not a way of writing anything.
  if (parts.slice(0, -1).some((part) => !part.integer)) throw new CoordinateError('validation.coordinates.unrecognised');
  const [degrees, minutes, seconds] = parts;
  if (minutes && minutes.value >= 60) throw new CoordinateError('validation.coordinates.minutesOutOfRange');
  if (seconds && seconds.value >= 60) throw new CoordinateError('validation.coordinates.secondsOutOfRange');
  if (negative && hemisphere !== null) throw new CoordinateError('validation.coordinates.signAndHemisphere');
  const magnitude = (degrees?.value ?? 0) + (minutes?.value ?? 0) / 60 + (seconds?.value ?? 0) / 3600;
  const southOrWest = negative || hemisphere === 'S' || hemisphere === 'W';
  const axis = hemisphere === null ? null : hemisphere === 'N' || hemisphere === 'S' ? 'lat' : 'lon';
  return { value: southOrWest ? -magnitude : magnitude, axis };
}

function parseOrThrow(text: string): LatLon {
  const trimmed = text.trim();
  if (trimmed === '') throw new CoordinateError('validation.coordinates.empty');
  if (trimmed.length > MAX_INPUT_LENGTH) throw new CoordinateError('validation.coordinates.unrecognised');
  const groups = groupTokens(tokenize(resolveCommas(canonicalMarks(trimmed))));
  if (groups.length === 1 && groups[0]) readCoordinate(groups[0]); // a malformed lone coordinate is "unrecognised", not "half there"
  if (groups.length < 2) throw new CoordinateError('validation.coordinates.needBoth');
  if (groups.length > 2) throw new CoordinateError('validation.coordinates.unrecognised');
  const [a, b] = groups.map(readCoordinate) as [Coordinate, Coordinate];
  if (a.axis !== null && a.axis === b.axis) throw new CoordinateError('validation.coordinates.sameAxisTwice');
  const [latitude, longitude] = a.axis === 'lon' || b.axis === 'lat' ? [b, a] : [a, b];
  if (Math.abs(latitude.value) > 90) throw new CoordinateError('validation.coordinates.latitudeOutOfRange');
  if (Math.abs(longitude.value) > 180) throw new CoordinateError('validation.coordinates.longitudeOutOfRange');
  // `+ 0` turns -0 ("-0, 0") into 0.
  return { lat: latitude.value + 0, lon: longitude.value + 0 };
}

/** Read typed coordinates; never throws. */
export function parseCoordinates(text: string): CoordinateParseResult {
  try {
    const { lat, lon } = parseOrThrow(text);
    return { ok: true, lat, lon };
  } catch (error) {
    if (error instanceof CoordinateError) return { ok: false, message: error.key };
    throw error;
  }
}

function dms(value: number, positive: Hemisphere, negative: Hemisphere): string {
  // Whole tenths of a second first, so that 59.96″ carries into the minute instead of showing 60.0″.
  const tenths = Math.round(Math.abs(value) * 36_000);
  const degrees = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const seconds = ((tenths % 600) / 10).toFixed(1).padStart(4, '0');
  const hemisphere = value < 0 && tenths > 0 ? negative : positive;
  return `${degrees}°${String(minutes).padStart(2, '0')}′${seconds}″${hemisphere}`;
}

/**
 * A point in degrees, minutes and seconds to a tenth of a second (about 3 m), e.g.
 * `42°20′10.0″N 21°54′13.0″E`; `parseCoordinates` reads it back. Empty for a
 * non-finite number.
 */
export function formatDms(lat: number, lon: number): string {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return '';
  return `${dms(lat, 'N', 'S')} ${dms(lon, 'E', 'W')}`;
}

/**
 * A point in decimal degrees with a point as the decimal mark whatever the UI
 * language (coordinates are copied between tools), e.g. `42.33611, 21.90361`.
 */
export function formatDecimal(lat: number, lon: number, digits = 5): string {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return '';
  const places = Math.min(10, Math.max(0, Math.floor(digits)));
  // `+ 0` so that a value rounding to zero from below does not print as "-0.00000".
  const fixed = (value: number) => (Number(value.toFixed(places)) + 0).toFixed(places);
  return `${fixed(lat)}, ${fixed(lon)}`;
}
