/**
 * Every figure of a situation report, from one call: the caller loads the records of
 * `reportWindow(period, timeZone).load` (the period, the period before it, the same
 * dates a year before and the look-back window) and passes them all. One pass sorts the
 * records that count (countedRecords' rules: verified, or submitted when asked; never
 * deleted; training only in a training report; the filter's kinds, missions and places)
 * into those parts; each section is then computed from its part.
 *
 * The result is plain data (objects, arrays, strings, numbers, booleans, null), so that
 * a Web Worker can post it as it is.
 */
import { listsRecordIds } from './figure';
import { startOf } from './report-record';
import type { ReportRecord } from './report-record';
import type { BorderChange } from './border-changes';
import { borderChangesOf } from './border-changes';
import type { ByDayByCountry } from './by-day-by-country';
import { byDayByCountryOf, peakDayOf } from './by-day-by-country';
import type { Capacity } from './capacity';
import { capacityOf } from './capacity';
import { countsInReport, inScope } from './counted-records';
import type { Demographics } from './demographics';
import { demographicsOf, TOP_NATIONALITIES } from './demographics';
import type { Highlight } from './highlights';
import { highlightsOf } from './highlights';
import type { KeyFigure } from './key-figures';
import { keyFiguresOf } from './key-figures';
import type { MeasureOptions, Measures } from './measures';
import { measureOf } from './measure-kinds';
import { incidentsOf } from './incidents';
import { movementsOf } from './movements';
import { officialFiguresOf } from './official';
import { presenceOf } from './presence';
import type { Methodology } from './methodology';
import { methodologyOf } from './methodology';
import type { ReportPeriod } from './report-period';
import type { ReportWindow, WindowPart } from './report-window';
import { LOOK_BACK_DAYS, reportWindow } from './report-window';

export { reportWindow } from './report-window';
export type { ReportWindow, WindowPart } from './report-window';

export interface ReportRequest extends MeasureOptions {
  period: ReportPeriod;
  /** Local days before the period for a new peak and earlier border statuses; LOOK_BACK_DAYS unless given. */
  lookBackDays?: number;
  /** How many nationalities to list one by one; TOP_NATIONALITIES unless given. */
  topNationalities?: number;
}

export interface ReportFigures {
  /** The parts the figures were computed over. */
  window: ReportWindow;
  measures: Measures;
  /** entries, exits, averagePerDay, atSites (KEY_FIGURE_KEYS order). */
  keyFigures: KeyFigure[];
  demographics: Demographics;
  borderChanges: BorderChange[];
  capacity: Capacity;
  methodology: Methodology;
  highlights: Highlight[];
  byDayByCountry: ByDayByCountry;
}

/**
 * measuresOf of the period's counted records, from those records split by measure: each
 * measure's function reads only its own records (it skips the others anyway, in the same
 * order), so the result equals measuresOf's (a test holds them equal) for one pass over
 * 100,000 records instead of five.
 */
function measuresOfParts(
  counted: readonly ReportRecord[],
  parts: { moving: readonly ReportRecord[]; atSites: readonly ReportRecord[]; incidents: readonly ReportRecord[]; official: readonly ReportRecord[] },
  options: MeasureOptions,
): Measures {
  return {
    records: counted.length,
    recordIds: listsRecordIds() ? counted.map((r) => r.id) : [],
    includesSubmitted: counted.some((r) => r.reviewStatus === 'submitted'),
    movements: movementsOf(parts.moving, options.places, options.timeZone),
    presence: presenceOf(parts.atSites),
    incidents: incidentsOf(parts.incidents),
    official: officialFiguresOf(parts.official, options.showSourceNames),
  };
}

function within(part: WindowPart): { from: number; to: number } {
  return { from: Date.parse(part.period.from), to: Date.parse(part.period.to) };
}

export function reportFiguresOf(records: readonly ReportRecord[], request: ReportRequest): ReportFigures {
  return countedReportFiguresOf(records, request).figures;
}

