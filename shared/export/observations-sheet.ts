/**
 * The observations as a spreadsheet sheet (for the XLSX export): the columns and
 * records of the CSV, each cell made safe (spreadsheet-cell.ts), numbers as numbers
 * and instants as dates, so that a spreadsheet sums and sorts them without parsing.
 */
import type { Observation } from '../observations/observation-schema';
import type { Place } from '../places/place';
import { placeOf, rowValues, selectForExport } from './export-selection';
import type { ExportRequest, LeftOut } from './export-selection';
import { pointOf } from './observation-columns';
import type { ObservationColumn } from './observation-columns';
import { safeCell } from './spreadsheet-cell';
import type { SafeCell } from './spreadsheet-cell';

export interface ObservationsSheet {
  columns: readonly ObservationColumn[];
  /** The header row, then one row per record. */
  rows: SafeCell[][];
  /** Records written. */
  records: number;
  /** Records written without a point or a known place (latitude and longitude empty). */
  withoutLocation: number;
  leftOut: LeftOut;
}

export function observationsSheet(records: readonly Observation[], request: ExportRequest, placesById: ReadonlyMap<string, Place>): ObservationsSheet {
  const selection = selectForExport(records, request);
  const header = selection.columns.map((c) => safeCell(c.name));
  let withoutLocation = 0;
  const rows = selection.records.map((record) => {
    const place = placeOf(record, placesById);
    if (pointOf(record, place) === null) withoutLocation++;
    const values = rowValues(selection, record, place);
    return selection.columns.map((column, i) => {
      const value = values[i] ?? null;
      return column.type === 'instant' && typeof value === 'string' ? safeCell(new Date(value)) : safeCell(value);
    });
  });
  return { columns: selection.columns, rows: [header, ...rows], records: rows.length, withoutLocation, leftOut: selection.leftOut };
}
