/**
 * Movements as an HXL-tagged CSV, aggregated the way flow monitoring data is shared:
 * one row per place, local day, direction and nationality, so that it lines up with
 * flow monitoring datasets on HDX.
 *
 * HXL (Humanitarian Exchange Language): a row of hashtags under the header row.
 * Tags from the HXL 1.1 hashtag dictionary (hxlstandard.org/standard/1-1final/
 * dictionary/): `#date`; `#loc +name / +code` (a point location: our gazetteer place);
 * `#adm1 +name`; `#country +code` (HDX datasets write ISO 3166-1 alpha-3 there, as
 * `countryiso3` -> `#country+code` in OCHA's scrapers; alpha-3 here, XKX for Kosovo);
 * `#geo +lat / +lon`; `#affected` with the sex and age attributes `+f`, `+m`,
 * `+adults`, `+children` (the dictionary's own example: "#affected +f +children", the
 * number of girls), `+total`, `+unaccompanied`; `+origin` on `#country` (added to the
 * core attributes in HXL 1.1 for refugee data); `#meta +count` for how many records a
 * row sums. Direction and transport have no core hashtag: HXL's rule for our own is a
 * hashtag starting `#x_` (`#x_direction`, `#x_transport`); our own attribute
 * `+x_not_disaggregated` likewise (HXL accepts any attribute, the dictionary only
 * suggests). The HXL Working Group's tagging conventions: attribute order does not
 * matter, untagged or empty columns are allowed.
 *
 * What is counted: only records whose measure is movements (shared/reports/
 * measure-kinds.ts: persons seen moving), never site occupancy, incidents or official
 * figures; the same records as every export (export-selection.ts: no deleted, no
 * training unless asked). A group seen at four places is four rows: a row is what was
 * seen at that place that day, never "persons on the route".
 *
 * Splitting and sex/age (the export control shows the person these notes too,
 * renderer/export/export-messages-en.ts `dataExport.hxlNote.*`):
 * - A record's persons are split by nationality where it gives nationalities with
 *   counts; what the counts do not cover (total minus their sum) goes to a row with an
 *   empty origin.
 * - Sex and age (`+f/+m`, `+adults/+children`) and unaccompanied children are added
 *   only from records whose persons all fall in that row (no nationality split), as
 *   the record gives them; the persons the record does not break down, and every
 *   person of a split record, are counted in "not disaggregated". So on every row,
 *   women + men + girls + boys + not disaggregated = total. A sex/age cell is empty
 *   when no record of the row gave that figure.
 */
import countries from 'i18n-iso-countries';
import type { Observation } from '../observations/observation-schema';
import type { Place } from '../places/place';
import { measureOf } from '../reports/measure-kinds';
import { csvDocument } from './csv-text';
import { placeOf, selectForExport } from './export-selection';
import type { ExportRequest, LeftOut } from './export-selection';
import { roundCoordinate } from './observations-geojson';

/** The columns: human header, HXL hashtag. */
export const HXL_COLUMNS: readonly (readonly [string, string])[] = Object.freeze([
  ['Date', '#date'],
  ['Place', '#loc+name'],
  ['Place code', '#loc+code'],
  ['Admin 1', '#adm1+name'],
  ['Country code', '#country+code'],
  ['Latitude', '#geo+lat'],
  ['Longitude', '#geo+lon'],
  ['Direction', '#x_direction'],
  ['Transport', '#x_transport'],
  ['Nationality', '#country+origin+code'],
  ['Persons', '#affected+total'],
  ['Women', '#affected+f+adults'],
  ['Men', '#affected+m+adults'],
  ['Girls', '#affected+f+children'],
  ['Boys', '#affected+m+children'],
  ['Unaccompanied children', '#affected+children+unaccompanied'],
  ['Not disaggregated by sex and age', '#affected+x_not_disaggregated'],
  ['Records', '#meta+count'],
] as const);

export interface HxlExport {
  text: string;
  /** Data rows written (aggregated), header rows not counted. */
  rows: number;
  /** Records summed into the rows. */
  records: number;
  /** Selected records that are not movements (left out of this export by design). */
  notMovements: number;
  /** Movement records with neither a place nor a point. */
  withoutLocation: number;
  leftOut: LeftOut;
}

export interface HxlOptions {
  /** IANA time zone whose local days the rows are (the office's); default: this machine's, as the filter's days are. */
  timeZone?: string;
}

interface Row {
  date: string;
  placeName: string;
  placeCode: string;
  country: string;
  lat: number;
  lon: number;
  direction: string;
  transport: Set<string>;
  origin: string;
  total: number;
  women: number | null;
  men: number | null;
  girls: number | null;
  boys: number | null;
  unaccompanied: number | null;
  notDisaggregated: number;
  records: number;
}

