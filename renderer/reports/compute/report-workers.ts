/**
 * The report's workers, one started ahead: a report worker's module takes about 50 ms to
 * load before it can take a job, which the analyst would wait through at every change of
 * the report. The screen starts a spare when it opens and after each job's figures
 * arrive (prepareReportWorker), and a job takes it (takeReportWorker): the job's wait is
 * its own work only. A worker serves one job and is ended after it (use-report-figures.ts).
 *
 * A spare that failed to load (web mode gone offline: its script cannot be fetched) is
 * never handed to a job: its error came before the job could listen for it, and the job
 * would wait for ever instead of computing on the page. The job gets a worker of its own,
 * whose failure it hears.
 */

interface Spare {
  worker: Worker;
  failed: boolean;
}

let spare: Spare | null = null;

function startWorker(): Worker {
  return new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module' });
}

/** Start the spare worker, if none waits already (and where workers exist: not in jsdom). */
export function prepareReportWorker(): void {
  if (spare !== null || typeof Worker === 'undefined') return;
  const started: Spare = { worker: startWorker(), failed: false };
  started.worker.addEventListener('error', () => {
    started.failed = true;
  });
  spare = started;
}

/** The spare worker, or a new one when none waits or the spare failed to load. */
export function takeReportWorker(): Worker {
  const taken = spare;
  spare = null;
  if (taken !== null && !taken.failed) return taken.worker;
  taken?.worker.terminate();
  return startWorker();
}

/** End the spare (the report screen closed). */
export function discardSpareReportWorker(): void {
  spare?.worker.terminate();
  spare = null;
}
