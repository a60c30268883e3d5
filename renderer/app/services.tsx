import { createContext, useContext } from 'react';
import type { Place } from '../../shared/places/place';
import type { Platform } from '../platform/platform';
import type { DraftStore } from '../store/draft-store';
import type { ObservationStore } from '../store/observation-store';
import type { SyncService } from '../sync/sync-service';

/** What the screens use, made once at boot and passed down. */
export interface AppServices {
  platform: Platform;
  store: ObservationStore;
  drafts: DraftStore;
  sync: SyncService;
  places: readonly Place[];
  placesById: ReadonlyMap<string, Place>;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('useServices outside ServicesContext');
  return services;
}