/** ISO 3166-1 alpha-3 of an alpha-2 code (XK: XKX, as the nationality codes write Kosovo). */
export function alpha3(alpha2: string | null | undefined): string {
  if (!alpha2) return '';
  if (alpha2 === 'XK') return 'XKX';
  return countries.alpha2ToAlpha3(alpha2) ?? '';
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDay(iso: string, format: Intl.DateTimeFormat): string {
  const parts = format.formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const add = (current: number | null, value: number | null | undefined): number | null =>
  value === null || value === undefined ? current : (current ?? 0) + value;

export function hxlMovementsCsv(records: readonly Observation[], request: ExportRequest, placesById: ReadonlyMap<string, Place>, options: HxlOptions = {}): HxlExport {
  const selection = selectForExport(records, request);
  const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: options.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const rows = new Map<string, Row>();
  let notMovements = 0;
  let withoutLocation = 0;
  let summed = 0;

  for (const record of selection.records) {
    if (measureOf(record) !== 'movements') {
      notMovements++;
      continue;
    }
    const place = placeOf(record, placesById);
    const point = place ? { lat: place.lat, lon: place.lon } : record.location;
    if (!point) {
      withoutLocation++;
      continue;
    }
    summed++;
    const date = localDay(record.observedStart, dayFormat);
    const direction = record.movement?.direction ?? '';
    const placeKey = place ? place.id : `@${roundCoordinate(point.lat)},${roundCoordinate(point.lon)}`;
    const rowFor = (origin: string): Row => {
      const key = JSON.stringify([date, placeKey, direction, origin]);
      let row = rows.get(key);
      if (!row) {
        row = {
          date,
          placeName: place?.name ?? '',
          placeCode: place?.id ?? '',
          country: alpha3(place?.country ?? record.country),
          lat: roundCoordinate(point.lat),
          lon: roundCoordinate(point.lon),
          direction,
          transport: new Set(),
          origin,
          total: 0,
          women: null,
          men: null,
          girls: null,
          boys: null,
          unaccompanied: null,
          notDisaggregated: 0,
          records: 0,
        };
        rows.set(key, row);
      }
      row.records++;
      for (const mode of record.movement?.transportModes ?? []) row.transport.add(mode);
      return row;
    };

    const nationalities = (record.nationalities ?? []).filter((n) => n.count > 0);
    const covered = nationalities.reduce((sum, n) => sum + n.count, 0);
    const remainder = Math.max(0, record.totalPersons - covered);
    const parts = [...nationalities.map((n) => ({ origin: n.code, persons: n.count })), ...(remainder > 0 || nationalities.length === 0 ? [{ origin: '', persons: remainder }] : [])];
    if (parts.length === 1) {
      // All the record's persons are on one row: its breakdown applies to that row.
      const row = rowFor(parts[0]?.origin ?? '');
      const counts = record.counts;
      row.total += record.totalPersons;
      row.women = add(row.women, counts?.women);
      row.men = add(row.men, counts?.men);
      row.girls = add(row.girls, counts?.girls);
      row.boys = add(row.boys, counts?.boys);
      row.unaccompanied = add(row.unaccompanied, counts?.unaccompaniedChildren);
      const broken = (counts?.women ?? 0) + (counts?.men ?? 0) + (counts?.girls ?? 0) + (counts?.boys ?? 0);
      row.notDisaggregated += Math.max(0, record.totalPersons - broken);
    } else {
      for (const part of parts) {
        const row = rowFor(part.origin);
        row.total += part.persons;
        row.notDisaggregated += part.persons;
      }
    }
  }

  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.placeName.localeCompare(b.placeName) ||
      a.placeCode.localeCompare(b.placeCode) ||
      a.lat - b.lat ||
      a.lon - b.lon ||
      a.direction.localeCompare(b.direction) ||
      // The unsplit remainder (empty origin) last in its group.
      (a.origin === '' ? 1 : 0) - (b.origin === '' ? 1 : 0) ||
      a.origin.localeCompare(b.origin),
  );
  const data = sorted.map((r) => [
    r.date,
    r.placeName,
    r.placeCode,
    null,
    r.country,
    r.lat,
    r.lon,
    r.direction,
    [...r.transport].sort().join(';'),
    r.origin,
    r.total,
    r.women,
    r.men,
    r.girls,
    r.boys,
    r.unaccompanied,
    r.notDisaggregated,
    r.records,
  ]);
  const text = csvDocument([HXL_COLUMNS.map(([header]) => header), HXL_COLUMNS.map(([, tag]) => tag)], data);
  return { text, rows: data.length, records: summed, notMovements, withoutLocation, leftOut: selection.leftOut };
}
