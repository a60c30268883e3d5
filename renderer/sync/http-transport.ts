/**
 * The sync engine's transport over HTTP to the HQ server (protocol 2). Every failure
 * becomes a `SyncError` with a code from the shared closed union, so the status bar can
 * say what to do about it.
 *
 * Request bodies of more than COMPRESS_FROM_BYTES are sent gzip-compressed
 * (`content-encoding: gzip`, CompressionStream) where the runtime has CompressionStream,
 * plain JSON otherwise; responses are decompressed by fetch itself.
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

/** Below this a body gains nothing from gzip (its header and trailer cost 18 bytes). */
export const COMPRESS_FROM_BYTES = 1024;

/** The server's clock as its last answer gave it, beside the device's clock at that moment. */
export interface ServerClockReading {
  serverTime: string;
  deviceTime: string;
}

/** The engine's transport, which also tells what the server's clock said last. */
export interface HttpSyncTransport extends SyncTransport {
  lastServerClock(): ServerClockReading | null;
}

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
  if (status === 403) return new SyncError('forbidden');
  // 426 Upgrade Required: a server that does not speak our version and has no body of ours.
  if (status === 426) return new SyncError('app_too_old');
  if (status === 413) return new SyncError('payload_too_large');
  if (status === 429) return new SyncError('rate_limited');
  if (status >= 500) return new SyncError('server_error', `HTTP ${status}`);
  return new SyncError('invalid_request', `HTTP ${status}`);
}

/** A JSON body, gzip-compressed when it is large enough to gain and the runtime can. */
export async function jsonBody(value: unknown): Promise<{ body: BodyInit; headers: Record<string, string> }> {
  const text = JSON.stringify(value);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (text.length < COMPRESS_FROM_BYTES || typeof CompressionStream === 'undefined') return { body: text, headers };
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  const body = new Uint8Array(await new Response(stream).arrayBuffer());
  return { body, headers: { ...headers, 'content-encoding': 'gzip' } };
}

export async function request<T extends z.ZodType>(
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

export async function enrolDevice(fetchFn: FetchLike, serverUrl: URL, body: EnrolRequest): Promise<EnrolResponse> {
  const { body: payload, headers } = await jsonBody(body);
  return request(fetchFn, new URL('api/v1/enrolments', serverUrl).href, { method: 'POST', headers, body: payload }, enrolResponseSchema);
}

export function createHttpTransport(
  fetchFn: FetchLike,
  serverUrl: URL,
  token: string,
  deviceNow: () => number = Date.now,
): HttpSyncTransport {
  const auth = { authorization: `Bearer ${token}` };
  let clock: ServerClockReading | null = null;
  const note = <T extends { serverTime: string }>(response: T): T => {
    clock = { serverTime: response.serverTime, deviceTime: new Date(deviceNow()).toISOString() };
    return response;
  };
  return {
    push: async (body: PushRequest) => {
      const { body: payload, headers } = await jsonBody(body);
      return note(
        await request(
          fetchFn,
          new URL('api/v1/sync/push', serverUrl).href,
          { method: 'POST', headers: { ...auth, ...headers }, body: payload },
          pushResponseSchema,
        ),
      );
    },
    pull: async (after, limit, pending, count) => {
      const url = new URL('api/v1/sync/pull', serverUrl);
      url.searchParams.set('protocolVersion', String(SYNC_PROTOCOL_VERSION));
      url.searchParams.set('limit', String(limit));
      if (after !== null) url.searchParams.set('after', after);
      url.searchParams.set('pending', String(pending));
      if (count === true) url.searchParams.set('count', '1');
      return note(await request(fetchFn, url.href, { method: 'GET', headers: auth }, pullResponseSchema));
    },
    lastServerClock: () => clock,
  };
}
