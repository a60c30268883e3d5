/**
 * The observations as CSV: one row per record, the columns of observation-columns.ts
 * (named and described there), every cell made safe for a spreadsheet
 * (spreadsheet-cell.ts), UTF-8 with a BOM (csv-text.ts).
 */
import type { Observation } from '../observations/observation-schema';
import type { Place } from '../places/place';
import { csvDocument } from './csv-text';
import { placeOf, rowValues, selectForExport } from './export-selection';
import type { ExportRequest, LeftOut } from './export-selection';

export interface CsvExport {
  text: string;
  /** Data rows written (records), header not counted. */
  rows: number;
  leftOut: LeftOut;
}

export function observationsCsv(records: readonly Observation[], request: ExportRequest, placesById: ReadonlyMap<string, Place>): CsvExport {
  const selection = selectForExport(records, request);
  const header = selection.columns.map((c) => c.name);
  const rows = selection.records.map((record) => rowValues(selection, record, placeOf(record, placesById)));
  return { text: csvDocument([header], rows), rows: rows.length, leftOut: selection.leftOut };
}
