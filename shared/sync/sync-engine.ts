/**
 * The sync engine: pure logic over two ports, so that tests can run several clients
 * against an in-process server and inject faults between them.
 *
 * One round: push the outbox in batches (the server answers for each change: accepted
 * ones leave the outbox, refused ones are set aside for a person and stop holding up
 * the rest), then pull pages after the stored cursor,
 * applying each page and its cursor together. Every step is safe to repeat: a retried
 * push is recognised by its change ids, a re-pulled page merges to the same result.
 *
 * The device's work and the server's overlap: while the server takes one batch, the
 * device reads the next (leaving out the records in flight) and files the answer to
 * the one before; while the device applies one page, the next is on its way. Order is
 * kept where it matters: pages are applied in cursor order, and a batch's answer is
 * filed before the batch after next is read. A round that fails waits for what it has
 * in flight to settle before it throws, so nothing of it runs on after it.
 */
import { MAX_PULL_PAGE, MAX_PUSH_BATCH, MAX_PUSH_BYTES, SYNC_PROTOCOL_VERSION } from './protocol';
import { fitPushBatch } from './push-batch';
import type { ChangeRefusalCode, DeviceName, PulledChange, PullResponse, PushRequest, PushResponse, SyncChange, SyncErrorCode } from './protocol';

/** A change the server refused, with its reason: set aside on the device for a person to look at. */
export interface RefusedChange {
  change: SyncChange;
  code: ChangeRefusalCode;
  message: string;
}

export interface ApplyOptions {
  /**
   * The person confirmed a pull that deletes or overwrites a large share of the
   * device's records. Without it such a page stops the round with `mass_change`
   * (a `MassChangeError`) and applies nothing.
   */
  confirmMassChange: boolean;
  /**
   * The server's clock when it answered the page (ms), when known. Stamps are judged
   * against the later of it and the device's clock: the server has already refused
   * stamps ahead of its own clock, so a device whose clock is behind still takes the
   * page, and its HLC moves past what it received (its next edit sorts after them).
   */
  serverTimeMs?: number;
  /** The names of the devices the page's records were recorded on, as the server gave them. */
  devices?: readonly DeviceName[];
}

/** The device's side: its outbox, its cursor and its records. */
export interface SyncStore {
  /**
   * Oldest changes not yet acknowledged by the server, at most `limit`, leaving out the
   * records in `exclude` (those of a batch still in flight).
   */
  pendingChanges(limit: number, exclude?: ReadonlySet<string>): Promise<SyncChange[]>;
  /**
   * Drop acknowledged changes from the outbox. A record edited again after the push
   * began has a newer change id than the one acknowledged, and stays queued.
   */
  acknowledge(changes: readonly SyncChange[]): Promise<void>;
  /**
   * Move refused changes out of the outbox into the device's "Needs attention" list,
   * with their reasons, in one transaction: they stop holding up the changes behind
   * them, and nothing of them is lost.
   */
  setAside(refused: readonly RefusedChange[]): Promise<void>;
  /** How many records wait in the outbox (a kept count, reported to the server). */
  pendingCount(): Promise<number>;
  /** Cursor of the last pulled page applied, or null before the first pull. */
  getCursor(): Promise<string | null>;
  /**
   * Merge a pulled page into the records and store its cursor, in one transaction,
   * so that a cut between the two cannot skip or lose a page.
   */
  applyPulled(changes: readonly PulledChange[], cursor: string | null, options: ApplyOptions): Promise<void>;
}

/** The wire: implementations throw `SyncError` for every failure. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  /** `count`: ask the server to count the changes left after the page (`remaining`). */
  pull(after: string | null, limit: number, pending: number, count?: boolean): Promise<PullResponse>;
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

/**
 * A pull page held back because it would delete or overwrite a large share of the
 * device's records (see ApplyOptions.confirmMassChange). Nothing of it was applied.
 */