/**
 * reportFiguresOf, and the period's counted records it computed them over (the records
 * of `measures.recordIds`, in the same order): the report's map draws those, and finding
 * them again by id in 100,000 records cost a tenth of the whole computation.
 */
export function countedReportFiguresOf(records: readonly ReportRecord[], request: ReportRequest): { figures: ReportFigures; counted: readonly ReportRecord[] } {
  const { timeZone, places } = request;
  const lookBackDays = request.lookBackDays ?? LOOK_BACK_DAYS;
  const window = reportWindow(request.period, timeZone, lookBackDays);
  const spans = { current: within(window.current), previous: within(window.previous), yearBefore: within(window.yearBefore), lookBack: within(window.lookBack) };
  const current: ReportRecord[] = [];
  // The parts of the period each section reads, so that each reads only its measure's records.
  const moving: ReportRecord[] = [];
  const atSites: ReportRecord[] = [];
  const incidents: ReportRecord[] = [];
  const official: ReportRecord[] = [];
  const borders: ReportRecord[] = [];
  // Outside the period only the key figures' measures, the look-back's movements and border statuses are read.
  const previous: ReportRecord[] = [];
  const yearBefore: ReportRecord[] = [];
  const lookBackMoving: ReportRecord[] = [];
  const lookBackBorders: ReportRecord[] = [];
  const scope = request.scope ?? {};
  // Most reports narrow nothing: then no record's kind, mission and place is asked about.
  const scoped = (scope.kinds?.length ?? 0) > 0 || (scope.missions?.length ?? 0) > 0 || (scope.placeIds?.length ?? 0) > 0;
  // One pass, one parse of each record's time; the parts may overlap (the period before
  // lies inside the look-back window; a period longer than a year overlaps the year
  // before), so a record may go to several.
  for (const record of records) {
    if (!countsInReport(record, request) || (scoped && !inScope(record, scope))) continue;
    const at = startOf(record);
    const measure = measureOf(record);
    const border = record.kind === 'border_status';
    if (at >= spans.current.from && at < spans.current.to) {
      current.push(record);
      if (measure === 'movements') moving.push(record);
      else if (measure === 'presence') atSites.push(record);
      else if (measure === 'incidents') incidents.push(record);
      else if (measure === 'official') official.push(record);
      if (border) borders.push(record);
    }
    const keyFigure = measure === 'movements' || measure === 'presence';
    if (keyFigure && at >= spans.previous.from && at < spans.previous.to) previous.push(record);
    if (keyFigure && at >= spans.yearBefore.from && at < spans.yearBefore.to) yearBefore.push(record);
    if (at >= spans.lookBack.from && at < spans.lookBack.to) {
      if (measure === 'movements') lookBackMoving.push(record);
      if (border) lookBackBorders.push(record);
    }
  }

  const measures = measuresOfParts(current, { moving, atSites, incidents, official }, request);
  const keyFigures = keyFiguresOf(
    { period: window.current.period, days: window.current.days.length, records: [...moving, ...atSites] },
    { period: window.previous.period, days: window.previous.days.length, records: previous },
    { period: window.yearBefore.period, days: window.yearBefore.days.length, records: yearBefore },
    places,
  );
  const borderChanges = borderChangesOf([...lookBackBorders, ...borders], request.period, timeZone, places);
  const capacity = capacityOf(measures.presence, timeZone);
  const figures: ReportFigures = {
    window,
    measures,
    keyFigures,
    demographics: demographicsOf(moving, request.topNationalities ?? TOP_NATIONALITIES),
    borderChanges,
    capacity,
    methodology: methodologyOf(current, measures.official, request.includeSubmitted),
    highlights: highlightsOf({
      keyFigures,
      byDay: measures.movements.byDay,
      lookBackPeak: peakDayOf(lookBackMoving, timeZone),
      lookBackDays: window.lookBack.days.length,
      borderChanges,
      records: incidents,
      capacity,
      timeZone,
    }),
    byDayByCountry: byDayByCountryOf(moving, window.current.days, places, timeZone),
  };
  return { figures, counted: current };
}
