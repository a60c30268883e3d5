/**
 * The screen's side of the import worker: ask for a plan (with progress), a plan again
 * with the user's answers, and the ready records batch by batch. Cancel terminates the
 * worker: checking stops at once and nothing is stored (the worker never writes; the
 * screen writes through the store's one writer). Where there are no workers (jsdom),
 * the same session runs in the page.
 */
import type { ImportMapping } from '../../shared/import/import-fields';
import type { Place } from '../../shared/places/place';
import { createPlanSession } from './plan-session';
import type { ImportItem, PlanReply, PlanReport, PlanRequest, PlanSource } from './plan-session';

/** Why a request was not answered: the planner was cancelled. */
export class PlanCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PlanCancelledError';
  }
}

export interface ImportPlanner {
  /** Parse `source` and judge its rows; `onProgress` hears the percent done. */
  plan(source: PlanSource, mapping: ImportMapping, office: string, places: readonly Place[], onProgress?: (percent: number) => void): Promise<PlanReport>;
  /** Judge the same rows again with other answers (unmatched places, nationality words). */
  replan(mapping: ImportMapping, onProgress?: (percent: number) => void): Promise<PlanReport>;
  /** Ready records `start` to `start + size` of the last plan, in id order. */
  batch(start: number, size: number): Promise<ImportItem[]>;
  /** Stop now: every request waiting rejects with PlanCancelledError; a later request starts afresh (the file must be checked again). */
  cancel(): void;
}

interface Port {
  send(request: PlanRequest): void;
  stop(): void;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

type Waiting = { request: PlanRequest; resolve: (reply: PlanReply) => void; reject: (error: Error) => void; onProgress?: ((percent: number) => void) | undefined };

function workerPort(onReply: (reply: PlanReply) => void, onFailure: (error: Error) => void): Port {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
  worker.onmessage = (event: MessageEvent<PlanReply>) => onReply(event.data);
  worker.onerror = (event) => onFailure(new Error(event.message || 'the import worker failed'));
  return { send: (request) => worker.postMessage(request), stop: () => worker.terminate() };
}

function pagePort(onReply: (reply: PlanReply) => void): Port {
  let stopped = false;
  const session = createPlanSession((reply) => {
    if (!stopped) onReply(reply);
  });
  return {
    send: (request) => void session.handle(request),
    stop: () => {
      stopped = true;
    },
  };
}

export function createImportPlanner(options: { useWorker?: boolean } = {}): ImportPlanner {
  let useWorker = options.useWorker ?? typeof Worker !== 'undefined';
  let port: Port | null = null;
  /** Whether the worker has answered anything: until it has, it holds no state, and a failure to start it is not the file's. */
  let answered = false;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const failAll = (error: Error) => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  const onReply = (reply: PlanReply) => {
    answered = true;
    const entry = waiting.get(reply.id);
    if (!entry) return;
    if (reply.type === 'progress') {
      entry.onProgress?.(reply.percent);
      return;
    }
    waiting.delete(reply.id);
    if (reply.type === 'failed') entry.reject(new Error(reply.message));
    else entry.resolve(reply);
  };
  /**
   * A worker that cannot start (a host that refuses module workers, its script not
   * loading) leaves the work to the page, slower but the same: what was asked of it is
   * asked of the page. A worker failing later fails what waits, with its message.
   */
  const onWorkerFailure = (error: Error) => {
    port?.stop();
    port = null;
    if (answered) {
      failAll(error);
      return;
    }
    useWorker = false;
    const target = open();
    for (const entry of waiting.values()) target.send(entry.request);
  };
  const open = (): Port => {
    if (port === null && useWorker) {
      try {
        port = workerPort(onReply, onWorkerFailure);
      } catch {
        useWorker = false;
      }
    }
    port ??= pagePort(onReply);
    return port;
  };
  function ask(request: WithoutId<PlanRequest>, onProgress?: (percent: number) => void): Promise<PlanReply> {
    const id = nextId++;
    const target = open();
    const full = { ...request, id };
    return new Promise((resolve, reject) => {
      waiting.set(id, { request: full, resolve, reject, onProgress });
      target.send(full);
    });
  }
  const cancel = () => {
    port?.stop();
    port = null;
    answered = false;
    failAll(new PlanCancelledError());
  };
  const reportOf = (reply: PlanReply): PlanReport => {
    if (reply.type !== 'planned') throw new Error(`unexpected ${reply.type} reply`);
    return reply.report;
  };

  return {
    async plan(source, mapping, office, places, onProgress) {
      // A new file: a fresh session, so nothing of the last file's rows is kept.
      cancel();
      return reportOf(await ask({ type: 'plan', source, mapping, office, nowMs: Date.now(), places: [...places] }, onProgress));
    },
    async replan(mapping, onProgress) {
      return reportOf(await ask({ type: 'replan', mapping, nowMs: Date.now() }, onProgress));
    },
    async batch(start, size) {
      const reply = await ask({ type: 'batch', start, size });
      if (reply.type !== 'batch') throw new Error(`unexpected ${reply.type} reply`);
      return reply.items;
    },
    cancel,
  };
}
