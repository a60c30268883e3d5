/**
 * The records of a report's window (the spans reportWindow().load names), read in
 * slices of time so that the reader can say how far it got: a year of 100,000 records
 * with the periods compared with it takes seconds to read.
 */
import type { Observation } from '../../../shared/observations/observation-schema';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import type { RoutewatchDatabase } from '../../store/database';

export const SLICES = 20;

/** The spans cut into about SLICES slices in all, by their share of the time covered. */
export function slicesOf(spans: readonly ReportPeriod[]): ReportPeriod[] {
  const total = spans.reduce((n, s) => n + Math.max(0, Date.parse(s.to) - Date.parse(s.from)), 0);
  const slices: ReportPeriod[] = [];
  for (const span of spans) {
    const start = Date.parse(span.from);
    const end = Date.parse(span.to);
    if (!(end > start)) continue;
    const parts = Math.max(1, Math.round((SLICES * (end - start)) / Math.max(1, total)));
    for (let i = 0; i < parts; i++) {
      const from = i === 0 ? span.from : new Date(start + Math.round(((end - start) * i) / parts)).toISOString();
      const to = i === parts - 1 ? span.to : new Date(start + Math.round(((end - start) * (i + 1)) / parts)).toISOString();
      slices.push({ from, to });
    }
  }
  return slices;
}

export async function readWindow(db: RoutewatchDatabase, spans: readonly ReportPeriod[], progress: (done: number, total: number) => void): Promise<Observation[]> {
  const slices = slicesOf(spans);
  const records: Observation[] = [];
  for (const [i, slice] of slices.entries()) {
    const rows = await db.observations.where('observedStart').between(slice.from, slice.to, true, false).toArray();
    for (const record of rows) if (!record.deleted) records.push(record);
    progress(i + 1, slices.length);
  }
  return records;
}
