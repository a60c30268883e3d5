/**
 * The sync engine's transport over HTTP to the HQ server. Every failure becomes a
 * `SyncError` with a code from the shared closed union, so the status bar can say
 * what to do about it.
 */
import type { z } from '../../shared/schema/zod';
import {
  errorBodySchema,
  enrolResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  SYNC_PROTOCOL_VERSION,
} from '../../shared/sync/protocol';
import type { EnrolRequest, EnrolResponse, PushRequest } from '../../shared/sync/protocol';
import { SyncError } from '../../shared/sync/sync-engine';
import type { SyncTransport } from '../../shared/sync/sync-engine';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Requests that hang are cut, so that a dead connection surfaces as an error, not a spinner. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Normalise and check a server URL typed by a person. */
export function parseServerUrl(text: string): URL {
  const url = new URL(text.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('server URL must be http(s)');
  if (url.username || url.password) throw new Error('server URL must not carry credentials');
  // API paths are resolved relative to it, so a server under a sub-path keeps its prefix.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function codeForStatus(status: number): SyncError {
  if (status === 401) return new SyncError('unauthorized');
  if (status === 413) return new SyncError('payload_too_large');
  if (status === 429) return new SyncError('rate_limited');
  if (status >= 500) return new SyncError('server_error', `HTTP ${status}`);
  return new SyncError('invalid_request', `HTTP ${status}`);
}

async function request<T extends z.ZodType>(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  schema: T,
): Promise<z.output<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new SyncError('network_unreachable', error instanceof Error ? error.message : String(error));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw response.ok ? new SyncError('server_error', 'response was not JSON') : codeForStatus(response.status);
  }
  if (!response.ok) {
    const error = errorBodySchema.safeParse(body);
    throw error.success ? new SyncError(error.data.error.code, error.data.error.message) : codeForStatus(response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SyncError('server_error', 'response did not match the protocol');
  return parsed.data;
}

export function enrolDevice(fetchFn: FetchLike, serverUrl: URL, body: EnrolRequest): Promise<EnrolResponse> {
  return request(
    fetchFn,
    new URL('api/v1/enrolments', serverUrl).href,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    enrolResponseSchema,
  );
}

export function createHttpTransport(fetchFn: FetchLike, serverUrl: URL, token: string): SyncTransport {
  const auth = { authorization: `Bearer ${token}` };
  return {
    push: (body: PushRequest) =>
      request(
        fetchFn,
        new URL('api/v1/sync/push', serverUrl).href,
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) },
        pushResponseSchema,
      ),
    pull: (after, limit) => {
      const url = new URL('api/v1/sync/pull', serverUrl);
      url.searchParams.set('protocolVersion', String(SYNC_PROTOCOL_VERSION));
      url.searchParams.set('limit', String(limit));
      if (after !== null) url.searchParams.set('after', after);
      return request(fetchFn, url.href, { method: 'GET', headers: auth }, pullResponseSchema);
    },
  };
}
