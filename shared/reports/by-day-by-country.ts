/**
 * Persons seen moving per local day, one series per country of the place where they were
 * seen (the gazetteer place's country, else the record's own, else unknown: null), for
 * the report's chart with one line per country. Every day of the period is present,
 * zeros included, so a line drops to 0 on a day nobody was seen rather than skipping it.
 * Over the movements measure: a group seen in two countries is in both lines, and the
 * lines of a day add up to movements.byDay's figure of that day.
 */
import { startOf } from './report-record';
import type { ReportRecord } from './report-record';
import type { Figure } from './figure';
import { addTo, emptyFigure } from './figure';
import { measureOf } from './measure-kinds';
import type { PlaceFacts } from './movements';
import { localDayAt } from './report-period';

export interface CountrySeries {
  /** ISO 3166-1 alpha-2; null where neither the place nor the record says. */
  country: string | null;
  /** Persons per day, one per `days` entry. */
  values: number[];
  /** The series' whole period, with its records. */
  total: Figure;
}

export interface ByDayByCountry {
  /** Every local day of the period, ascending. */
  days: string[];
  /** Most persons first, then by code; unknown last. */
  series: CountrySeries[];
  /** Every country together, per day. */
  totals: number[];
}

export function countryOf(record: ReportRecord, places: ReadonlyMap<string, PlaceFacts>): string | null {
  const facts = record.placeId === null ? undefined : places.get(record.placeId);
  return facts?.country ?? record.country ?? null;
}

export function byDayByCountryOf(
  records: readonly ReportRecord[],
  days: readonly string[],
  places: ReadonlyMap<string, PlaceFacts>,
  timeZone: string,
): ByDayByCountry {
  const dayIndex = new Map(days.map((day, i) => [day, i]));
  const totals = days.map(() => 0);
  const byCountry = new Map<string | null, CountrySeries & { places: Set<string | null> }>();
  for (const record of records) {
    if (measureOf(record) !== 'movements') continue;
    const i = dayIndex.get(localDayAt(startOf(record), timeZone));
    // A record outside the period's days is not the caller's period: left out.
    if (i === undefined) continue;
    const country = countryOf(record, places);
    let series = byCountry.get(country);
    if (series === undefined) {
      series = { country, values: days.map(() => 0), total: emptyFigure('movementsInCountry'), places: new Set() };
      byCountry.set(country, series);
    }
    const persons = record.totalPersons;
    series.values[i] = (series.values[i] ?? 0) + persons;
    totals[i] = (totals[i] ?? 0) + persons;
    addTo(series.total, record, persons);
    series.places.add(record.placeId);
  }
  const series = [...byCountry.values()]
    .map(({ places: seen, ...rest }): CountrySeries => {
      rest.total.method.values = { places: seen.size };
      return rest;
    })
    .sort(
      (a, b) =>
        (a.country === null ? 1 : 0) - (b.country === null ? 1 : 0) ||
        b.total.value - a.total.value ||
        (a.country ?? '').localeCompare(b.country ?? ''),
    );
  return { days: [...days], series, totals };
}

/**
 * The day with most persons seen moving, and how many (the earliest such day on a tie);
 * null when no movement record was given.
 */
export function peakDayOf(records: readonly ReportRecord[], timeZone: string): { day: string; value: number } | null {
  const perDay = new Map<string, number>();
  for (const record of records) {
    if (measureOf(record) !== 'movements') continue;
    const day = localDayAt(startOf(record), timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + record.totalPersons);
  }
  let peak: { day: string; value: number } | null = null;
  for (const [day, value] of perDay) {
    if (peak === null || value > peak.value || (value === peak.value && day < peak.day)) peak = { day, value };
  }
  return peak;
}
