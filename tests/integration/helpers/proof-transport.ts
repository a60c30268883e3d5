/**
 * The sync proof's wires: the SyncTransport port over app.inject (in process) and over
 * HTTP (a server in another process), and a wrapper that injects the faults a field
 * connection and a field laptop produce, counting each kind so that the proof can print
 * what it survived.
 */
import type { FastifyInstance } from 'fastify';
import type { PullResponse, PushRequest, PushResponse } from '../../../shared/sync/protocol';
import { SYNC_PROTOCOL_VERSION, errorBodySchema, pullResponseSchema, pushResponseSchema } from '../../../shared/sync/protocol';
import type { SyncTransport } from '../../../shared/sync/sync-engine';
import { SyncError } from '../../../shared/sync/sync-engine';

function failure(status: number, body: unknown): SyncError {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? new SyncError(parsed.data.error.code, parsed.data.error.message) : new SyncError('server_error', `HTTP ${status}`);
}

function pullQuery(after: string | null, limit: number, pending: number): Record<string, string> {
  const query: Record<string, string> = { protocolVersion: String(SYNC_PROTOCOL_VERSION), limit: String(limit), pending: String(pending) };
  if (after !== null) query.after = after;
  return query;
}

/** Talk to an in-process server as the device holding `token`. */
export function inProcessTransport(app: FastifyInstance, token: string): SyncTransport {
  const headers = { authorization: `Bearer ${token}` };
  return {
    async push(request: PushRequest): Promise<PushResponse> {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: request });
      if (res.statusCode !== 200) throw failure(res.statusCode, res.json());
      return pushResponseSchema.parse(res.json());
    },
    async pull(after, limit, pending): Promise<PullResponse> {
      const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers, query: pullQuery(after, limit, pending) });
      if (res.statusCode !== 200) throw failure(res.statusCode, res.json());
      return pullResponseSchema.parse(res.json());
    },
  };
}

/** Talk to a server in another process over HTTP (loopback). `baseUrl()` is read per request, so a restarted server may move. */
export function httpTransport(baseUrl: () => string, token: string): SyncTransport {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  async function call(url: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers });
    } catch (error) {
      // A server killed mid-request, or not listening yet: what a device meets as a cut connection.
      throw new SyncError('network_unreachable', error instanceof Error ? error.message : String(error));
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (res.status !== 200) throw failure(res.status, body);
    return body;
  }
  return {
    async push(request) {
      return pushResponseSchema.parse(await call(`${baseUrl()}/api/v1/sync/push`, { method: 'POST', body: JSON.stringify(request) }));
    },
    async pull(after, limit, pending) {
      const query = new URLSearchParams(pullQuery(after, limit, pending));
      return pullResponseSchema.parse(await call(`${baseUrl()}/api/v1/sync/pull?${query.toString()}`, { method: 'GET' }));
    },
  };
}

/** Probabilities of each fault, per request. */
export interface FaultPlan {
  /** The request never reaches the server. */
  drop: number;
  /** The server handles the request and commits; its answer is lost. */
  loseResponse: number;
  /** The server answers; the device dies before its bookkeeping (acknowledge / applyPulled). */
  crash: number;
  /** The device sends the same push batch twice (a retry racing the first try, or a proxy replaying it). */
  duplicate: number;
}

export const NO_FAULTS: FaultPlan = { drop: 0, loseResponse: 0, crash: 0, duplicate: 0 };

/** How many faults of each kind were injected (shared by every device of a run). */
export interface FaultCounts {
  dropped: number;
  lostResponse: number;
  crash: number;
  duplicate: number;
}

export function noFaultCounts(): FaultCounts {
  return { dropped: 0, lostResponse: 0, crash: 0, duplicate: 0 };
}

/**
 * The device died after the server answered and before it wrote down the answer. The
 * harness reopens the device's database from disk, as a restarted app would.
 */
export class DeviceCrash extends Error {
  constructor(readonly during: 'push' | 'pull') {
    super(`injected crash after the server's ${during} answer`);
    this.name = 'DeviceCrash';
  }
}

/** One answer of the server about one change, in the order the server gave them. */
export interface Verdict {
  changeId: string;
  recordId: string;
  outcome: 'accepted' | 'refused';
  code?: string;
}

/** What the server said about a device's changes, whichever way the answer travelled (lost answers included). */
export interface ServerVerdicts {
  accepted: Set<string>;
  refused: Map<string, string>;
  log: Verdict[];
}

export function noVerdicts(): ServerVerdicts {
  return { accepted: new Set(), refused: new Map(), log: [] };
}

function note(verdicts: ServerVerdicts, request: PushRequest, response: PushResponse): void {
  const recordOf = new Map(request.changes.map((c) => [c.changeId, c.record.id]));
  for (const result of response.results) {
    const recordId = recordOf.get(result.changeId) ?? '';
    if (result.outcome === 'accepted') {
      verdicts.accepted.add(result.changeId);
      verdicts.log.push({ changeId: result.changeId, recordId, outcome: 'accepted' });
    } else {
      verdicts.refused.set(result.changeId, result.code);
      verdicts.log.push({ changeId: result.changeId, recordId, outcome: 'refused', code: result.code });
    }
  }
}

export interface FaultyTransport extends SyncTransport {
  /** Faults on or off (the final rounds of a scenario run without). */
  faults: FaultPlan;
  /**
   * Whether the device dies now, midway through its bookkeeping of an answer (after
   * acknowledging the accepted changes, before setting the refused aside): drawn and
   * counted like the other crashes.
   */
  crashMidway(): boolean;
}

/**
 * Wrap a transport with injected faults drawn from `random` (seeded, so that a failing
 * run replays). Every push answer the server gave is noted in `verdicts`, even one the
 * device never received, so that the proof can check the server's own account.
 */
export function faultyTransport(
  inner: SyncTransport,
  faults: FaultPlan,
  random: () => number,
  counts: FaultCounts,
  verdicts: ServerVerdicts = noVerdicts(),
): FaultyTransport {
  /** After the server answered: the answer may be lost on the way, or the device may die before it files it. */
  const answerFate = (plan: FaultPlan, during: 'push' | 'pull'): void => {
    const fate = random();
    if (fate < plan.loseResponse) {
      counts.lostResponse += 1;
      throw new SyncError('network_unreachable', 'injected fault: answer lost');
    }
    if (fate < plan.loseResponse + plan.crash) {
      counts.crash += 1;
      throw new DeviceCrash(during);
    }
  };
  const transport: FaultyTransport = {
    faults,
    crashMidway() {
      if (random() >= transport.faults.crash / 2) return false;
      counts.crash += 1;
      return true;
    },
    async push(request) {
      const plan = transport.faults;
      if (random() < plan.drop) {
        counts.dropped += 1;
        throw new SyncError('network_unreachable', 'injected fault: request dropped');
      }
      let response: PushResponse;
      if (random() < plan.duplicate) {
        counts.duplicate += 1;
        // Both copies reach the server; the device reads the second answer.
        const [first, second] = await Promise.all([inner.push(request), inner.push(request)]);
        note(verdicts, request, first);
        response = second;
      } else {
        response = await inner.push(request);
      }
      note(verdicts, request, response);
      answerFate(plan, 'push');
      return response;
    },
    async pull(after, limit, pending) {
      const plan = transport.faults;
      if (random() < plan.drop) {
        counts.dropped += 1;
        throw new SyncError('network_unreachable', 'injected fault: request dropped');
      }
      const response = await inner.pull(after, limit, pending);
      answerFate(plan, 'pull');
      return response;
    },
  };
  return transport;
}
