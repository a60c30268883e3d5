/**
 * Reading one cell of a partner's file as a value of the record: dates as offices
 * write them, head counts with thousands separators, and codelist values by code or
 * by a common word. Each reader returns the value, or the i18n key of why it could not
 * (`import.reason.*`), so that the report says it in words.
 */
import {
  COUNT_METHODS,
  DIRECTIONS,
  OBSERVATION_KINDS,
  SOURCE_TYPES,
} from '../observations/codelists';
import type { CountMethod, Direction, ObservationKind, SourceType } from '../observations/codelists';
import { MAX_PERSONS } from '../observations/observation-detail-schemas';
import { foldForSearch } from '../places/place-search';
import type { DateOrder } from './import-fields';
import { matchNationality } from './nationality-words';

export type ImportReason =
  | 'import.reason.dateMissing'
  | 'import.reason.dateUnreadable'
  | 'import.reason.personsMissing'
  | 'import.reason.personsUnreadable'
  | 'import.reason.countUnreadable'
  | 'import.reason.placeMissing'
  | 'import.reason.placeUnmatched'
  | 'import.reason.placeSkipped'
  | 'import.reason.coordinatesUnreadable'
  | 'import.reason.coordinatesOutOfRange'
  | 'import.reason.directionUnknown'
  | 'import.reason.nationalityUnknown'
  | 'import.reason.kindUnknown'
  | 'import.reason.countMethodUnknown'
  | 'import.reason.sourceTypeUnknown'
  | 'import.reason.notAPoint';

export type Read<T> = { ok: true; value: T } | { ok: false; reason: ImportReason };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(reason: ImportReason): Read<T> => ({ ok: false, reason });

/**
 * A date as written in the file, read. `key` is the date as the file meant it, in one
 * form whatever the spelling ("21.10.2015" and "2015-10-21" give "2015-10-21"): what a
 * record's import id is made from, so that the id does not depend on the device's time
 * zone. `wallMs` is that date (and time) read as UTC: the id's time-ordered part.
 */
