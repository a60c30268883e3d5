/**
 * Closing a push batch by size as well as by count: a batch of MAX_PUSH_BATCH records
 * each near MAX_RECORD_BYTES would pass the server's body limit and be refused whole,
 * again at every round, and the outbox would jam. The size counted is the JSON the
 * transport sends, so the device and the server measure alike.
 */
import { MAX_PUSH_BYTES, SYNC_PROTOCOL_VERSION } from './protocol';
import type { SyncChange } from './protocol';
import { utf8Length } from './record-size';

/** Room for the request around its changes: the version, the brackets, `pending`. */
const ENVELOPE_BYTES = 256;

/**
 * The oldest changes, in order, whose push request stays within `maxBytes`; always at
 * least the first, so that no change waits for ever behind its own size (the server
 * answers a record that is too large with `record_too_large`, for that change alone).
 */
export function fitPushBatch(changes: readonly SyncChange[], maxBytes: number = MAX_PUSH_BYTES): SyncChange[] {
  let used = ENVELOPE_BYTES + String(SYNC_PROTOCOL_VERSION).length;
  const fitted: SyncChange[] = [];
  for (const change of changes) {
    // The comma between changes counts too.
    const size = utf8Length(JSON.stringify(change)) + 1;
    if (fitted.length > 0 && used + size > maxBytes) break;
    used += size;
    fitted.push(change);
  }
  return fitted;
}
