import { useEffect, useState } from 'react';
import type { SyncService, SyncStatus } from './sync-service';

export function useSyncStatus(sync: SyncService): SyncStatus {
  const [status, setStatus] = useState(() => sync.getStatus());
  useEffect(() => sync.subscribe(setStatus), [sync]);
  return status;
}
