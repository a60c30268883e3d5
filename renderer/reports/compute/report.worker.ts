/**
 * The report worker: reads the window's records from the device's database and
 * computes every figure off the screen's thread, saying how far it got, so that a year
 * of 100,000 records never freezes the preview. One job per worker: the screen ends
 * the worker when the analyst changes the report before it is done.
 */
import { createRecordCipher } from '../../crypto/record-cipher';
import { openDatabase } from '../../store/database';
import { computeReport } from './compute-report';
import { packFigures, transferablesOf } from './figures-message';
import { openOfficialRecords } from './open-official';
import type { ReportJob, ReportWorkerMessage } from './report-job';
import { readWindow } from './read-window';
import { readCachedWindow } from './report-days';

/** The worker's global scope, typed by what we use of it (the renderer compiles against the DOM library, not the worker one). */
interface WorkerScope {
  postMessage: (message: ReportWorkerMessage, transfer?: Transferable[]) => void;
  onmessage: ((event: MessageEvent<ReportJob>) => void) | null;
}
const scope = self as unknown as WorkerScope;

function post(message: ReportWorkerMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<ReportJob>) => {
  const job = event.data;
  const started = performance.now();
  const db = openDatabase(job.databaseName);
  const cipher = job.dataKey === null ? null : createRecordCipher(job.dataKey);
  const progress = (done: number, total: number) => post({ type: 'progress', phase: 'reading', done, total });
  // With the data key, from the per-day cache (report-days.ts); without one, nothing can
  // be sealed, so the records are read whole, as they are stored.
  let persist: () => Promise<number> = () => Promise.resolve(0);
  const read =
    cipher === null
      ? readWindow(db, job.load, progress).then((records) => openOfficialRecords(records, cipher, job.showSourceNames, job.period))
      : readCachedWindow(db, job.load, { cipher, showSourceNames: job.showSourceNames, period: job.period, progress }).then((window) => {
          persist = window.persist;
          return window.records;
        });
  void read
    .then(async (records) => {
      const readMillis = performance.now() - started;
      post({ type: 'progress', phase: 'computing', done: 0, total: records.length });
      const figures = packFigures(computeReport(records, job));
      post({ type: 'done', figures, records: records.length, millis: performance.now() - started, readMillis }, transferablesOf(figures));
      // The days read whole are cached after the figures went: the analyst does not wait
      // for it. A worker ended meanwhile (a new request) writes nothing, which is safe.
      post({ type: 'cached', days: await persist() });
    })
    .catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => db.close());
};
