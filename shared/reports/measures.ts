/**
 * Every measure of a period, from the records that count (counted-records.ts) and the
 * one definition of which record counts toward which measure (measure-kinds.ts).
 * Pure: the same function serves the report screen, its tests and the exports.
 */
import { listsRecordIds } from './figure';
import type { ReportRecord } from './report-record';
import type { CountOptions, RecordScope } from './counted-records';
import { countedRecords } from './counted-records';
import type { Incidents } from './incidents';
import { incidentsOf } from './incidents';
import type { Movements, PlaceFacts } from './movements';
import { movementsOf } from './movements';
import type { OfficialFigure } from './official';
import { officialFiguresOf } from './official';
import type { Presence } from './presence';
import { presenceOf } from './presence';
import type { ReportPeriod } from './report-period';

export interface MeasureOptions extends CountOptions {
  /** The office's time zone (IANA), for local days. */
  timeZone: string;
  /** Gazetteer facts by place id: entry and exit points, countries. */
  places: ReadonlyMap<string, PlaceFacts>;
  /** Whether the viewer may see source names (a sensitive field). */
  showSourceNames: boolean;
  scope?: RecordScope;
}

export interface Measures {
  /** Records that counted (after period, scope, status and training rules), and whether any was submitted. */
  records: number;
  recordIds: string[];
  includesSubmitted: boolean;
  movements: Movements;
  presence: Presence;
  incidents: Incidents;
  official: OfficialFigure[];
}

export function measuresOf(records: readonly ReportRecord[], period: ReportPeriod, options: MeasureOptions): Measures {
  const counted = countedRecords(records, period, options, options.scope);
  return {
    records: counted.length,
    recordIds: listsRecordIds() ? counted.map((r) => r.id) : [],
    includesSubmitted: counted.some((r) => r.reviewStatus === 'submitted'),
    movements: movementsOf(counted, options.places, options.timeZone),
    presence: presenceOf(counted),
    incidents: incidentsOf(counted),
    official: officialFiguresOf(counted, options.showSourceNames),
  };
}
