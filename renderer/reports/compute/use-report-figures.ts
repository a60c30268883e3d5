/**
 * The report's figures for the screen, computed in the report worker with its progress.
 * A new request ends the worker of the one before (its result would be stale). The
 * figures are computed again when a record of the window changes (Dexie's live query
 * on the window's range tells when). Where no worker can start (unit tests in jsdom)
 * the same computation runs here.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { ObservationStore } from '../../store/observation-store';
import { computeReport } from './compute-report';
import { unpackFigures } from './figures-message';
import { discardSpareReportWorker, prepareReportWorker, takeReportWorker } from './report-workers';
import { openOfficialRecords } from './open-official';
import type { ReportFigures, ReportJob, ReportWorkerMessage } from './report-job';
import { readWindow } from './read-window';

export type ReportState =
  | { status: 'computing'; phase: 'reading' | 'computing'; done: number; total: number }
  | { status: 'ready'; figures: ReportFigures; records: number; millis: number }
  | { status: 'failed'; message: string };

export function useReportFigures(store: ObservationStore, job: Omit<ReportJob, 'databaseName' | 'dataKey'> | null): ReportState | null {
  const [state, setState] = useState<ReportState | null>(null);
  // Changes whenever a record in the window is written: the querier reads the range, so Dexie re-runs it then.
  const first = job?.load[0]?.from ?? '';
  const last = job?.load[job.load.length - 1]?.to ?? '';
  const version = useLiveQuery(
    async () => {
      if (first >= last) return 0;
      await store.db.observations.where('observedStart').between(first, last, true, false).count();
      return Math.random();
    },
    [store, first, last],
  );
  const key = job === null ? null : JSON.stringify(job);

  // A worker started ahead while the screen is open (report-workers.ts), ended with it.
  useEffect(() => {
    prepareReportWorker();
    return discardSpareReportWorker;
  }, []);

  useEffect(() => {
    if (job === null || version === undefined) return;
    setState({ status: 'computing', phase: 'reading', done: 0, total: 1 });
    const onMessage = (message: ReportWorkerMessage) => {
      if (message.type === 'progress') setState({ status: 'computing', phase: message.phase, done: message.done, total: message.total });
      else if (message.type === 'done') setState({ status: 'ready', figures: unpackFigures(message.figures), records: message.records, millis: message.millis });
      else if (message.type === 'failed') setState({ status: 'failed', message: message.message });
      // 'cached': the worker's own housekeeping after the figures; nothing for the screen.
    };
    let live = true;
    // Here, on this thread: where no worker can start (jsdom), or when its script could
    // not be loaded (web mode gone offline after the page loaded).
    const computeHere = () => {
      const started = performance.now();
      void readWindow(store.db, job.load, () => undefined)
        .then((read) => openOfficialRecords(read, store.cipher, job.showSourceNames, job.period))
        .then((records) => {
          if (live) setState({ status: 'ready', figures: computeReport(records, job), records: records.length, millis: performance.now() - started });
        })
        .catch((error: unknown) => {
          if (live) onMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        });
    };
    if (typeof Worker === 'undefined') {
      computeHere();
      return () => {
        live = false;
      };
    }
    const worker = takeReportWorker();
    let heard = false;
    worker.onmessage = (event: MessageEvent<ReportWorkerMessage>) => {
      heard = true;
      onMessage(event.data);
      // The next job's worker loads while the analyst reads these figures.
      if (event.data.type === 'done' || event.data.type === 'failed') prepareReportWorker();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (heard) onMessage({ type: 'failed', message: event.message });
      else computeHere();
    };
    const message: ReportJob = { ...job, databaseName: store.db.name, dataKey: store.cipher.key ?? null };
    worker.postMessage(message);
    return () => {
      live = false;
      worker.terminate();
    };
    // The job is compared by its content (key), not by identity: the effect depends on key.
  }, [key, version, store]);

  return state;
}
