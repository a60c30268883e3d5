/**
 * Writing a planned import through the store's writer (`importObservations`: each
 * record with its outbox row, so it syncs), a batch per transaction, with progress and
 * cancel between batches. A cancelled import keeps the batches already written (each is
 * whole, and importing the file again adds only what is missing) and says how many.
 */
import type { ReadyRow } from '../../shared/import/import-rows';
import type { Profile } from '../store/meta-keys';
import type { ObservationStore } from '../store/observation-store';

/** Records per transaction: big enough that a transaction's cost is spread, small enough for a smooth bar. */
export const IMPORT_BATCH = 1000;

export interface ImportOutcome {
  /** Records written. */
  added: number;
  /** Records whose id the device held already (imported before). */
  present: number;
  cancelled: boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  batch?: number;
}

export async function runImport(store: Pick<ObservationStore, 'importObservations'>, ready: readonly ReadyRow[], profile: Profile, options: RunOptions = {}): Promise<ImportOutcome> {
  const batch = Math.max(1, options.batch ?? IMPORT_BATCH);
  const outcome: ImportOutcome = { added: 0, present: 0, cancelled: false };
  // In id order, which is observation-time order (import-id.ts): a batch then touches a
  // few days of the day index, not every day of the file (a file sorted by place would
  // otherwise rewrite each day's row once per batch), and its keys sit together.
  const ordered = [...ready].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let start = 0; start < ordered.length; start += batch) {
    if (options.signal?.aborted) {
      outcome.cancelled = true;
      break;
    }
    const slice = ordered.slice(start, start + batch);
    const written = await store.importObservations(
      slice.map((row) => ({ id: row.id, candidate: row.candidate })),
      profile,
    );
    outcome.added += written.length;
    outcome.present += slice.length - written.length;
    options.onProgress?.(start + slice.length, ordered.length);
  }
  return outcome;
}