export class MassChangeError extends SyncError {
  constructor(
    /** Records the page would mark deleted. */
    readonly deletes: number,
    /** Records whose values on this device the page would replace. */
    readonly overwrites: number,
    /** Records this device holds. */
    readonly held: number,
  ) {
    super('mass_change', `a pulled page would delete ${String(deletes)} and overwrite ${String(overwrites)} of ${String(held)} records`);
    this.name = 'MassChangeError';
  }
}

export interface SyncRoundResult {
  /** Changes the server accepted. */
  pushed: number;
  /** Changes the server refused, now in "Needs attention". */
  refused: number;
  /**
   * Changes the server refused as stamped too far ahead of its clock: kept in the
   * outbox (see runSyncRound), not set aside.
   */
  skewed: number;
  pulled: number;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  /** Changes done in this phase of the round. */
  done: number;
  /** Changes still to come, when known (the server counts what is left to pull). */
  remaining: number | null;
}

export interface SyncOptions {
  pushBatch?: number;
  /** Most bytes of JSON per push request (at most MAX_PUSH_BYTES). */
  pushBytes?: number;
  pullPage?: number;
  /** Upper bound on pages per round, so that one round always ends. */
  maxPages?: number;
  /** See ApplyOptions. */
  confirmMassChange?: boolean;
  onProgress?: (progress: SyncProgress) => void;
}

/** Answers of one push, sorted for the store. */
interface FiledAnswers {
  acknowledged: SyncChange[];
  setAside: RefusedChange[];
  skewed: number;
}

function sortAnswers(batch: readonly SyncChange[], response: PushResponse): FiledAnswers {
  const results = new Map(response.results.map((result) => [result.changeId, result]));
  const answers: FiledAnswers = { acknowledged: [], setAside: [], skewed: 0 };
  for (const change of batch) {
    const result = results.get(change.changeId);
    if (result?.outcome === 'accepted') answers.acknowledged.push(change);
    // A stamp ahead of the server's clock comes from this device's clock, and every
    // later change of this device carries one as far ahead (an HLC never goes back):
    // it is not wrong, only early, and the server takes it once its clock has caught
    // up. So it stays queued rather than filling "Needs attention", and this round
    // pushes no further (the next batch would begin with it again). The clock notice
    // (the service compares serverTime) tells the person why.
    else if (result?.outcome === 'refused' && result.code === 'clock_skew') answers.skewed += 1;
    else if (result?.outcome === 'refused') answers.setAside.push({ change, code: result.code, message: result.message });
  }
  // A server that answers for none of a non-empty batch would make us loop forever.
  // Changes it left unanswered stay queued for the next round.
  if (answers.acknowledged.length + answers.setAside.length + answers.skewed === 0) throw new SyncError('server_error', 'server answered for none of the changes');
  return answers;
}

/** Waits for a request still in flight to end, its outcome ignored: the round is failing for another reason. */
async function settle(inFlight: Promise<unknown> | null): Promise<void> {
  if (inFlight === null) return;
  try {
    await inFlight;
  } catch {
    // Its failure is not the round's: the error being thrown is.
  }
}

/**
 * A request started now and awaited later: marked handled at once, so that a failure
 * while the device is busy elsewhere is not reported as unhandled (awaiting it later
 * still throws).
 */
function started<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined);
  return request;
}

const recordIdsOf = (batch: readonly SyncChange[]): Set<string> => new Set(batch.map((change) => change.record.id));

