/**
 * How the proof reads a device's "Needs attention" list: the changes the server refused,
 * set aside by `SyncStore.setAside` with their reasons and the record as pushed.
 */
import type { SyncChange } from '../../../shared/sync/protocol';
import type { ProofDevice } from './proof-device';

export interface AttentionItem {
  change: SyncChange;
  code: string;
}

/** The device's "Needs attention" list, as the screens read it. */
export async function attentionOf(device: ProofDevice): Promise<AttentionItem[]> {
  const rows = await device.store.attentionItems();
  return rows.map((row) => ({ change: { changeId: row.changeId, record: row.record }, code: row.code }));
}
