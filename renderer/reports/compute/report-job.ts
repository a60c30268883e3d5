/**
 * A report computation as messages between the screen and the report worker: plain,
 * structured-cloneable data only (no Maps of places, no functions).
 */
import type { PlaceFacts } from '../../../shared/reports/movements';
import type { ReportFigures as SharedFigures } from '../../../shared/reports/report-figures';
import type { RecordScope } from '../../../shared/reports/counted-records';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import type { PackedFigures } from './figures-message';
import type { MapGroup } from './map-records';

export interface ReportJob {
  /** The device's IndexedDB database: the worker reads the records itself. */
  databaseName: string;
  /**
   * The data key the records' sensitive fields are sealed with (renderer/crypto), to open
   * the official figures' source names; null where the screen has no key to give (the
   * names then read as not recorded).
   */
  dataKey: CryptoKey | null;
  period: ReportPeriod;
  /** The spans of records the figures need: the period and those compared with it (reportWindow().load). */
  load: ReportPeriod[];
  includeSubmitted: boolean;
  training: boolean;
  timeZone: string;
  showSourceNames: boolean;
  scope: RecordScope;
  places: [string, PlaceFacts][];
}

/** The shared figures (computed without record ids: withoutRecordIds, shared/reports/figure.ts) and the period's counted records, grouped for the map. */
export interface ReportFigures extends SharedFigures {
  mapGroups: MapGroup[];
}

export type ReportWorkerMessage =
  | { type: 'progress'; phase: 'reading' | 'computing'; done: number; total: number }
  /** The figures packed (figures-message.ts: unpackFigures gives them back); millis: from the job to the figures; readMillis, of it, reading the records (the bench's split; absent where the screen computes itself). */
  | { type: 'done'; figures: PackedFigures; records: number; millis: number; readMillis?: number }
  | { type: 'failed'; message: string }
  /** After 'done': the days read whole are in the per-day cache now (report-days.ts). */
  | { type: 'cached'; days: number };
