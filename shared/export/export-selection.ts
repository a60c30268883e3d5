/**
 * What an export holds: which records, which columns, and what was left out. One
 * decision for every format, so that CSV, GeoJSON, HXL and XLSX never disagree.
 *
 * - Deleted records: never (a tombstone is not an observation).
 * - Training records: only when asked for (they are generated, not observed).
 * - Sensitive fields (SENSITIVE_FIELD_PATHS): only when the user asked for them AND
 *   the rule book (shared/access/roles.ts, `record.view_sensitive`) lets the user's
 *   role see them at all; then, record by record, only where it lets the user see that
 *   record's (a field monitor: their own records; an HQ analyst: not on records
 *   classified restricted). Elsewhere the cell is empty and the record is counted.
 */
import { can, roleMayEver } from '../access/roles';
import type { User } from '../access/roles';
import type { Observation } from '../observations/observation-schema';
import type { Place } from '../places/place';
import { OBSERVATION_COLUMNS, isSensitiveColumn } from './observation-columns';
import type { ColumnValue, ObservationColumn } from './observation-columns';

export interface ExportRequest {
  /** Who exports; null before a name is set (then no sensitive field is ever written). */
  user: User | null;
  /** The user ticked "Include sensitive fields". */
  includeSensitive: boolean;
  /** The user ticked "Include training records". */
  includeTraining: boolean;
}

export interface LeftOut {
  /** Deleted records among those given (never exported). */
  deleted: number;
  /** Training records not exported because they were not asked for. */
  training: number;
  /** Names of the sensitive columns not written (all of them unless asked for and allowed). */
  sensitiveColumns: readonly string[];
  /** Records written whose sensitive fields the user's role may not see (cells left empty). */
  sensitiveWithheld: number;
}

export interface ExportSelection {
  records: readonly Observation[];
  columns: readonly ObservationColumn[];
  /** Whether each column (same order) is sensitive: decided once, not once per cell. */
  sensitiveColumns: readonly boolean[];
  /** Whether this record's sensitive cells are written. */
  showsSensitive: (record: Observation) => boolean;
  leftOut: LeftOut;
}

/** Whether to offer "Include sensitive fields" at all: the role may see some record's. */
export function mayAskForSensitive(user: User | null): boolean {
  return user !== null && roleMayEver(user.role, 'record.view_sensitive');
}

export function selectForExport(records: readonly Observation[], request: ExportRequest): ExportSelection {
  const withSensitive = request.includeSensitive && mayAskForSensitive(request.user);
  const user = request.user;
  const showsSensitive = (record: Observation): boolean => withSensitive && user !== null && can(user, 'record.view_sensitive', record);
  let deleted = 0;
  let training = 0;
  let sensitiveWithheld = 0;
  const kept: Observation[] = [];
  for (const record of records) {
    if (record.deleted) {
      deleted++;
      continue;
    }
    if (record.training === true && !request.includeTraining) {
      training++;
      continue;
    }
    if (withSensitive && !showsSensitive(record)) sensitiveWithheld++;
    kept.push(record);
  }
  const sensitive = OBSERVATION_COLUMNS.filter(isSensitiveColumn);
  const columns = withSensitive ? OBSERVATION_COLUMNS : OBSERVATION_COLUMNS.filter((c) => !isSensitiveColumn(c));
  return {
    records: kept,
    columns,
    sensitiveColumns: columns.map(isSensitiveColumn),
    showsSensitive,
    leftOut: { deleted, training, sensitiveColumns: withSensitive ? [] : sensitive.map((c) => c.name), sensitiveWithheld },
  };
}

/** One record's values, column by column, with sensitive cells empty where it may not show them. */
export function rowValues(selection: ExportSelection, record: Observation, place: Place | undefined): ColumnValue[] {
  const shows = selection.showsSensitive(record);
  return selection.columns.map((column, i) => (!shows && selection.sensitiveColumns[i] === true ? null : column.value(record, place)));
}

/** The record's gazetteer place, if it has one the gazetteer knows. */
export function placeOf(record: Observation, placesById: ReadonlyMap<string, Place>): Place | undefined {
  return record.placeId === null ? undefined : placesById.get(record.placeId);
}
