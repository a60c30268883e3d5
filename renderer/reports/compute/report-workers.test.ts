import { afterEach, describe, expect, it, vi } from 'vitest';
import { discardSpareReportWorker, prepareReportWorker, takeReportWorker } from './report-workers';

/** A stand-in for the browser's Worker: counts how many started and which were ended. */
class FakeWorker {
  static started: FakeWorker[] = [];
  terminated = false;
  constructor() {
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

  it('start nothing ahead where no worker can run (jsdom)', () => {
    vi.stubGlobal('Worker', undefined);
    prepareReportWorker();
    discardSpareReportWorker();
    expect(FakeWorker.started).toHaveLength(0);
  });
});
