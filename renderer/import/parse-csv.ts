/**
 * Reading a decoded CSV with PapaParse: the delimiter detected among comma, semicolon
 * and tab (or as the user chose), quoted fields, and the whole file in chunks, pausing
 * between them so that the screen stays responsive, shows progress and can cancel.
 */
import Papa from 'papaparse';
import type { ParseResult, Parser } from 'papaparse';
import type { ImportRow } from '../../shared/import/import-rows';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface CsvHead {
  delimiter: Delimiter;
  columns: string[];
  /** The first rows after the header, as cells in column order. */
  rows: string[][];
}

/** Characters per chunk: about 10,000 rows of a partner's file. */
const CHUNK_CHARS = 512 * 1024;

/**
 * Column names as the file's header gives them, made unique: a repeated name gets its
 * position ("Broj (5)"), an empty one its number ("#3"), so the mapping can name each.
 */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, index) => {
    let name = raw.trim() === '' ? `#${index + 1}` : raw.trim();
    if (seen.has(name)) name = `${name} (${index + 1})`;
    seen.add(name);
    return name;
  });
}

const isDelimiter = (value: string): value is Delimiter => (DELIMITERS as readonly string[]).includes(value);

/** The header and first rows, and the delimiter (detected unless given). */
export function readCsvHead(text: string, delimiter: Delimiter | null, previewRows = 10): CsvHead {
  const result = Papa.parse<string[]>(text, {
    delimiter: delimiter ?? '',
    delimitersToGuess: [...DELIMITERS],
    preview: previewRows + 1,
    skipEmptyLines: 'greedy',
  });
  const [header = [], ...rows] = result.data;
  const detected = result.meta.delimiter;
  return { delimiter: delimiter ?? (isDelimiter(detected) ? detected : ','), columns: columnNames(header), rows };
}

export interface ParseOptions {
  delimiter: Delimiter;
  signal?: AbortSignal;
  /** Characters read so far, of the text's length. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Whether to wait a macrotask between chunks (the default): on the screen's thread it
   * lets the screen paint and a Cancel click land. The import worker has no screen and is
   * cancelled by terminating it, and there each wait cost 4 ms (nested timers are clamped).
   */
  yieldBetweenChunks?: boolean;
}

/** Wait a macrotask: lets the screen paint and a Cancel click land between chunks. */
const yieldToScreen = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A row as read: its number as a spreadsheet shows it, its cells in column order. */
export interface CsvRow {
  number: number;
  cells: string[];
}

/** A row read, as the import judges it: its cells by column name. */
export function importRowOf(columns: readonly string[], row: CsvRow): ImportRow {
  return { number: row.number, cells: Object.fromEntries(columns.map((name, i) => [name, row.cells[i] ?? ''])) };
}

/**
 * Every row of the file after the header, numbered as a spreadsheet numbers them (the
 * header is row 1; an empty line keeps its number and gives no row). Rejects with the
 * signal's reason when cancelled.
 */
export async function parseCsvRows(text: string, options: ParseOptions): Promise<{ columns: string[]; rows: ImportRow[] }> {
  const { columns, rows } = await parseCsvCells(text, options);
  return { columns, rows: rows.map((row) => importRowOf(columns, row)) };
}

/**
 * The same rows with their cells as read (importRowOf names them): a session judging
 * a part of the file names the cells of its own rows only.
 */
export function parseCsvCells(text: string, options: ParseOptions): Promise<{ columns: string[]; rows: CsvRow[] }> {
  const { signal, onProgress } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    let columns: string[] | null = null;
    const rows: CsvRow[] = [];
    let line = 0;
    let cancelled = false;
    Papa.parse<string[]>(text, {
      delimiter: options.delimiter,
      chunkSize: CHUNK_CHARS,
      skipEmptyLines: false,
      chunk: (results: ParseResult<string[]>, parser: Parser) => {
        for (const cells of results.data) {
          line += 1;
          if (columns === null) {
            columns = columnNames(cells);
            continue;
          }
          if (cells.every((value) => value.trim() === '')) continue;
          rows.push({ number: line, cells });
        }
        onProgress?.(Math.min(results.meta.cursor, text.length), text.length);
        if (signal?.aborted) {
          cancelled = true;
          parser.abort();
          reject(signal.reason as Error);
          return;
        }
        if (options.yieldBetweenChunks === false) return;
        parser.pause();
        void yieldToScreen().then(() => {
          if (signal?.aborted) {
            cancelled = true;
            parser.abort();
            reject(signal.reason as Error);
          } else parser.resume();
        });
      },
      complete: () => {
        if (cancelled) return;
        onProgress?.(text.length, text.length);
        resolve({ columns: columns ?? [], rows });
      },
    });
  });
}
