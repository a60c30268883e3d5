import { useEffect, useState } from 'react';
import type { SyncStatus } from '../sync/sync-status';
import type { SyncControl } from './attention-types';

/** The sync status, kept current: every screen that speaks of sync reads this one state. */
export function useSyncState(sync: SyncControl): SyncStatus {
  const [status, setStatus] = useState(() => sync.getStatus());
  useEffect(() => sync.subscribe(setStatus), [sync]);
  return status;
}
