/**
 * The sync engine: pure logic over two ports, so that tests can run several clients
 * against an in-process server and inject faults between them.
 *
 * One round: push the outbox in batches (the server answers with the change ids it now
 * holds, and only those leave the outbox), then pull pages after the stored cursor,
 * applying each page and its cursor together. Every step is safe to repeat: a retried
 * push is recognised by its change ids, a re-pulled page merges to the same result.
 */
import { MAX_PULL_PAGE, MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION } from './protocol';
import type { PullResponse, PushRequest, PushResponse, SyncChange, SyncErrorCode } from './protocol';

/** The device's side: its outbox, its cursor and its records. */
export interface SyncStore {
  /** Oldest changes not yet acknowledged by the server, at most `limit`. */
  pendingChanges(limit: number): Promise<SyncChange[]>;
  /**
   * Drop acknowledged changes from the outbox. A record edited again after the push
   * began has a newer change id than the one acknowledged, and stays queued.
   */
  acknowledge(changes: readonly SyncChange[]): Promise<void>;
  /** Cursor of the last pulled page applied, or null before the first pull. */
  getCursor(): Promise<string | null>;
  /**
   * Merge a pulled page into the records and store its cursor, in one transaction,
   * so that a cut between the two cannot skip or lose a page.
   */
  applyPulled(changes: readonly SyncChange[], cursor: string | null): Promise<void>;
}

/** The wire: implementations throw `SyncError` for every failure. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(after: string | null, limit: number): Promise<PullResponse>;
}

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'SyncError';
  }
}

export interface SyncRoundResult {
  pushed: number;
  pulled: number;
}

export interface SyncOptions {
  pushBatch?: number;
  pullPage?: number;
  /** Upper bound on pages per round, so that one round always ends. */
  maxPages?: number;
}

export async function runSyncRound(
  store: SyncStore,
  transport: SyncTransport,
  options: SyncOptions = {},
): Promise<SyncRoundResult> {
  const pushBatch = Math.min(options.pushBatch ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
  const pullPage = Math.min(options.pullPage ?? MAX_PULL_PAGE, MAX_PULL_PAGE);
  const maxPages = options.maxPages ?? 10_000;

  let pushed = 0;
  for (let page = 0; page < maxPages; page++) {
    const batch = await store.pendingChanges(pushBatch);
    if (batch.length === 0) break;
    const response = await transport.push({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: batch });
    const accepted = new Set(response.accepted);
    const acknowledged = batch.filter((c) => accepted.has(c.changeId));
    // A server that acknowledges nothing of a non-empty batch would make us loop forever.
    if (acknowledged.length === 0) throw new SyncError('server_error', 'server acknowledged none of the changes');
    await store.acknowledge(acknowledged);
    pushed += acknowledged.length;
  }

  let pulled = 0;
  let cursor = await store.getCursor();
  for (let page = 0; page < maxPages; page++) {
    const response = await transport.pull(cursor, pullPage);
    await store.applyPulled(response.changes, response.cursor ?? cursor);
    pulled += response.changes.length;
    cursor = response.cursor ?? cursor;
    if (!response.hasMore) break;
  }
  return { pushed, pulled };
}
