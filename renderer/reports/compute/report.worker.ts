/**
 * The report worker: reads the window's records from the device's database and
 * computes every figure off the screen's thread, saying how far it got, so that a year
 * of 100,000 records never freezes the preview. One job per worker: the screen ends
 * the worker when the analyst changes the report before it is done.
 */
import { createRecordCipher } from '../../crypto/record-cipher';
import { openDatabase } from '../../store/database';
import { computeReport } from './compute-report';
import { openOfficialRecords } from './open-official';
import type { ReportJob, ReportWorkerMessage } from './report-job';
import { readWindow } from './read-window';

/** The worker's global scope, typed by what we use of it (the renderer compiles against the DOM library, not the worker one). */
interface WorkerScope {
  postMessage: (message: ReportWorkerMessage) => void;
  onmessage: ((event: MessageEvent<ReportJob>) => void) | null;
}
const scope = self as unknown as WorkerScope;

function post(message: ReportWorkerMessage): void {
  scope.postMessage(message);
}

scope.onmessage = (event: MessageEvent<ReportJob>) => {
  const job = event.data;
  const started = performance.now();
  const db = openDatabase(job.databaseName);
  const cipher = job.dataKey === null ? null : createRecordCipher(job.dataKey);
  void readWindow(db, job.load, (done, total) => post({ type: 'progress', phase: 'reading', done, total }))
    .then((read) => openOfficialRecords(read, cipher, job.showSourceNames, job.period))
    .then((records) => {
      const readMillis = performance.now() - started;
      post({ type: 'progress', phase: 'computing', done: 0, total: records.length });
      const figures = computeReport(records, job);
      post({ type: 'done', figures, records: records.length, millis: performance.now() - started, readMillis });
    })
    .catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => db.close());
};
