/**
 * Writing a checked import through the store's writer (`importObservations`: each
 * record with its outbox row, so it syncs), a batch per transaction, with progress and
 * cancel between batches. The records come from the import worker batch by batch in id
 * order (plan-session.ts); the next batch is asked for while the store writes this one.
 * A cancelled import keeps the batches already written (each is whole, and importing
 * the file again adds only what is missing) and says how many.
 */
import type { Profile } from '../store/meta-keys';
import type { ObservationStore } from '../store/observation-store';
import type { ImportItem } from './plan-session';

/**
 * Records per transaction: each transaction costs IndexedDB a commit, the store a read
 * of its clock and of the ids held, and the day index a rewrite of the days at its
 * edges, so fewer, larger ones are quicker (1,000 before the worker; 5,000 writes about
 * a second's worth on the benchmark machine); small enough that the bar moves and a
 * cancel lands within a second or two.
 */
export const IMPORT_BATCH = 5000;

export interface ImportOutcome {
  /** Records written. */
  added: number;
  /** Records whose id the device held already (imported before). */
  present: number;
  cancelled: boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Records handed to the store so far, of those to hand it (the records held already are not counted). */
  onProgress?: (done: number, total: number) => void;
  batch?: number;
  /** Ids the device was found to hold when the report was made: not handed to the store again. */
  held?: ReadonlySet<string>;
}

/** The ready records of a plan, `total` of them, batch by batch (import-planner.ts). */
export interface ImportBatches {
  total: number;
  batch(start: number, size: number): Promise<ImportItem[]>;
}

/** Ready rows held in memory, as batches in id order (the tests, and callers without a worker). */
export function batchesOf(items: readonly ImportItem[]): ImportBatches {
  const ordered = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { total: ordered.length, batch: (start, size) => Promise.resolve(ordered.slice(start, start + size)) };
}

/**
 * `records`: the worker's batches, or ready rows held in memory.
 *
 * Two batches overlap: the store checks and seals the next batch (work on this thread)
 * while IndexedDB commits this one (work in the browser's storage thread), as their
 * transactions still run one after the other in the order they were opened. So a cancel
 * lands after the batch under way when it came, and a failed batch lets the one begun
 * behind it finish before the error is reported: every batch written is whole.
 *
 * The next batch is begun once this one's records are handed to IndexedDB (the store's
 * `onIssued`), not when the one before it is committed: at that moment this batch's
 * transaction starts and needs this thread to build and hand over its records, and
 * checking and sealing the next batch there (a tenth of a second or more) left
 * IndexedDB idle that long, every batch.
 */
export async function runImport(store: Pick<ObservationStore, 'importObservations'>, records: ImportBatches | readonly ImportItem[], profile: Profile, options: RunOptions = {}): Promise<ImportOutcome> {
  const source = 'batch' in records ? records : batchesOf(records);
  const size = Math.max(1, options.batch ?? IMPORT_BATCH);
  const outcome: ImportOutcome = { added: 0, present: 0, cancelled: false };
  const toWrite = source.total - (options.held?.size ?? 0);
  let handed = 0;
  let next = source.total > 0 ? source.batch(0, size) : null;
  /** The batch being written: its items and the store's answer. */
  let writing: { items: readonly ImportItem[]; fresh: number; written: Promise<unknown[]> } | null = null;
  const settle = async (batch: NonNullable<typeof writing>): Promise<void> => {
    const written = await batch.written;
    outcome.added += written.length;
    outcome.present += batch.items.length - written.length;
    handed += batch.fresh;
    options.onProgress?.(Math.min(handed, toWrite), toWrite);
  };
  try {
    for (let start = 0; start < source.total && next !== null; start += size) {
      const items = await next;
      if (options.signal?.aborted) {
        outcome.cancelled = true;
        break;
      }
      // The worker copies out the next batch while the store writes this one.
      next = start + size < source.total ? source.batch(start + size, size) : null;
      const fresh = options.held ? items.filter((item) => !options.held?.has(item.id)) : items;
      let handedOver = (): void => undefined;
      const issued = new Promise<void>((resolve) => {
        handedOver = resolve;
      });
      const written = fresh.length === 0 ? Promise.resolve([]) : store.importObservations(fresh, profile, { onIssued: handedOver });
      const previous = writing;
      writing = { items, fresh: fresh.length, written };
      if (previous !== null) await settle(previous);
      // A batch that hands nothing over (all held, or failed) has ended instead.
      await Promise.race([issued, written.catch(() => undefined)]);
    }
    if (writing !== null) {
      const last = writing;
      writing = null;
      await settle(last);
    }
  } catch (error) {
    // The batch begun behind a failed one ends before the failure is told.
    await writing?.written.catch(() => undefined);
    throw error;
  } finally {
    // A batch asked for and not written (cancelled): its answer is not waited for.
    next?.catch(() => undefined);
  }
  return outcome;
}
