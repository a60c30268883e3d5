/**
 * Presence: persons at sites, from site snapshots (see measure-kinds.ts). A snapshot is
 * the state of a site at one time, so over a period each site counts once, by its latest
 * snapshot in the period; "persons at sites at the end of the period" is the sum of those
 * latest occupancies, with the range of their as-of times. Never a sum over the days a
 * site was counted (a site counted on ten days holding 300 is 300, not 3,000).
 */
import { startOf } from './report-record';
import type { ReportRecord } from './report-record';
import type { Figure } from './figure';
import { addTo, emptyFigure } from './figure';
import { measureOf } from './measure-kinds';

export interface SitePresence {
  /** Gazetteer place id; null for a snapshot located by a point only. */
  placeId: string | null;
  /** The latest snapshot's occupancy (its site occupancy, else its total persons). */
  occupancy: Figure;
  capacity: number | null;
  overCapacity: boolean;
  /** observedStart of the latest snapshot. */
  asOf: string;
  /** Snapshots of this site in the period (the figure is the latest one's). */
  snapshots: number;
}

export interface Presence {
  /** Most persons first. */
  sites: SitePresence[];
  /** Sum of the sites' latest occupancies. */
  total: Figure;
  /** Earliest and latest as-of time among the sites' latest snapshots; null with no site. */
  asOfFrom: string | null;
  asOfTo: string | null;
}

/** A site's key: its place, else its point (a snapshot must have one or the other). */
function siteKey(record: ReportRecord): string {
  if (record.placeId !== null) return `place:${record.placeId}`;
  return `point:${record.location?.lat ?? ''},${record.location?.lon ?? ''}`;
}

/** Later snapshot first: by observation time, then by when it was reported, then by id (deterministic). */
function isLater(a: ReportRecord, b: ReportRecord): boolean {
  const at = startOf(a) - startOf(b);
  if (at !== 0) return at > 0;
  const reported = Date.parse(a.reportedAt) - Date.parse(b.reportedAt);
  if (reported !== 0) return reported > 0;
  return a.id > b.id;
}

export function occupancyOf(record: ReportRecord): number {
  return record.site?.occupancy ?? record.totalPersons;
}

/** Each site's latest snapshot among the records (those of the presence measure), and how many snapshots it has. */
export function latestSnapshotsOf(records: readonly ReportRecord[]): Map<string, { record: ReportRecord; snapshots: number }> {
  const latest = new Map<string, { record: ReportRecord; snapshots: number }>();
  for (const record of records) {
    if (measureOf(record) !== 'presence') continue;
    const key = siteKey(record);
    const held = latest.get(key);
    if (held === undefined) latest.set(key, { record, snapshots: 1 });
    else {
      held.snapshots += 1;
      if (isLater(record, held.record)) held.record = record;
    }
  }
  return latest;
}

export function presenceOf(records: readonly ReportRecord[]): Presence {
  const latest = latestSnapshotsOf(records);
  const total = emptyFigure('presence', { sites: latest.size });
  let asOfFrom: string | null = null;
  let asOfTo: string | null = null;
  let fromMs = 0;
  let toMs = 0;
  const sites: SitePresence[] = [];
  for (const { record, snapshots } of latest.values()) {
    const occupancy = emptyFigure('presenceSite', { snapshots });
    const value = occupancyOf(record);
    addTo(occupancy, record, value);
    addTo(total, record, value);
    const capacity = record.site?.capacity ?? null;
    sites.push({
      placeId: record.placeId,
      occupancy,
      capacity,
      overCapacity: capacity !== null && value > capacity,
      asOf: record.observedStart,
      snapshots,
    });
    const at = startOf(record);
    if (asOfFrom === null || at < fromMs) [asOfFrom, fromMs] = [record.observedStart, at];
    if (asOfTo === null || at > toMs) [asOfTo, toMs] = [record.observedStart, at];
  }
  sites.sort((a, b) => b.occupancy.value - a.occupancy.value || (a.placeId ?? '\uffff').localeCompare(b.placeId ?? '\uffff'));
  return { sites, total, asOfFrom, asOfTo };
}
