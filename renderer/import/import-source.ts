/**
 * A picked file, read for the import: refused by its size before reading; GeoJSON
 * (by its name, or a first character of `{`) read as points; anything else as a CSV whose
 * encoding and delimiter are detected and can be changed.
 */
import type { FileRefusal, GeoJsonRows } from '../../shared/import/geojson-points';
import { readGeoJsonPoints, refuseBySize } from '../../shared/import/geojson-points';
import { decodeText, detectEncoding } from './detect-encoding';
import type { ImportEncoding } from './detect-encoding';
import { readCsvHead } from './parse-csv';
import type { CsvHead, Delimiter } from './parse-csv';

export interface CsvSource {
  kind: 'csv';
  name: string;
  size: number;
  bytes: Uint8Array;
  detected: { encoding: ImportEncoding; bom: boolean };
  encoding: ImportEncoding;
  text: string;
  head: CsvHead;
}

export interface GeoJsonSource extends GeoJsonRows {
  kind: 'geojson';
  name: string;
  size: number;
}

export type ImportSource = CsvSource | GeoJsonSource;

export type SourceRefusal = FileRefusal | 'import.file.empty';

function looksLikeJson(name: string, bytes: Uint8Array): boolean {
  if (/\.(geo)?json$/i.test(name)) return true;
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
  return first === 0x7b;
}

/** Read a CSV again in another encoding or with another delimiter. */
export function withCsvChoice(source: CsvSource, choice: { encoding?: ImportEncoding; delimiter?: Delimiter }): CsvSource {
  const encoding = choice.encoding ?? source.encoding;
  const text = encoding === source.encoding ? source.text : decodeText(source.bytes, encoding);
  const delimiter = choice.delimiter ?? (choice.encoding ? null : source.head.delimiter);
  return { ...source, encoding, text, head: readCsvHead(text, delimiter) };
}

export async function readSource(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<ImportSource | { refused: SourceRefusal }> {
  const tooLarge = refuseBySize(file.size);
  if (tooLarge) return { refused: tooLarge };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (looksLikeJson(file.name, bytes)) {
    // GeoJSON is UTF-8 (RFC 7946).
    const read = readGeoJsonPoints(decodeText(bytes, 'utf-8'));
    if ('refused' in read) return read;
    return { kind: 'geojson', name: file.name, size: file.size, ...read };
  }
  const detected = detectEncoding(bytes);
  const text = decodeText(bytes, detected.encoding);
  const head = readCsvHead(text, null);
  if (head.rows.length === 0) return { refused: 'import.file.empty' };
  return { kind: 'csv', name: file.name, size: file.size, bytes, detected, encoding: detected.encoding, text, head };
}