export async function runSyncRound(
  store: SyncStore,
  transport: SyncTransport,
  options: SyncOptions = {},
): Promise<SyncRoundResult> {
  const pushBatch = Math.min(options.pushBatch ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
  const pushBytes = Math.min(options.pushBytes ?? MAX_PUSH_BYTES, MAX_PUSH_BYTES);
  const pullPage = Math.min(options.pullPage ?? MAX_PULL_PAGE, MAX_PULL_PAGE);
  const maxPages = options.maxPages ?? 10_000;

  const applyOptions: ApplyOptions = { confirmMassChange: options.confirmMassChange ?? false };
  const progress = options.onProgress ?? (() => undefined);

  let pushed = 0;
  let refused = 0;
  let skewed = 0;
  // Closed by size as well as count, so that large records never make a request the
  // server refuses whole; what does not fit goes in the next batch.
  const nextBatch = async (inFlight?: ReadonlySet<string>): Promise<SyncChange[]> => fitPushBatch(await store.pendingChanges(pushBatch, inFlight), pushBytes);
  let batch = await nextBatch();
  let sent = 0;
  let inFlight: Promise<PushResponse> | null = null;
  let pendingAtSend = 0;
  if (batch.length > 0 && maxPages > 0) {
    pendingAtSend = await store.pendingCount();
    inFlight = started(transport.push({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: batch, pending: pendingAtSend }));
    sent = 1;
  }
  while (inFlight !== null) {
    const current: Promise<PushResponse> = inFlight;
    inFlight = null;
    let next: SyncChange[];
    let answers: FiledAnswers;
    try {
      // The next batch is read while the server takes this one.
      next = sent < maxPages ? await nextBatch(recordIdsOf(batch)) : [];
      answers = sortAnswers(batch, await current);
    } catch (error) {
      await settle(current);
      throw error;
    }
    const answered = answers.acknowledged.length + answers.setAside.length;
    const going = answers.skewed === 0 && next.length > 0;
    if (going) {
      // Sent before this answer is filed, so the server works while the device does.
      // The count reported leaves out what this answer settles.
      const pendingNow = Math.max(0, (await store.pendingCount()) - answered);
      inFlight = started(transport.push({ protocolVersion: SYNC_PROTOCOL_VERSION, changes: next, pending: pendingNow }));
      sent += 1;
    }
    try {
      await store.acknowledge(answers.acknowledged);
      await store.setAside(answers.setAside);
    } catch (error) {
      await settle(inFlight);
      throw error;
    }
    pushed += answers.acknowledged.length;
    refused += answers.setAside.length;
    skewed += answers.skewed;
    progress({ phase: 'push', done: pushed + refused, remaining: Math.max(0, pendingAtSend - answered) });
    if (!going) break;
    batch = next;
    pendingAtSend = Math.max(0, pendingAtSend - answered);
  }

  let pulled = 0;
  let cursor = await store.getCursor();
  // What is left to pull, as counted by the server on the first page and then kept here:
  // a count walks every change left, so asking on every page would cost the server the
  // square of a first pull. Asked again if changes pushed meanwhile outrun the count.
  let remaining: number | null = null;
  const requestPage = (after: string | null, count: boolean): Promise<PullResponse> =>
    started(store.pendingCount().then((pending) => transport.pull(after, pullPage, pending, count)));
  let page: Promise<PullResponse> | null = maxPages > 0 ? requestPage(cursor, true) : null;
  for (let pages = 1; page !== null; pages++) {
    const response = await page;
    page = null;
    const nextCursor = response.cursor ?? cursor;
    if (response.remaining !== undefined) remaining = response.remaining;
    else if (remaining !== null) remaining = Math.max(0, remaining - response.changes.length);
    // The next page travels while this one is applied; it is applied after it, in order.
    if (response.hasMore && pages < maxPages) page = requestPage(nextCursor, remaining === 0);
    const serverTimeMs = Date.parse(response.serverTime);
    try {
      const options: ApplyOptions = { ...applyOptions, ...(Number.isFinite(serverTimeMs) ? { serverTimeMs } : {}), ...(response.devices === undefined ? {} : { devices: response.devices }) };
    await store.applyPulled(response.changes, nextCursor, options);
    } catch (error) {
      await settle(page);
      throw error;
    }
    pulled += response.changes.length;
    cursor = nextCursor;
    progress({ phase: 'pull', done: pulled, remaining: response.hasMore ? (remaining === 0 ? null : remaining) : 0 });
    if (!response.hasMore) break;
  }
  return { pushed, refused, skewed, pulled };
}
