/**
 * The records of a report's window, read in slices of time so that the reader can say
 * how far it got (a year of 100,000 records takes seconds to read).
 */
import type { Observation } from '../../../shared/observations/observation-schema';
import type { RoutewatchDatabase } from '../../store/database';
import type { ReportPeriod } from '../../../shared/reports/report-period';

export const SLICES = 20;

export async function readWindow(db: RoutewatchDatabase, window: ReportPeriod, progress: (done: number, total: number) => void): Promise<Observation[]> {
  const start = Date.parse(window.from);
  const end = Date.parse(window.to);
  const bounds = Array.from({ length: SLICES + 1 }, (_, i) => (i === SLICES ? window.to : new Date(start + Math.round(((end - start) * i) / SLICES)).toISOString()));
  const records: Observation[] = [];
  for (let i = 0; i < SLICES; i++) {
    const from = bounds[i] ?? window.from;
    const to = bounds[i + 1] ?? window.to;
    if (from < to) {
      const slice = await db.observations.where('observedStart').between(from, to, true, false).toArray();
      for (const record of slice) if (!record.deleted) records.push(record);
    }
    progress(i + 1, SLICES);
  }
  return records;
}
