/**
 * The observations as GeoJSON (RFC 7946): a FeatureCollection of points, one per
 * record, at the record's own point, else at its gazetteer place. Records with
 * neither cannot be placed: they are counted and reported as left out, never put at
 * (0, 0).
 *
 * RFC 7946: positions are [longitude, latitude] (section 3.1.1), WGS 84 only, so no
 * `crs` member (section 4); coordinates are rounded to 6 decimals (about 0.1 m, more
 * than any field position holds; section 11.2 advises against false precision).
 * Properties are the columns of the CSV (observation-columns.ts), with the same
 * records and the same sensitive-field rule (export-selection.ts); values are JSON
 * numbers and strings as stored, since a GeoJSON file is data, not a spreadsheet.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Observation } from '../observations/observation-schema';
import type { Place } from '../places/place';
import { placeOf, rowValues, selectForExport } from './export-selection';
import type { ExportRequest, LeftOut } from './export-selection';
import { pointOf } from './observation-columns';
import type { ColumnValue } from './observation-columns';

export type ObservationProperties = Record<string, ColumnValue>;

export interface GeoJsonExport {
  collection: FeatureCollection<Point, ObservationProperties>;
  text: string;
  /** Features written. */
  rows: number;
  /** Records kept by the selection but without a point or a known place. */
  withoutLocation: number;
  leftOut: LeftOut;
}

/** A coordinate rounded to 6 decimals. */
export function roundCoordinate(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded;
}

export function observationsGeoJson(records: readonly Observation[], request: ExportRequest, placesById: ReadonlyMap<string, Place>): GeoJsonExport {
  const selection = selectForExport(records, request);
  const features: Feature<Point, ObservationProperties>[] = [];
  let withoutLocation = 0;
  for (const record of selection.records) {
    const place = placeOf(record, placesById);
    const point = pointOf(record, place);
    if (point === null) {
      withoutLocation++;
      continue;
    }
    const values = rowValues(selection, record, place);
    const properties: ObservationProperties = {};
    selection.columns.forEach((column, i) => {
      const value = values[i] ?? null;
      properties[column.name] = (column.name === 'latitude' || column.name === 'longitude') && typeof value === 'number' ? roundCoordinate(value) : value;
    });
    features.push({
      type: 'Feature',
      id: record.id,
      geometry: { type: 'Point', coordinates: [roundCoordinate(point.lon), roundCoordinate(point.lat)] },
      properties,
    });
  }
  const collection: FeatureCollection<Point, ObservationProperties> = { type: 'FeatureCollection', features };
  return { collection, text: JSON.stringify(collection), rows: features.length, withoutLocation, leftOut: selection.leftOut };
}
