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
import { pointOf } from './observation-columns';

export interface CsvExport {
  text: string;
  /** Data rows written (records), header not counted. */
  rows: number;
  /** Records written with neither a point nor a known place (latitude and longitude empty). */
  withoutLocation: number;
  leftOut: LeftOut;
}

export function observationsCsv(records: readonly Observation[], request: ExportRequest, placesById: ReadonlyMap<string, Place>): CsvExport {
  const selection = selectForExport(records, request);
  const header = selection.columns.map((c) => c.name);
  let withoutLocation = 0;
  const rows = selection.records.map((record) => {
    const place = placeOf(record, placesById);
    if (pointOf(record, place) === null) withoutLocation++;
    return rowValues(selection, record, place);
  });
  return { text: csvDocument([header], rows), rows: rows.length, withoutLocation, leftOut: selection.leftOut };
}
