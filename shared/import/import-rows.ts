/**
 * From the rows of a file and the user's mapping to record candidates judged by the
 * shared rules (shared/observations/observation-rules.ts, as the form and the server
 * judge them), each with its import id (import-id.ts). Pure: the screen shows the
 * plan as the report before anything is written, and the store writes only its ready
 * rows.
 */
import type { Mission } from '../observations/codelists';
import { missionOfOffice } from '../observations/new-observation';
import type { Counts, Movement, Source } from '../observations/observation-detail-schemas';
import { checkObservationInput } from '../observations/observation-rules';
import type { ValidationIssue } from '../observations/observation-rules';
import type { ObservationInput, Wgs84Point } from '../observations/observation-schema';
import type { Place } from '../places/place';
import type { ImportField, ImportMapping } from './import-fields';
import { importId } from './import-id';
import {
  readCoordinate,
  readCount,
  readCountMethod,
  readDate,
  readDirection,
  readKind,
  readNationality,
  readPersons,
  readSourceType,
} from './import-values';
import type { ImportReason, Read } from './import-values';
import { foldForSearch } from '../places/place-search';
import { isNationalityCode } from '../observations/nationalities';
import { nationalityKey } from './nationality-words';
import { placeNameKey } from './place-matcher';
import type { PlaceMatcher } from './place-matcher';

/** One row of a file: its number as a spreadsheet shows it (the header is row 1), its cells by column name. */
export interface ImportRow {
  readonly number: number;
  readonly cells: Readonly<Record<string, string>>;
  /** A point the file gives outside the cells (a GeoJSON feature's geometry). */
  readonly point?: Wgs84Point;
}

export interface RowContext {
  readonly mapping: ImportMapping;
  readonly matcher: PlaceMatcher;
  readonly placesById: ReadonlyMap<string, Place>;
  /** The importing office: its mission judges the area warning, and it is part of the id. */
  readonly office: string;
  readonly nowMs: number;
}

/** Why a row is not imported, or what to look at in one that is: `message` is an i18n key. */
export type RowIssue = ValidationIssue;

export interface ReadyRow {
  readonly number: number;
  readonly id: string;
  readonly candidate: ObservationInput;
  readonly warnings: readonly RowIssue[];
}

export interface ImportPlan {
  ready: ReadyRow[];
  rejected: { number: number; issues: RowIssue[] }[];
  /** Rows naming a place the user chose to skip. */
  skipped: number[];
  /** Rows giving a nationality word the user chose to skip. */
  skippedNationality: number[];
  /** Rows the file holds twice: the later row, and the row it repeats. */
  repeated: { number: number; sameAs: number }[];
  /** Names the gazetteer did not match and the user has not settled, with how many rows name them. */
  unmatchedPlaces: UnmatchedName[];
  /** Nationality words no code, country name or demonym matched, as unmatchedPlaces. */
  unmatchedNationalities: UnmatchedName[];
}

/** A name the file gives that the user must settle, under its folded key, with how many rows give it. */
export interface UnmatchedName {
  name: string;
  key: string;
  rows: number;
}

const cell = (row: ImportRow, mapping: ImportMapping, field: ImportField): string => {
  const column = mapping.columns[field];
  // Own cells only: a column named "constructor" must not read Object.prototype's.
  return column === undefined || !Object.hasOwn(row.cells, column) ? '' : (row.cells[column] ?? '');
};

type Outcome =
  | { kind: 'ready'; row: ReadyRow }
  | { kind: 'rejected'; issues: RowIssue[] }
  | { kind: 'skipped'; by: 'place' | 'nationality' }
  | { kind: 'unmatched'; place: string | null; nationality: string | null };

type Settled<T> = Read<T> | { skip: true } | { unmatched: string };

function placeOf(row: ImportRow, context: RowContext): Settled<Place | null> {
  const name = cell(row, context.mapping, 'place').trim();
  if (name === '') return { ok: true, value: null };
  const matched = context.matcher.match(name);
  if (matched) return { ok: true, value: matched };
  const key = placeNameKey(name);
  if (!Object.hasOwn(context.mapping.places, key)) return { unmatched: name };
  const chosen = context.mapping.places[key];
  if (chosen === null || chosen === undefined) return { skip: true };
  const place = context.placesById.get(chosen);
  return place ? { ok: true, value: place } : { ok: false, reason: 'import.reason.placeUnmatched' };
}

