/**
 * The one module that writes XLSX files: everything else hands it sheets of safe cells
 * (shared/export/spreadsheet-cell.ts), so that the library behind it can be changed
 * here alone.
 *
 * The library: write-excel-file (npm, MIT, by the author of read-excel-file). Chosen
 * because it is maintained (its 3.x and 4.x releases are dated 2026 on the registry
 * here; latest 4.1.1), small (one dependency, fflate, itself maintained), runs the same
 * in the browser, Electron's renderer and Node (the `universal` build writes a Blob, so
 * the unit test writes and opens the real file), and types each cell by what it holds:
 * a number is a number cell, a Date a date cell, a string a shared-string cell, never
 * a formula unless asked for. Not ExcelJS: unmaintained since 2024 (latest 4.4.0, its
 * releases dated December 2024 here, only a 4.4.1 prerelease since) and it pulls nine
 * dependencies (archiver, unzipper, ...). Not SheetJS: the npm `xlsx` package stops at
 * 0.18.5 and its newer builds are not on the npm registry, so they cannot be installed
 * or audited the usual way. Checked with `npm view <pkg> time --json`; this registry
 * mirror's dates are not in version order, so they tell a release's year, not its day.
 *
 * XLSX is XML: characters XML 1.0 cannot hold (most C0 controls, lone surrogates) are
 * dropped here, and the text is neutralised again afterwards, so that dropping one
 * never brings a formula character to the front.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Cell, Row, Sheet } from 'write-excel-file/universal';
import { neutraliseText } from '../../shared/export/spreadsheet-cell';
import type { SafeCell } from '../../shared/export/spreadsheet-cell';

export interface XlsxSheet {
  /** At most 31 characters, none of []:*?/\ (Excel's rule). */
  name: string;
  rows: readonly (readonly SafeCell[])[];
  /** Widths in characters, column by column. */
  columnWidths?: readonly number[];
  /** Rows kept in view when scrolling (the header). */
  frozenRows?: number;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Longest text Excel holds in a cell. */
const MAX_CELL_TEXT = 32_767;
/** Dates are written as UTC instants; the header says so. */
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

// eslint-disable-next-line no-control-regex -- the point is to find the control characters XML forbids.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text XML can hold, still unable to start a formula. */
export function xlsxText(text: string): string {
  return neutraliseText(text.replace(XML_INVALID, '').slice(0, MAX_CELL_TEXT));
}

function toCell(cell: SafeCell): Cell {
  switch (cell.type) {
    case 'empty':
      return null;
    case 'number':
      return { value: cell.value, type: Number };
    case 'text':
      return { value: xlsxText(cell.value), type: String };
    case 'date':
      return { value: cell.value, type: Date, format: DATE_FORMAT };
    case 'boolean':
      return { value: cell.value, type: Boolean };
    default:
      return assertNever(cell);
  }
}

export async function writeXlsx(sheets: readonly XlsxSheet[]): Promise<Blob> {
  const written: Sheet<Blob>[] = sheets.map((sheet) => ({
    sheet: sheet.name,
    data: sheet.rows.map((row): Row => row.map(toCell)),
    ...(sheet.columnWidths ? { columns: sheet.columnWidths.map((width) => ({ width })) } : {}),
    ...(sheet.frozenRows ? { stickyRowsCount: sheet.frozenRows } : {}),
  }));
  const blob = await writeXlsxFile(written).toBlob();
  // The library's Blob carries no type; the download needs one.
  return new Blob([blob], { type: XLSX_MIME });
}

function assertNever(value: never): never {
  throw new Error(`unhandled cell: ${JSON.stringify(value)}`);
}
