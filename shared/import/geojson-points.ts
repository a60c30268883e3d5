/**
 * GeoJSON import of points: the features' properties are the "columns" the user maps,
 * as a CSV's are, and each Point's coordinates are the record's location. The file is
 * judged before `JSON.parse`: larger than the limit or nested deeper than the limit, it
 * is refused with a message (a deeply nested document can exhaust the stack of the
 * parser or of structuredClone later: TOOLCHAIN.md).
 */
import type { ImportRow } from './import-rows';
import type { ImportReason } from './import-values';

/** Largest file the import reads, CSV or GeoJSON. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Deepest nesting of arrays and objects a GeoJSON file may have: a FeatureCollection of points needs 5. */
export const MAX_GEOJSON_DEPTH = 32;

export type FileRefusal = 'import.file.tooLarge' | 'import.file.tooDeep' | 'import.file.notGeoJson' | 'import.file.noFeatures';

/** Refuse a file by its size alone, before reading it. */
export function refuseBySize(bytes: number): FileRefusal | null {
  return bytes > MAX_IMPORT_BYTES ? 'import.file.tooLarge' : null;
}

/** The deepest nesting of the text's arrays and objects, counted outside strings; stops counting past `limit`. */
export function nestingDepth(text: string, limit: number = MAX_GEOJSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

export interface GeoJsonRows {
  rows: ImportRow[];
  /** Every property name of the features, in order of first appearance. */
  columns: string[];
  /** Features that cannot be a record: not a point, or coordinates that are not a place on Earth. */
  rejected: { number: number; issues: { field: string; message: ImportReason }[] }[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A property as the text a cell would hold; nested values are not mapped. */
function cellText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * The features of a GeoJSON text as rows (feature 1 is row 1), or why the file is
 * refused. A bare Feature is read as a collection of one.
 */
export function readGeoJsonPoints(text: string): GeoJsonRows | { refused: FileRefusal } {
  if (nestingDepth(text) > MAX_GEOJSON_DEPTH) return { refused: 'import.file.tooDeep' };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { refused: 'import.file.notGeoJson' };
  }
  if (!isRecord(document)) return { refused: 'import.file.notGeoJson' };
  const features = document.type === 'FeatureCollection' ? document.features : document.type === 'Feature' ? [document] : null;
  if (!Array.isArray(features)) return { refused: 'import.file.notGeoJson' };
  if (features.length === 0) return { refused: 'import.file.noFeatures' };
  const result: GeoJsonRows = { rows: [], columns: [], rejected: [] };
  const columns = new Set<string>();
  features.forEach((feature: unknown, index) => {
    const number = index + 1;
    const geometry = isRecord(feature) ? feature.geometry : null;
    const coordinates = isRecord(geometry) && geometry.type === 'Point' ? geometry.coordinates : null;
    if (!Array.isArray(coordinates) || coordinates.length < 2) {
      result.rejected.push({ number, issues: [{ field: 'location', message: 'import.reason.notAPoint' }] });
      return;
    }
    const [lon, lat] = coordinates as unknown[];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      result.rejected.push({ number, issues: [{ field: 'location', message: 'import.reason.coordinatesUnreadable' }] });
      return;
    }
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      result.rejected.push({ number, issues: [{ field: 'location', message: 'import.reason.coordinatesOutOfRange' }] });
      return;
    }
    const properties = isRecord(feature) && isRecord(feature.properties) ? feature.properties : {};
    // fromEntries defines own properties: a property named "__proto__" stays a cell.
    const cells: Record<string, string> = Object.fromEntries(
      Object.entries(properties).flatMap(([name, value]) => {
        const text = cellText(value);
        return text === null ? [] : [[name, text]];
      }),
    );
    for (const name of Object.keys(cells)) columns.add(name);
    result.rows.push({ number, cells, point: { lat, lon } });
  });
  result.columns = [...columns];
  return result;
}
