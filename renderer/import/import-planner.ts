/**
 * The screen's side of the import worker: ask for a plan (with progress), a plan again
 * with the user's answers, and the ready records batch by batch. Cancel terminates the
 * worker: checking stops at once and nothing is stored (the worker never writes; the
 * screen writes through the store's one writer). Where there are no workers (jsdom),
 * the same session runs in the page.
 */
import type { ImportMapping } from '../../shared/import/import-fields';
import type { Place } from '../../shared/places/place';
import { mergePlanReports } from './plan-merge';
import { createPlanSession } from './plan-session';
import type { ImportItem, PlanPart, PlanReply, PlanReport, PlanRequest, PlanSource } from './plan-session';

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

/** One session's planner: the ImportPlanner's requests, for a part of the file, and its records by id. */
interface PartPlanner extends ImportPlanner {
  plan(source: PlanSource, mapping: ImportMapping, office: string, places: readonly Place[], onProgress?: (percent: number) => void, part?: PlanPart): Promise<PlanReport>;
  items(ids: readonly string[]): Promise<ImportItem[]>;
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

function createPartPlanner(options: { useWorker?: boolean }): PartPlanner {
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
    async plan(source, mapping, office, places, onProgress, part) {
      // A new file: a fresh session, so nothing of the last file's rows is kept.
      cancel();
      return reportOf(await ask({ type: 'plan', source, mapping, office, nowMs: Date.now(), places: [...places], ...(part === undefined ? {} : { part }) }, onProgress));
    },
    async replan(mapping, onProgress) {
      return reportOf(await ask({ type: 'replan', mapping, nowMs: Date.now() }, onProgress));
    },
    async batch(start, size) {
      const reply = await ask({ type: 'batch', start, size });
      if (reply.type !== 'batch') throw new Error(`unexpected ${reply.type} reply`);
      return reply.items;
    },
    async items(ids) {
      const reply = await ask({ type: 'items', ids });
      if (reply.type !== 'batch') throw new Error(`unexpected ${reply.type} reply`);
      return reply.items;
    },
    cancel,
  };
}

/**
 * A file judged in parts, one session each (each in its own worker): checking 100,000
 * rows took 4.3 s in one worker while the screen's thread and the other core idled.
 * The parts' reports are joined into the one session's report (plan-merge.ts); the
 * ready records are handed out in id order across the parts, each part giving its own.
 */
function createSplitPlanner(parts: readonly PartPlanner[]): ImportPlanner {
  /** The ready records of the last plan in id order, and the part holding each. */
  let order: { id: string; owner: number }[] = [];
  const join = async (each: (part: PartPlanner, index: number, onProgress: (percent: number) => void) => Promise<PlanReport>, onProgress?: (percent: number) => void): Promise<PlanReport> => {
    const percents = parts.map(() => 0);
    const reports = await Promise.all(
      parts.map((part, index) =>
        each(part, index, (percent) => {
          percents[index] = percent;
          onProgress?.(Math.floor(percents.reduce((sum, p) => sum + p, 0) / parts.length));
        }),
      ),
    );
    const merged = mergePlanReports(reports);
    order = merged.report.readyIds.map((id, i) => ({ id, owner: merged.owners[i] ?? 0 })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return merged.report;
  };
  const cancel = () => {
    order = [];
    for (const part of parts) part.cancel();
  };
  return {
    async plan(source, mapping, office, places, onProgress) {
      cancel();
      try {
        return await join((part, index, progress) => part.plan(source, mapping, office, places, progress, { index, of: parts.length }), onProgress);
      } catch (error) {
        // One part failing (or cancelled) stops the others: their half plan is of no use.
        for (const part of parts) part.cancel();
        throw error;
      }
    },
    async replan(mapping, onProgress) {
      return join((part, _index, progress) => part.replan(mapping, progress), onProgress);
    },
    async batch(start, size) {
      const slice = order.slice(Math.max(0, start), Math.max(0, start) + Math.max(1, size));
      const asked = await Promise.all(parts.map((part, index) => {
        const ids = slice.filter((entry) => entry.owner === index).map((entry) => entry.id);
        return ids.length === 0 ? Promise.resolve([]) : part.items(ids);
      }));
      const byId = new Map(asked.flat().map((item) => [item.id, item]));
      return slice.flatMap((entry) => {
        const item = byId.get(entry.id);
        return item === undefined ? [] : [item];
      });
    },
    cancel,
  };
}

/** How many parts a file is judged in: one per core, two at most (two already keep a two-core machine busy; more parts would each parse the whole file again). */
function defaultParts(useWorker: boolean): number {
  if (!useWorker) return 1;
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency;
  return Math.max(1, Math.min(2, Number.isFinite(cores) ? cores : 1));
}

/**
 * The import's planner: in a worker (in the page where there are none), and in `parts`
 * workers at once where the machine has the cores (every part parses the file; each judges
 * its share of the rows).
 */
export function createImportPlanner(options: { useWorker?: boolean; parts?: number } = {}): ImportPlanner {
  const useWorker = options.useWorker ?? typeof Worker !== 'undefined';
  const parts = Math.max(1, Math.floor(options.parts ?? defaultParts(useWorker)));
  if (parts === 1) return createPartPlanner({ useWorker });
  return createSplitPlanner(Array.from({ length: parts }, () => createPartPlanner({ useWorker })));
}
