/**
 * The report's four key figures, each with its change against the period before (the
 * same number of local days just before) and against the same local dates a year
 * before:
 * - entries: persons seen `incoming` at entry points (border crossings and green
 *   border) of every country, the sum of movements.byCountry's entries;
 * - exits: the same, `outgoing`;
 * - average per day: persons seen moving (movements.total) divided by the period's
 *   local days;
 * - persons at sites at the end of the period: each site's latest snapshot in the
 *   period, summed over sites (presence.total).
 *
 * A change is given only where both periods have data for the figure: at least one
 * counted movement record at an entry or exit point (entries, exits), one counted
 * movement record (average per day), one counted site snapshot (persons at sites).
 * Otherwise the comparison is null: a period nobody counted is not a period of zero
 * persons, and "-100 %" against it would be false.
 */
import type { ReportRecord } from './report-record';
import type { Figure } from './figure';
import { addTo, emptyFigure } from './figure';
import { measureOf } from './measure-kinds';
import type { PlaceFacts } from './movements';
import { BORDER_KINDS } from './movements';
import { presenceOf } from './presence';
import type { ReportPeriod } from './report-period';

export const KEY_FIGURE_KEYS = ['entries', 'exits', 'averagePerDay', 'atSites'] as const;
export type KeyFigureKey = (typeof KEY_FIGURE_KEYS)[number];

/** The counted records of one period (countedRecords' rules already applied), and its length in local days. */
export interface PeriodRecords {
  period: ReportPeriod;
  days: number;
  records: readonly ReportRecord[];
}

export interface KeyFigureValues {
  figures: Record<KeyFigureKey, Figure>;
  /** Whether the period has a counted record of the figure's measure (see above). */
  hasData: Record<KeyFigureKey, boolean>;
}

export interface Comparison {
  /** The other period, and its local days (a year before may be one day shorter or longer around 29 February). */
  period: ReportPeriod;
  days: number;
  /** The figure in the other period, with its records. */
  base: Figure;
  /** figure − base. */
  absolute: number;
  /** (figure − base) / base, e.g. 0.25 for +25 %; null when the base is 0. */
  relative: number | null;
}

export interface KeyFigure {
  key: KeyFigureKey;
  figure: Figure;
  hasData: boolean;
  /** Against the period before; null when either period has no data for it. */
  previous: Comparison | null;
  /** Against the same dates a year before; null when either period has no data for it. */
  yearBefore: Comparison | null;
}

/** The four figures of one period, in one pass over its counted records. */
export function keyFigureValuesOf(records: readonly ReportRecord[], places: ReadonlyMap<string, PlaceFacts>, days: number): KeyFigureValues {
  const entries = emptyFigure('entriesAllCountries');
  const exits = emptyFigure('exitsAllCountries');
  const moving = emptyFigure('movementsPerDay');
  const entryPoints = new Set<string>();
  const exitPoints = new Set<string>();
  const entryCountries = new Set<string>();
  const exitCountries = new Set<string>();
  const movingPlaces = new Set<string | null>();
  let atBorderPoints = 0;
  for (const record of records) {
    if (measureOf(record) !== 'movements') continue;
    const persons = record.totalPersons;
    addTo(moving, record, persons);
    movingPlaces.add(record.placeId);
    const facts = record.placeId === null ? undefined : places.get(record.placeId);
    if (record.placeId === null || facts === undefined || !BORDER_KINDS.has(facts.kind)) continue;
    atBorderPoints += 1;
    const direction = record.movement?.direction;
    if (direction === 'incoming') {
      addTo(entries, record, persons);
      entryPoints.add(record.placeId);
      entryCountries.add(facts.country);
    } else if (direction === 'outgoing') {
      addTo(exits, record, persons);
      exitPoints.add(record.placeId);
      exitCountries.add(facts.country);
    }
  }
  // The first value chooses the sentence's plural form (figure-cell's methodText).
  entries.method.values = { points: entryPoints.size, countries: entryCountries.size };
  exits.method.values = { points: exitPoints.size, countries: exitCountries.size };
  moving.value = days > 0 ? moving.value / days : 0;
  moving.method.values = { days, places: movingPlaces.size };
  const presence = presenceOf(records);
  return {
    figures: { entries, exits, averagePerDay: moving, atSites: presence.total },
    hasData: {
      entries: atBorderPoints > 0,
      exits: atBorderPoints > 0,
      averagePerDay: moving.records > 0,
      atSites: presence.total.records > 0,
    },
  };
}

function comparison(figure: Figure, other: KeyFigureValues, key: KeyFigureKey, part: PeriodRecords): Comparison {
  const base = other.figures[key];
  const absolute = figure.value - base.value;
  return { period: part.period, days: part.days, base, absolute, relative: base.value === 0 ? null : absolute / base.value };
}

export function keyFiguresOf(
  current: PeriodRecords,
  previous: PeriodRecords,
  yearBefore: PeriodRecords,
  places: ReadonlyMap<string, PlaceFacts>,
): KeyFigure[] {
  const now = keyFigureValuesOf(current.records, places, current.days);
  const before = keyFigureValuesOf(previous.records, places, previous.days);
  const lastYear = keyFigureValuesOf(yearBefore.records, places, yearBefore.days);
  return KEY_FIGURE_KEYS.map((key) => {
    const figure = now.figures[key];
    const hasData = now.hasData[key];
    return {
      key,
      figure,
      hasData,
      previous: hasData && before.hasData[key] ? comparison(figure, before, key, previous) : null,
      yearBefore: hasData && lastYear.hasData[key] ? comparison(figure, lastYear, key, yearBefore) : null,
    };
  });
}
