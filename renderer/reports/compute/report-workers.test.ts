import { afterEach, describe, expect, it, vi } from 'vitest';
import { discardSpareReportWorker, prepareReportWorker, takeReportWorker } from './report-workers';

/** A stand-in for the browser's Worker: counts how many started and which were ended. */
class FakeWorker extends EventTarget {
  static started: FakeWorker[] = [];
  terminated = false;
  constructor() {
    super();
    FakeWorker.started.push(this);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('the report’s workers', () => {
  afterEach(() => {
    discardSpareReportWorker();
    vi.unstubAllGlobals();
    FakeWorker.started = [];
  });

  it('start one spare ahead, hand it to the next job, and end it when the screen closes', () => {
    vi.stubGlobal('Worker', FakeWorker);
    prepareReportWorker();
    prepareReportWorker();
    expect(FakeWorker.started).toHaveLength(1);
    const first = takeReportWorker();
    expect(first).toBe(FakeWorker.started[0]);
    // No spare left: the next job starts its own.
    expect(takeReportWorker()).not.toBe(first);
    expect(FakeWorker.started).toHaveLength(2);
    prepareReportWorker();
    discardSpareReportWorker();
    expect(FakeWorker.started[2]?.terminated).toBe(true);
    expect((first as unknown as FakeWorker).terminated).toBe(false);
  });

  it('never hand a job a spare that failed to load (offline web mode): the job gets a worker whose failure it can hear', () => {
    vi.stubGlobal('Worker', FakeWorker);
    prepareReportWorker();
    const failed = FakeWorker.started[0];
    failed?.dispatchEvent(new Event('error'));
    const taken = takeReportWorker();
    expect(taken).not.toBe(failed);
    expect(failed?.terminated).toBe(true);
    expect(FakeWorker.started).toHaveLength(2);
    // A spare whose error comes after it was taken is the job's to hear: it is handed over as it is.
    prepareReportWorker();
    const later = takeReportWorker();
    expect(later).toBe(FakeWorker.started[2]);
  });

  it('start nothing ahead where no worker can run (jsdom)', () => {
    vi.stubGlobal('Worker', undefined);
    prepareReportWorker();
    discardSpareReportWorker();
    expect(FakeWorker.started).toHaveLength(0);
  });
});
