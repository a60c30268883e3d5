/**
 * How the proof reads a device's "Needs attention" list: the changes the server refused,
 * set aside by `SyncStore.setAside` with their reasons. Read straight from the device's
 * database, as the screens' list would show it after a restart.
 */
import type { SyncChange } from '../../../shared/sync/protocol';
import type { ProofDevice } from './proof-device';

export interface AttentionItem {
  change: SyncChange;
  code: string;
}

interface StoredAttention {
  change?: SyncChange;
  code?: string;
}

/** The device's "Needs attention" list (empty when the store keeps none). */
export async function attentionOf(device: ProofDevice): Promise<AttentionItem[]> {
  const table = device.store.db.tables.find((t) => t.name === 'attention');
  if (table === undefined) return [];
  const rows = (await table.toArray()) as StoredAttention[];
  return rows.flatMap((row) => (row.change !== undefined ? [{ change: row.change, code: row.code ?? 'unknown' }] : []));
}
