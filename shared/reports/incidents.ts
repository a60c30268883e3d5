/**
 * Incidents: counted as incidents, by type, with their casualties (dead, injured,
 * missing as recorded on each incident); never as persons moving. An incident with no
 * type counts under `unknown`.
 */
import type { IncidentType } from '../observations/codelists';
import { INCIDENT_TYPES } from '../observations/codelists';
import type { ReportRecord } from './report-record';
import type { Figure } from './figure';
import { addTo, emptyFigure } from './figure';
import { measureOf } from './measure-kinds';

export type IncidentTypeKey = IncidentType | 'unknown';
export const INCIDENT_TYPE_KEYS: readonly IncidentTypeKey[] = [...INCIDENT_TYPES, 'unknown'];

export interface Incidents {
  total: Figure;
  /** Every type, in the codelist's order, `unknown` last. */
  byType: Record<IncidentTypeKey, Figure>;
  /** Sums of the casualties recorded; a record counts toward one when it gives a number. */
  dead: Figure;
  injured: Figure;
  missing: Figure;
}

export function incidentsOf(records: readonly ReportRecord[]): Incidents {
  const total = emptyFigure('incidents');
  const byType = Object.fromEntries(INCIDENT_TYPE_KEYS.map((k) => [k, emptyFigure('incidents')])) as Record<IncidentTypeKey, Figure>;
  const dead = emptyFigure('casualties');
  const injured = emptyFigure('casualties');
  const missing = emptyFigure('casualties');
  for (const record of records) {
    if (measureOf(record) !== 'incidents') continue;
    addTo(total, record, 1);
    addTo(byType[record.incident?.type ?? 'unknown'], record, 1);
    const incident = record.incident;
    if (incident?.dead != null) addTo(dead, record, incident.dead);
    if (incident?.injured != null) addTo(injured, record, incident.injured);
    if (incident?.missing != null) addTo(missing, record, incident.missing);
  }
  return { total, byType, dead, injured, missing };
}
