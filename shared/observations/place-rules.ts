/**
 * Warnings where a record disagrees with what is known of its place: an office's record
 * at a place in another country, and a count far above what that place usually sees.
 * Warnings, not errors: a monitor may follow a group across a border, and a crossing may
 * see its busiest day; the person confirms and the record goes through. Pure: the screen
 * gathers the facts (the place from the gazetteer, its recent totals from the device's
 * day index) and these functions judge them, one rule each.
 */
import type { ValidationIssue } from './validation-issue';

/** What the rules need to know of the record's gazetteer place. */
export interface PlaceFacts {
  name: string;
  /** ISO 3166-1 alpha-2 (XK for Kosovo), as the gazetteer holds it. */
  country: string;
  /**
   * Total persons of the place's other records of the same kind in the
   * UNUSUAL_WINDOW_DAYS before the record's time (the record itself left out).
   */
  recentTotals: readonly number[];
}

/** How far back "usual" looks. */
export const UNUSUAL_WINDOW_DAYS = 90;
/** A count this many times the median is far above the usual. */
export const UNUSUAL_FACTOR = 10;
/** Fewer records than this say nothing about what is usual. */
export const UNUSUAL_MIN_RECORDS = 5;
/**
 * Below this many persons no count is worth a second look, whatever the median: twelve
 * people where one is usual is an ordinary evening, not a typo.
 */
export const UNUSUAL_MIN_PERSONS = 50;

/**
 * The country an office records in: its code starts with its mission, and each field
 * mission is one country (XK is Kosovo). Headquarters records anywhere: null.
 */
export function countryOfOffice(office: string): string | null {
  const mission = /^([A-Z]{2})-/.exec(office)?.[1];
  return mission === undefined || mission === 'HQ' ? null : mission;
}

/** A record of an office placed in another country (an RS-BEL record at Tabanovce, North Macedonia). */
export function officeCountryWarning(office: string, place: Pick<PlaceFacts, 'name' | 'country'> | undefined): ValidationIssue[] {
  const officeCountry = countryOfOffice(office);
  if (!place || officeCountry === null || place.country === officeCountry) return [];
  return [{ field: 'placeId', message: 'validation.placeInOtherCountry', params: { place: place.name, placeCountry: place.country, office, officeCountry } }];
}

/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * A count far above the place's usual range: with at least UNUSUAL_MIN_RECORDS records
 * of the same kind there in the last UNUSUAL_WINDOW_DAYS, a total of at least
 * UNUSUAL_MIN_PERSONS that is more than UNUSUAL_FACTOR times their median. The median,
 * not the mean, so that one earlier big day does not make every later one look usual;
 * the message says the median, the window and how many records it rests on.
 */
export function unusualCountWarning(totalPersons: number, place: Pick<PlaceFacts, 'name' | 'recentTotals'> | undefined): ValidationIssue[] {
  if (!place || place.recentTotals.length < UNUSUAL_MIN_RECORDS || totalPersons < UNUSUAL_MIN_PERSONS) return [];
  const median = medianOf(place.recentTotals);
  if (!(totalPersons > UNUSUAL_FACTOR * median)) return [];
  return [
    {
      field: 'totalPersons',
      message: 'validation.unusualCount',
      params: { total: totalPersons, place: place.name, median, days: UNUSUAL_WINDOW_DAYS, records: place.recentTotals.length, factor: UNUSUAL_FACTOR },
    },
  ];
}

/** Both place rules, for a record at a gazetteer place. */
export function placeWarnings(subject: { totalPersons: number }, office: string, place: PlaceFacts | undefined): ValidationIssue[] {
  return [...officeCountryWarning(office, place), ...unusualCountWarning(subject.totalPersons, place)];
}
