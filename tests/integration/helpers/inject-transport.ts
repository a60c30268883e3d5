/** The SyncTransport port over app.inject, and a wrapper that injects network faults. */
import type { FastifyInstance } from 'fastify';
import type { PullResponse, PushRequest, PushResponse } from '../../../shared/sync/protocol';
import { SYNC_PROTOCOL_VERSION, errorBodySchema, pullResponseSchema, pushResponseSchema } from '../../../shared/sync/protocol';
import type { SyncTransport } from '../../../shared/sync/sync-engine';
import { SyncError } from '../../../shared/sync/sync-engine';

function failure(status: number, body: unknown): SyncError {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? new SyncError(parsed.data.error.code, parsed.data.error.message) : new SyncError('server_error', `HTTP ${status}`);
}

/** Talk to an in-process server as a device holding `token`. */
export function injectTransport(app: FastifyInstance, token: string): SyncTransport {
  const headers = { authorization: `Bearer ${token}` };
  return {
    async push(request: PushRequest): Promise<PushResponse> {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: request });
      if (res.statusCode !== 200) throw failure(res.statusCode, res.json());
      return pushResponseSchema.parse(res.json());
    },
    async pull(after: string | null, limit: number, pending?: number): Promise<PullResponse> {
      const query: Record<string, string> = { protocolVersion: String(SYNC_PROTOCOL_VERSION), limit: String(limit) };
      if (after !== null) query.after = after;
      if (pending !== undefined) query.pending = String(pending);
      const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers, query });
      if (res.statusCode !== 200) throw failure(res.statusCode, res.json());
      return pullResponseSchema.parse(res.json());
    },
  };
}

export interface Faults {
  /** Probability that a request never reaches the server. */
  dropRequest: number;
  /** Probability that the server handles a request but its answer is lost. */
  dropResponse: number;
}

/** Wrap a transport so that requests or answers get lost, as on a field connection. */
export function faultyTransport(inner: SyncTransport, faults: Faults, random: () => number): SyncTransport {
  const cut = (): SyncError => new SyncError('network_unreachable', 'injected fault');
  return {
    async push(request) {
      if (random() < faults.dropRequest) throw cut();
      const response = await inner.push(request);
      if (random() < faults.dropResponse) throw cut();
      return response;
    },
    async pull(after, limit, pending) {
      if (random() < faults.dropRequest) throw cut();
      const response = await inner.pull(after, limit, pending);
      if (random() < faults.dropResponse) throw cut();
      return response;
    },
  };
}

/** A small seeded generator (mulberry32), so that a failing fault pattern can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