/** The row's nationality: by code, country name or demonym, else as the user settled the word. */
function nationalityOf(row: ImportRow, context: RowContext): Settled<string | null> {
  const text = cell(row, context.mapping, 'nationality');
  const read = readNationality(text);
  if (read.ok) return read;
  const key = nationalityKey(text);
  const answers = context.mapping.nationalities ?? {};
  if (!Object.hasOwn(answers, key)) return { unmatched: text.trim() };
  const chosen = answers[key];
  if (chosen === null || chosen === undefined) return { skip: true };
  // The answer comes from the screen's list of codes; a forged one is refused, not stored.
  return isNationalityCode(chosen) ? { ok: true, value: chosen } : { ok: false, reason: 'import.reason.nationalityUnknown' };
}

function pointOf(row: ImportRow, context: RowContext): Read<Wgs84Point | null> {
  if (row.point) return { ok: true, value: row.point };
  const lat = readCoordinate(cell(row, context.mapping, 'latitude'));
  const lon = readCoordinate(cell(row, context.mapping, 'longitude'));
  if (!lat.ok) return lat;
  if (!lon.ok) return lon;
  if (lat.value === null || lon.value === null) return { ok: true, value: null };
  if (Math.abs(lat.value) > 90 || Math.abs(lon.value) > 180) return { ok: false, reason: 'import.reason.coordinatesOutOfRange' };
  return { ok: true, value: { lat: lat.value, lon: lon.value } };
}

/** One row to a candidate, or why not. */
function judgeRow(row: ImportRow, context: RowContext & { fold: (text: string) => string }, mission: Mission): Outcome {
  const { mapping } = context;
  const { defaults } = mapping;
  const issues: RowIssue[] = [];
  const take = <T>(field: string, read: Read<T>, fallback: T): T => {
    if (read.ok) return read.value;
    issues.push({ field, message: read.reason });
    return fallback;
  };
  const place = placeOf(row, context);
  const nationalityRead = nationalityOf(row, context);
  if ('skip' in place) return { kind: 'skipped', by: 'place' };
  if ('skip' in nationalityRead) return { kind: 'skipped', by: 'nationality' };
  if ('unmatched' in place || 'unmatched' in nationalityRead) {
    return { kind: 'unmatched', place: 'unmatched' in place ? place.unmatched : null, nationality: 'unmatched' in nationalityRead ? nationalityRead.unmatched : null };
  }
  const date = take('observedStart', readDate(cell(row, mapping, 'date'), defaults.dateOrder), null);
  const gazetteer = take('placeId', place, null);
  const point = take('location', pointOf(row, context), null);
  const totalPersons = take('totalPersons', readPersons(cell(row, mapping, 'persons')), 0);
  const direction = take('movement.direction', readDirection(cell(row, mapping, 'direction')), null);
  const nationality = take('nationalities', nationalityRead, null);
  const kind = take('kind', readKind(cell(row, mapping, 'kind')), null) ?? defaults.kind;
  const method = take('counts.method', readCountMethod(cell(row, mapping, 'countMethod')), null) ?? defaults.countMethod;
  const sourceType = take('source.type', readSourceType(cell(row, mapping, 'sourceType')), null) ?? defaults.sourceType;
  const [men, women, boys, girls] = (['men', 'women', 'boys', 'girls'] as const).map((field) => take(`counts.${field}`, readCount(cell(row, mapping, field)), null));
  if (gazetteer === null && point === null && !issues.some((issue) => issue.field === 'placeId' || issue.field === 'location')) {
    issues.push({ field: 'placeId', message: 'import.reason.placeMissing' satisfies ImportReason });
  }
  if (issues.length > 0 || date === null) return { kind: 'rejected', issues };

  const counts: Counts = { men: men ?? null, women: women ?? null, boys: boys ?? null, girls: girls ?? null, unaccompaniedChildren: null, separatedChildren: null, method, min: null, max: null };
  const movement: Movement | undefined =
    direction === null
      ? undefined
      : { direction, fromPlaceId: null, fromCountry: null, toPlaceId: null, toCountry: null, intendedCountry: null, transportModes: [], crossingType: null, facilitator: null };
  const sourceName = cell(row, mapping, 'sourceName').trim() || defaults.sourceName.trim();
  const source: Source = { type: sourceType, name: sourceName === '' ? null : sourceName, reliability: null, credibility: null };
  const candidate: ObservationInput = {
    kind,
    observedStart: date.observedStart,
    ...(date.dayOnly ? { timePrecision: 'day' as const } : {}),
    placeId: gazetteer?.id ?? null,
    location: point ?? (gazetteer ? { lat: gazetteer.lat, lon: gazetteer.lon } : null),
    locationMethod: point !== null ? 'typed' : 'gazetteer',
    ...(gazetteer ? { country: gazetteer.country } : {}),
    totalPersons,
    summary: cell(row, mapping, 'summary').trim(),
    counts,
    ...(movement ? { movement } : {}),
    ...(nationality === null ? {} : { nationalities: [{ code: nationality, count: totalPersons, basis: 'documented' as const }] }),
    source,
  };
  const check = checkObservationInput(candidate, context.nowMs, mission);
  if (!check.ok) return { kind: 'rejected', issues: check.issues };
  // The id is of the content as normalised: the date as the file meant it, and free text
  // folded (case, diacritics, script), so "MUP" in one file and "муп" in another, or a
  // Cyrillic source name beside its Latin spelling, are the same figures.
  const normalised = {
    ...check.value,
    observedStart: date.key,
    summary: check.value.summary === '' ? '' : foldForSearch(check.value.summary),
    source: { ...source, name: source.name === null ? null : context.fold(source.name) },
  };
  const id = importId(normalised, context.office, date.wallMs);
  return { kind: 'ready', row: { number: row.number, id, candidate: check.value, warnings: [...check.warnings, ...swappedWarning(row.point ?? point)] } };
}

