/**
 * Border status changes in a period. Each place's border_status records, in time order,
 * make a sequence of statuses (open, restricted, closed, with the nationalities let
 * through when restricted by nationality); a report lists only the changes. The first
 * record in the period is compared with the last status before the period, which the
 * caller supplies by passing earlier records too (the report's look-back window,
 * report-window.ts): records before `period.from` are read for that and never listed,
 * records from `period.to` on are ignored. A place with no earlier record known gets its
 * first record in the period listed with `from: null` ("no earlier status known"), so
 * the reader is told its status without being told it changed.
 *
 * Records are expected to be counted ones (countedRecords' rules); records of other
 * kinds, or without a border status, are skipped.
 */
import { startOf } from './report-record';
import type { BorderStatusValue } from '../observations/codelists';
import type { ReportRecord } from './report-record';
import type { Figure } from './figure';
import { addTo, emptyFigure } from './figure';
import type { PlaceFacts } from './movements';
import type { ReportPeriod } from './report-period';
import { localDayAt } from './report-period';

export interface BorderState {
  status: BorderStatusValue;
  /** Nationalities let through, sorted and without repeats; empty when no filter. */
  nationalityFilter: string[];
}

export interface BorderChange {
  /** Local day of the record that says the new status. */
  day: string;
  /** Its observedStart. */
  at: string;
  placeId: string | null;
  /** The place's country (gazetteer), else the record's. */
  country: string | null;
  /** The status before; null when no earlier record of the place was given. */
  from: BorderState | null;
  to: BorderState;
  statusChanged: boolean;
  filterChanged: boolean;
  /** The record that said the status before, when it is known. */
  previousRecordId: string | null;
  /** One change, its record behind it. */
  figure: Figure;
}

/** A place's key: its gazetteer place, else its point. */
function placeKey(record: ReportRecord): string {
  if (record.placeId !== null) return `place:${record.placeId}`;
  return `point:${record.location?.lat ?? ''},${record.location?.lon ?? ''}`;
}

interface Timed {
  record: ReportRecord;
  at: number;
  reported: number;
}

function order(a: Timed, b: Timed): number {
  return a.at - b.at || a.reported - b.reported || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0);
}

function stateOf(record: ReportRecord): BorderState | null {
  const given = record.borderStatus;
  if (given === undefined) return null;
  return { status: given.status, nationalityFilter: [...new Set(given.nationalityFilter)].sort() };
}

function sameFilter(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code, i) => code === b[i]);
}

/** Changes in the period, in time order (then by place). */
export function borderChangesOf(
  records: readonly ReportRecord[],
  period: ReportPeriod,
  timeZone: string,
  places: ReadonlyMap<string, PlaceFacts> = new Map(),
): BorderChange[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const byPlace = new Map<string, Timed[]>();
  for (const record of records) {
    if (record.kind !== 'border_status' || record.borderStatus === undefined) continue;
    const at = startOf(record);
    if (!(at < to)) continue;
    const key = placeKey(record);
    let list = byPlace.get(key);
    if (list === undefined) {
      list = [];
      byPlace.set(key, list);
    }
    list.push({ record, at, reported: Date.parse(record.reportedAt) });
  }

  const changes: BorderChange[] = [];
  for (const list of byPlace.values()) {
    list.sort(order);
    let before: { state: BorderState; id: string } | null = null;
    for (const { record, at } of list) {
      const state = stateOf(record);
      if (state === null) continue;
      if (at >= from) {
        const statusChanged = before !== null && before.state.status !== state.status;
        const filterChanged = before !== null && !sameFilter(before.state.nationalityFilter, state.nationalityFilter);
        if (before === null || statusChanged || filterChanged) {
          const figure = emptyFigure('borderChange');
          addTo(figure, record, 1);
          const facts = record.placeId === null ? undefined : places.get(record.placeId);
          changes.push({
            day: localDayAt(at, timeZone),
            at: record.observedStart,
            placeId: record.placeId,
            country: facts?.country ?? record.country ?? null,
            from: before?.state ?? null,
            to: state,
            statusChanged,
            filterChanged,
            previousRecordId: before?.id ?? null,
            figure,
          });
        }
      }
      before = { state, id: record.id };
    }
  }
  return changes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.placeId ?? '\uffff').localeCompare(b.placeId ?? '\uffff'));
}
