/**
 * The report's workers, one started ahead: a report worker's module takes about 50 ms to
 * load before it can take a job, which the analyst would wait through at every change of
 * the report. The screen starts a spare when it opens and after each job's figures
 * arrive (prepareReportWorker), and a job takes it (takeReportWorker): the job's wait is
 * its own work only. A worker serves one job and is ended after it (use-report-figures.ts).
 */

let spare: Worker | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module' });
}

/** Start the spare worker, if none waits already (and where workers exist: not in jsdom). */
export function prepareReportWorker(): void {
  if (spare !== null || typeof Worker === 'undefined') return;
  spare = startWorker();
}

/** The spare worker, or a new one when none waits. */
export function takeReportWorker(): Worker {
  const worker = spare ?? startWorker();
  spare = null;
  return worker;
}

/** End the spare (the report screen closed). */
export function discardSpareReportWorker(): void {
  spare?.terminate();
  spare = null;
}
