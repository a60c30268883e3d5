/**
 * "Export…" on the Observations screen: the records the list shows, read in chunks,
 * written in the chosen format (shared/export/) and saved with the download path the
 * app already uses (works in web mode and in Electron). The outcome says what was
 * written and what was left out, for a truthful message.
 */
import type { User } from '../../shared/access/roles';
import type { ExportRequest, LeftOut } from '../../shared/export/export-selection';
import { hxlMovementsCsv } from '../../shared/export/hxl-csv';
import { OBSERVATION_COLUMNS } from '../../shared/export/observation-columns';
import { observationsCsv } from '../../shared/export/observations-csv';
import { observationsGeoJson } from '../../shared/export/observations-geojson';
import { observationsSheet } from '../../shared/export/observations-sheet';
import { safeCell } from '../../shared/export/spreadsheet-cell';
import type { SafeCell } from '../../shared/export/spreadsheet-cell';
import type { Observation } from '../../shared/observations/observation-schema';
import type { Place } from '../../shared/places/place';
import type { SaveFile } from '../attention/waiting-export';
import type { TranslationKey } from '../i18n/i18n';
import { t } from '../i18n/i18n';
import { writeXlsx } from './xlsx-writer';

export const EXPORT_FORMATS = ['csv', 'geojson', 'hxl', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Records read from IndexedDB per request: a year of records is read in steps, not in one. */
const READ_CHUNK = 2000;

export type ReadRecords = (ids: readonly string[]) => Promise<readonly (Observation | undefined)[]>;

export interface ExportJob {
  format: ExportFormat;
  /** Ids of the records the list shows, in its order. */
  ids: readonly string[];
  request: ExportRequest;
  placesById: ReadonlyMap<string, Place>;
  /** The filter in words, for the XLSX "About" sheet. */
  filterLines: readonly string[];
  asOf: Date;
}

export interface ExportOutcome {
  fileName: string;
  format: ExportFormat;
  /** Rows (features for GeoJSON) written, header rows not counted. */
  rows: number;
  leftOut: LeftOut;
  /** GeoJSON and HXL: records left out for want of a location. XLSX and CSV: records written with empty coordinates. */
  withoutLocation: number;
  /** HXL: selected records that are not movements; movement records summed. */
  notMovements?: number;
  summed?: number;
}

/** `routewatch-observations-2026-12-05T04-45-00Z.csv`: sortable, and legal on every file system. */
export function exportFileName(format: ExportFormat, asOf: Date): string {
  const stamp = asOf.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  switch (format) {
    case 'csv':
      return `routewatch-observations-${stamp}.csv`;
    case 'geojson':
      return `routewatch-observations-${stamp}.geojson`;
    case 'hxl':
      return `routewatch-movements-hxl-${stamp}.csv`;
    case 'xlsx':
      return `routewatch-observations-${stamp}.xlsx`;
  }
}

async function readAll(read: ReadRecords, ids: readonly string[]): Promise<Observation[]> {
  const records: Observation[] = [];
  for (let at = 0; at < ids.length; at += READ_CHUNK) {
    for (const record of await read(ids.slice(at, at + READ_CHUNK))) if (record) records.push(record);
  }
  return records;
}

/** The leftover lines, in words: shared by the message and the XLSX "About" sheet. */
export function leftOutLines(outcome: Pick<ExportOutcome, 'format' | 'leftOut' | 'withoutLocation' | 'notMovements'>): string[] {
  const { leftOut } = outcome;
  const lines: string[] = [];
  if (leftOut.training > 0) lines.push(t('dataExport.leftOut.training', { count: leftOut.training }));
  if (leftOut.deleted > 0) lines.push(t('dataExport.leftOut.deleted', { count: leftOut.deleted }));
  // The HXL file has no sensitive column to leave out.
  if (outcome.format !== 'hxl' && leftOut.sensitiveColumns.length > 0) lines.push(t('dataExport.leftOut.sensitiveColumns', { columns: leftOut.sensitiveColumns.join(', ') }));
  if (outcome.format !== 'hxl' && leftOut.sensitiveWithheld > 0) lines.push(t('dataExport.leftOut.sensitiveWithheld', { count: leftOut.sensitiveWithheld }));
  if ((outcome.format === 'geojson' || outcome.format === 'hxl') && outcome.withoutLocation > 0) lines.push(t('dataExport.leftOut.withoutLocation', { count: outcome.withoutLocation }));
  if (outcome.format === 'hxl' && (outcome.notMovements ?? 0) > 0) lines.push(t('dataExport.leftOut.notMovements', { count: outcome.notMovements ?? 0 }));
  return lines;
}

function userLine(user: User | null): string {
  if (user === null) return t('dataExport.about.noUser');
  return t('dataExport.about.userLine', { name: user.name, role: t(`role.${user.role}`), office: user.office });
}

/** The "About this export" sheet: filter, as-of time, user, what was written and left out, and the columns. */
function aboutSheet(job: ExportJob, outcome: ExportOutcome, columnNames: readonly string[]): SafeCell[][] {
  const row = (...cells: unknown[]) => cells.map(safeCell);
  const left = leftOutLines(outcome);
  return [
    row(t('dataExport.about.title')),
    row(),
    row(t('dataExport.about.asOf'), job.asOf),
    row(t('dataExport.about.user'), userLine(job.request.user)),
    ...job.filterLines.map((line, i) => row(i === 0 ? t('dataExport.about.filter') : '', line)),
    row(t('dataExport.about.records'), outcome.rows),
    ...(left.length === 0 ? [row(t('dataExport.about.leftOut'), t('dataExport.leftOut.nothing'))] : left.map((line, i) => row(i === 0 ? t('dataExport.about.leftOut') : '', line))),
    ...(outcome.withoutLocation > 0 ? [row(t('dataExport.about.locations'), t('dataExport.withoutLocationKept', { count: outcome.withoutLocation }))] : []),
    row(t('dataExport.about.times'), t('dataExport.about.timesUtc')),
    row(),
    row(t('dataExport.about.column'), t('dataExport.about.meaning')),
    ...columnNames.map((name) => row(name, t(`dataExport.column.${name}` as TranslationKey))),
  ];
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\\. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** Whether every observation column has its description in the catalogue (checked by a test). */
export function columnDescriptionKeys(): string[] {
  return OBSERVATION_COLUMNS.map((c) => `dataExport.column.${c.name}`);
}

export async function exportObservations(job: ExportJob, read: ReadRecords, save: SaveFile): Promise<ExportOutcome> {
  const records = await readAll(read, job.ids);
  const fileName = exportFileName(job.format, job.asOf);
  switch (job.format) {
    case 'csv': {
      const out = observationsCsv(records, job.request, job.placesById);
      save(new Blob([out.text], { type: 'text/csv;charset=utf-8' }), fileName);
      return { fileName, format: job.format, rows: out.rows, leftOut: out.leftOut, withoutLocation: out.withoutLocation };
    }
    case 'geojson': {
      const out = observationsGeoJson(records, job.request, job.placesById);
      save(new Blob([out.text], { type: 'application/geo+json' }), fileName);
      return { fileName, format: job.format, rows: out.rows, leftOut: out.leftOut, withoutLocation: out.withoutLocation };
    }
    case 'hxl': {
      const out = hxlMovementsCsv(records, job.request, job.placesById);
      save(new Blob([out.text], { type: 'text/csv;charset=utf-8' }), fileName);
      return { fileName, format: job.format, rows: out.rows, leftOut: out.leftOut, withoutLocation: out.withoutLocation, notMovements: out.notMovements, summed: out.records };
    }
    case 'xlsx': {
      const sheet = observationsSheet(records, job.request, job.placesById);
      const outcome: ExportOutcome = { fileName, format: job.format, rows: sheet.records, leftOut: sheet.leftOut, withoutLocation: sheet.withoutLocation };
      const columnNames = sheet.columns.map((c) => c.name);
      const blob = await writeXlsx([
        { name: sheetName(t('dataExport.sheet.observations')), rows: sheet.rows, frozenRows: 1 },
        { name: sheetName(t('dataExport.about.sheet')), rows: aboutSheet(job, outcome, columnNames), columnWidths: [28, 90] },
      ]);
      save(blob, fileName);
      return outcome;
    }
  }
}
