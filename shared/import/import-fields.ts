/**
 * What an import maps: the fields of a record that a column (or a GeoJSON property)
 * can fill, the defaults for what the file does not say, and a first guess of the
 * mapping from the column names. Partners' and official figures are the usual files,
 * so the defaults make them `secondary_source` records counted as `official_figure`.
 */
import type { CountMethod, ObservationKind, SourceType } from '../observations/codelists';
import { foldForSearch } from '../places/place-search';

export const IMPORT_FIELDS = [
  'date',
  'place',
  'latitude',
  'longitude',
  'persons',
  'direction',
  'nationality',
  'men',
  'women',
  'boys',
  'girls',
  'kind',
  'countMethod',
  'sourceType',
  'sourceName',
  'summary',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Day and month in a date such as 03/04/2015: which comes first. ISO dates are read as ISO whatever this says. */
export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface ImportDefaults {
  kind: ObservationKind;
  countMethod: CountMethod;
  sourceType: SourceType | null;
  /** Who published the figures, when no column says: "Ministry of Interior", "UNHCR". */
  sourceName: string;
  dateOrder: DateOrder;
}

export interface ImportMapping {
  /** For each field, the column (or property) that fills it; absent: not in the file. */
  columns: Partial<Record<ImportField, string>>;
  defaults: ImportDefaults;
  /**
   * Place names the gazetteer did not match, as the user settled them, keyed by the
   * folded name (`foldForSearch`): a place id, or null to skip the rows naming it.
   */
  places: Readonly<Record<string, string | null>>;
  /**
   * Nationality words no code, country name or demonym matched, as the user settled
   * them, keyed by the folded word (`nationalityKey`): an alpha-3 code, or null to skip
   * the rows giving it. Absent: none settled.
   */
  nationalities?: Readonly<Record<string, string | null>>;
}

export const DEFAULT_IMPORT_DEFAULTS: ImportDefaults = {
  kind: 'secondary_source',
  countMethod: 'official_figure',
  sourceType: 'authorities',
  sourceName: '',
  dateOrder: 'dmy',
};

/**
 * Column names that say which field they hold, folded (lower case, no diacritics,
 * Cyrillic as Latin): English, and the Serbian, Croatian, Bosnian and Macedonian words
 * partners' spreadsheets use.
 */
const FIELD_WORDS: Readonly<Record<ImportField, readonly string[]>> = {
  date: ['date', 'day', 'datum', 'dan', 'datum i vreme'],
  place: ['place', 'location', 'site', 'place name', 'mesto', 'mjesto', 'lokacija', 'lokalitet', 'naziv mesta'],
  latitude: ['lat', 'latitude', 'y', 'geografska sirina'],
  longitude: ['lon', 'lng', 'long', 'longitude', 'x', 'geografska duzina'],
  persons: ['persons', 'total', 'count', 'people', 'number', 'individuals', 'broj', 'broj osoba', 'ukupno', 'broj lica', 'lica', 'osobe'],
  direction: ['direction', 'smer', 'smjer', 'pravac'],
  nationality: ['nationality', 'citizenship', 'country of origin', 'origin', 'drzavljanstvo', 'nacionalnost'],
  men: ['men', 'male', 'males', 'muskarci'],
  women: ['women', 'female', 'females', 'zene'],
  boys: ['boys', 'decaci', 'djecaci'],
  girls: ['girls', 'devojcice', 'djevojcice'],
  kind: ['kind', 'record kind', 'vrsta'],
  countMethod: ['count method', 'method', 'metod', 'metoda'],
  sourceType: ['source type', 'tip izvora', 'vrsta izvora'],
  sourceName: ['source', 'source name', 'publisher', 'izvor', 'naziv izvora'],
  summary: ['summary', 'note', 'notes', 'comment', 'remarks', 'napomena', 'opis'],
};

/** A first mapping: each field to the first column whose name says it, each column used once. */
export function guessColumns(columnNames: readonly string[]): Partial<Record<ImportField, string>> {
  const folded = columnNames.map((name) => foldForSearch(name));
  const used = new Set<number>();
  const columns: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const words = FIELD_WORDS[field];
    const index = folded.findIndex((name, i) => !used.has(i) && words.includes(name));
    const column = columnNames[index];
    if (index >= 0 && column !== undefined) {
      used.add(index);
      columns[field] = column;
    }
  }
  return columns;
}
