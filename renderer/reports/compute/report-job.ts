/**
 * A report computation as messages between the screen and the report worker: plain,
 * structured-cloneable data only (no Maps of places, no functions).
 */
import type { PlaceFacts } from '../../../shared/reports/movements';
import type { Measures } from '../../../shared/reports/measures';
import type { RecordScope } from '../../../shared/reports/counted-records';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import type { MapRecord } from './map-records';

export interface ReportJob {
  /** The device's IndexedDB database: the worker reads the records itself. */
  databaseName: string;
  period: ReportPeriod;
  /** The span of records the figures need (the period, the periods compared with it). */
  window: ReportPeriod;
  includeSubmitted: boolean;
  training: boolean;
  timeZone: string;
  showSourceNames: boolean;
  scope: RecordScope;
  places: [string, PlaceFacts][];
}

export interface ReportFigures {
  measures: Measures;
  /** The counted records of the period, as the report's map draws them. */
  mapRecords: MapRecord[];
}

export type ReportWorkerMessage =
  | { type: 'progress'; phase: 'reading' | 'computing'; done: number; total: number }
  | { type: 'done'; figures: ReportFigures; records: number; millis: number }
  | { type: 'failed'; message: string };