export interface ReadDate {
  observedStart: string;
  dayOnly: boolean;
  key: string;
  wallMs: number;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const DOTTED_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A date or date and time. Without an offset it is the device's local time, as the
 * capture form reads a typed time (the office's local day); a date alone is the start
 * of that local day, with day precision.
 */
export function readDate(text: string, order: DateOrder): Read<ReadDate> {
  const value = text.trim();
  if (value === '') return no('import.reason.dateMissing');
  let year: number, month: number, day: number, hour: number | null, minute: number, second: number, offset: string | null;
  const iso = ISO_DATE.exec(value);
  const dotted = iso ? null : DOTTED_DATE.exec(value);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    hour = iso[4] === undefined ? null : Number(iso[4]);
    [minute, second] = [Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
    offset = iso[7] ?? null;
  } else if (dotted) {
    const [a, b] = [Number(dotted[1]), Number(dotted[2])];
    [day, month] = order === 'dmy' ? [a, b] : [b, a];
    year = Number(dotted[3]);
    hour = dotted[4] === undefined ? null : Number(dotted[4]);
    [minute, second] = [Number(dotted[5] ?? 0), Number(dotted[6] ?? 0)];
    offset = null;
  } else {
    return no('import.reason.dateUnreadable');
  }
  if (!validDay(year, month, day) || (hour !== null && (hour > 23 || minute > 59 || second > 59))) return no('import.reason.dateUnreadable');
  const dayKey = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (hour === null) {
    return ok({ observedStart: new Date(year, month - 1, day).toISOString(), dayOnly: true, key: dayKey, wallMs: Date.UTC(year, month - 1, day) });
  }
  const wall = `${dayKey}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  if (offset !== null) {
    const zone = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
    const ms = Date.parse(`${wall}${zone}`);
    if (Number.isNaN(ms)) return no('import.reason.dateUnreadable');
    const instant = new Date(ms).toISOString();
    return ok({ observedStart: instant, dayOnly: false, key: instant, wallMs: ms });
  }
  const local = new Date(year, month - 1, day, hour, minute, second);
  return ok({ observedStart: local.toISOString(), dayOnly: false, key: wall, wallMs: Date.UTC(year, month - 1, day, hour, minute, second) });
}

const PLAIN_COUNT = /^\d+$/;
/** 6,500 or 6.500 or 6 500 (also with a no-break or thin space) or 6'500: groups of three. */
const GROUPED_COUNT = /^\d{1,3}(?:([,. '\u00a0\u202f])\d{3})(?:\1\d{3})*$/;

/** A head count: a whole number, its thousands grouped or not. Empty: null. */
export function readCount(text: string, unreadable: ImportReason = 'import.reason.countUnreadable'): Read<number | null> {
  const value = text.trim();
  if (value === '') return ok(null);
  if (!PLAIN_COUNT.test(value) && !GROUPED_COUNT.test(value)) return no(unreadable);
  const n = Number(value.replace(/\D/g, ''));
  return Number.isSafeInteger(n) && n <= MAX_PERSONS ? ok(n) : no(unreadable);
}

/** The total: a head count that must be there. */
export function readPersons(text: string): Read<number> {
  const read = readCount(text, 'import.reason.personsUnreadable');
  if (!read.ok) return read;
  return read.value === null ? no('import.reason.personsMissing') : ok(read.value);
}

/** Words for a direction beside its code, folded: English and the region's languages. */
const DIRECTION_WORDS: Readonly<Record<string, Direction>> = {
  in: 'incoming',
  entry: 'incoming',
  entries: 'incoming',
  entering: 'incoming',
  arrival: 'incoming',
  arrivals: 'incoming',
  ulaz: 'incoming',
  ulazak: 'incoming',
  ulazi: 'incoming',
  out: 'outgoing',
  exit: 'outgoing',
  exits: 'outgoing',
  exiting: 'outgoing',
  departure: 'outgoing',
  departures: 'outgoing',
  izlaz: 'outgoing',
  izlazak: 'outgoing',
  izlazi: 'outgoing',
  pushback: 'returned_pushed_back',
  returned: 'returned_pushed_back',
};

function codeOf<T extends string>(codes: readonly T[], text: string): T | undefined {
  const key = foldForSearch(text).replace(/ /g, '_');
  return codes.find((code) => code === key);
}

/** A direction by code ("incoming") or word ("Entry", "Ulaz", "Улаз"). Empty: null. */
export function readDirection(text: string): Read<Direction | null> {
  if (text.trim() === '') return ok(null);
  const found = codeOf(DIRECTIONS, text) ?? DIRECTION_WORDS[foldForSearch(text)];
  return found ? ok(found) : no('import.reason.directionUnknown');
}

/**
 * A nationality by its alpha-3 code (as stored), its alpha-2 code, or a country name or
 * demonym in English or the region's languages (nationality-words.ts). Empty: null.
 */
export function readNationality(text: string): Read<string | null> {
  if (text.trim() === '') return ok(null);
  const code = matchNationality(text);
  return code === null ? no('import.reason.nationalityUnknown') : ok(code);
}

export function readKind(text: string): Read<ObservationKind | null> {
  if (text.trim() === '') return ok(null);
  const found = codeOf(OBSERVATION_KINDS, text);
  return found ? ok(found) : no('import.reason.kindUnknown');
}

export function readCountMethod(text: string): Read<CountMethod | null> {
  if (text.trim() === '') return ok(null);
  const found = codeOf(COUNT_METHODS, text);
  return found ? ok(found) : no('import.reason.countMethodUnknown');
}

/** Words for a source type beside its code, folded. */
const SOURCE_TYPE_WORDS: Readonly<Record<string, SourceType>> = {
  authority: 'authorities',
  government: 'authorities',
  police: 'authorities',
  ministry: 'authorities',
  moi: 'authorities',
  un: 'un_or_international_organisation',
  unhcr: 'un_or_international_organisation',
  iom: 'un_or_international_organisation',
  international_organisation: 'un_or_international_organisation',
  ngo: 'ngo',
};

export function readSourceType(text: string): Read<SourceType | null> {
  if (text.trim() === '') return ok(null);
  const found = codeOf(SOURCE_TYPES, text) ?? SOURCE_TYPE_WORDS[foldForSearch(text).replace(/ /g, '_')];
  return found ? ok(found) : no('import.reason.sourceTypeUnknown');
}

/** A coordinate in decimal degrees, with a point or a comma as the decimal mark. */
export function readCoordinate(text: string): Read<number | null> {
  const value = text.trim();
  if (value === '') return ok(null);
  if (!/^[+-]?\d{1,3}(?:[.,]\d+)?$/.test(value)) return no('import.reason.coordinatesUnreadable');
  return ok(Number(value.replace(',', '.')));
}
