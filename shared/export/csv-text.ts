/**
 * CSV text of safe cells, written by PapaParse's `unparse` (RFC 4180 quoting, CRLF
 * line ends), never by joining strings by hand.
 *
 * UTF-8 with a byte order mark: Excel opens a CSV without one in the machine's ANSI
 * code page (Windows-1250/1252 in the region), which turns Cyrillic (Суботица) and
 * Latin letters with diacritics (Šid) into mojibake; with the BOM it reads UTF-8.
 * LibreOffice and PapaParse itself skip the mark.
 */
import Papa from 'papaparse';
import { csvText, safeCell } from './spreadsheet-cell';

export const UTF8_BOM = '\uFEFF';

/** The header rows (written as given; they are ours) and the data rows, every cell made safe. */
export function csvDocument(headerRows: readonly (readonly string[])[], rows: readonly (readonly unknown[])[]): string {
  const data: string[][] = [
    ...headerRows.map((row) => row.map((cell) => csvText(safeCell(cell)))),
    ...rows.map((row) => row.map((cell) => csvText(safeCell(cell)))),
  ];
  // escapeFormulae stays off: the cells are already neutralised (spreadsheet-cell.ts),
  // and Papa's own rule would add a second quote or miss cases.
  return UTF8_BOM + Papa.unparse(data, { header: false, newline: '\r\n', escapeFormulae: false });
}
