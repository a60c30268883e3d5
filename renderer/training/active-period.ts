/**
 * The gazetteer's `active` column: the years a place was in use, written `2015-2016`,
 * `2018-` (still in use), `2015` (that year only) or left empty (always).
 */
import type { Place } from '../../shared/places/place';

export interface ActivePeriod {
  /** First year in use, or null when open at the start. */
  fromYear: number | null;
  /** Last year in use (included), or null when still in use. */
  toYear: number | null;
}

const PERIOD = /^(\d{4})?\s*(-)?\s*(\d{4})?$/;

/** The period of an `active` value, or null when it cannot be read. */
export function parseActivePeriod(active: string): ActivePeriod | null {
  const text = active.trim();
  if (text === '') return { fromYear: null, toYear: null };
  const match = PERIOD.exec(text);
  if (!match) return null;
  const [, from, dash, to] = match;
  const fromYear = from === undefined ? null : Number(from);
  const toYear = to === undefined ? (dash === undefined ? fromYear : null) : Number(to);
  if (fromYear !== null && toYear !== null && toYear < fromYear) return null;
  return { fromYear, toYear };
}

/** Whether the place was in use in the (UTC) year of `ms`. A period that cannot be read counts as never. */
export function isPlaceActiveAt(place: Pick<Place, 'active'>, ms: number): boolean {
  const period = parseActivePeriod(place.active);
  if (period === null) return false;
  const year = new Date(ms).getUTCFullYear();
  return (period.fromYear === null || year >= period.fromYear) && (period.toYear === null || year <= period.toYear);
}
