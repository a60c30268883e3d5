/**
 * The import worker: parsing, mapping, matching and judging a file's rows off the
 * screen's thread (plan-session.ts), so that the screen stays responsive and Cancel is
 * immediate (the screen terminates the worker). Started by import-planner.ts.
 */
import '../../shared/schema/zod';
import { createPlanSession } from './plan-session';
import type { PlanReply, PlanRequest } from './plan-session';

/** What this file uses of a dedicated worker's global scope (the renderer's lib is the DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PlanRequest>) => void) | null;
  postMessage(message: PlanReply): void;
}

const scope = self as unknown as WorkerScope;
const session = createPlanSession((reply) => scope.postMessage(reply), { inWorker: true });
scope.onmessage = (event) => void session.handle(event.data);
