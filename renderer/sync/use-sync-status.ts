import { useEffect, useState } from 'react';
import type { SyncStatus } from './sync-status';

/** The part of the sync service a screen reads its status from (SyncService, or a test's fake). */
export interface SyncStatusSource {
  getStatus(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
}

/** The sync status, kept current: every screen that speaks of sync reads this one state. */
export function useSyncStatus(sync: SyncStatusSource): SyncStatus {
  const [status, setStatus] = useState(() => sync.getStatus());
  useEffect(() => sync.subscribe(setStatus), [sync]);
  return status;
}