/** The Western Balkans route, roughly: where a point is expected. */
export const REGION = { minLat: 39, maxLat: 47, minLon: 13, maxLon: 24 } as const;

const inside = (lat: number, lon: number): boolean => lat >= REGION.minLat && lat <= REGION.maxLat && lon >= REGION.minLon && lon <= REGION.maxLon;

/** A point outside the region whose coordinates swapped would be inside it: latitude and longitude likely swapped. */
export function looksSwapped(point: Wgs84Point): boolean {
  return !inside(point.lat, point.lon) && inside(point.lon, point.lat);
}

function swappedWarning(point: Wgs84Point | null): RowIssue[] {
  return point && looksSwapped(point) ? [{ field: 'location', message: 'import.warning.swappedCoordinates' }] : [];
}

/** How often `planImport` reports its progress, in rows. */
export const PLAN_PROGRESS_ROWS = 2000;

function countName(names: Map<string, UnmatchedName>, name: string, key: string): void {
  const entry = names.get(key) ?? { name, key, rows: 0 };
  entry.rows += 1;
  names.set(key, entry);
}

/**
 * Judge every row: what would be imported, what not and why, and which place names and
 * nationality words need the user. `onProgress` hears the rows judged so far, every
 * PLAN_PROGRESS_ROWS rows (the import worker posts it to the screen's progress bar).
 */
export function planImport(rows: Iterable<ImportRow>, context: RowContext, onProgress?: (judged: number) => void): ImportPlan {
  const mission = missionOfOffice(context.office);
  // Source names repeat on every row of a file: folded once each.
  const folded = new Map<string, string>();
  const fold = (text: string): string => {
    let key = folded.get(text);
    if (key === undefined) {
      key = foldForSearch(text);
      if (folded.size < 10_000) folded.set(text, key);
    }
    return key;
  };
  const judging = { ...context, fold };
  const plan: ImportPlan = { ready: [], rejected: [], skipped: [], skippedNationality: [], repeated: [], unmatchedPlaces: [], unmatchedNationalities: [] };
  const firstRowOf = new Map<string, number>();
  const unmatchedPlaces = new Map<string, UnmatchedName>();
  const unmatchedNationalities = new Map<string, UnmatchedName>();
  let judged = 0;
  for (const row of rows) {
    const outcome = judgeRow(row, judging, mission);
    if (outcome.kind === 'skipped') (outcome.by === 'place' ? plan.skipped : plan.skippedNationality).push(row.number);
    else if (outcome.kind === 'rejected') plan.rejected.push({ number: row.number, issues: outcome.issues });
    else if (outcome.kind === 'unmatched') {
      if (outcome.place !== null) countName(unmatchedPlaces, outcome.place, placeNameKey(outcome.place));
      if (outcome.nationality !== null) countName(unmatchedNationalities, outcome.nationality, nationalityKey(outcome.nationality));
    } else {
      const sameAs = firstRowOf.get(outcome.row.id);
      if (sameAs === undefined) {
        firstRowOf.set(outcome.row.id, row.number);
        plan.ready.push(outcome.row);
      } else plan.repeated.push({ number: row.number, sameAs });
    }
    judged += 1;
    if (onProgress && judged % PLAN_PROGRESS_ROWS === 0) onProgress(judged);
  }
  plan.unmatchedPlaces = [...unmatchedPlaces.values()];
  plan.unmatchedNationalities = [...unmatchedNationalities.values()];
  onProgress?.(judged);
  return plan;
}
