/** Test support: the app's services over a fresh fake-indexeddb store, and a screen rendered with them. */
import { render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Role } from '../../shared/access/roles';
import { PRESEVO } from './record-fixtures';
import { ServicesContext } from '../../renderer/app/services';
import type { AppServices } from '../../renderer/app/services';
import { createWebPlatform } from '../../renderer/platform/web-platform';
import { openDatabase } from '../../renderer/store/database';
import { DraftStore } from '../../renderer/store/draft-store';
import { ObservationStore } from '../../renderer/store/observation-store';
import { SyncService } from '../../renderer/sync/sync-service';
import { testCipher } from './test-cipher';


export function testServices(): AppServices {
  const store = new ObservationStore(openDatabase(`ui-${Math.random()}`), { cipher: testCipher() });
  // Offline and failing: a nudge to sync only counts what waits.
  const sync = new SyncService(store, { fetchFn: () => Promise.reject(new TypeError('offline')), isOnline: () => false });
  return { platform: createWebPlatform(window), store, drafts: new DraftStore(store.db, testCipher()), sync, places: [PRESEVO], placesById: new Map([[PRESEVO.id, PRESEVO]]) };
}

/** Who uses the test device: a profile name, and an enrolment with a role (none: not enrolled). */
export async function signIn(services: AppServices, name: string, role: Role | null, office = 'RS-BEL'): Promise<void> {
  await services.store.setMeta('profile', { author: name, office });
  if (role !== null) {
    await services.store.setMeta('enrolment', { serverUrl: 'http://127.0.0.1:9/', token: 't', deviceId: 'd1', office, role, enrolledAt: '2026-03-01T00:00:00.000Z' });
  }
}

export function renderWith(services: AppServices, ui: ReactNode): RenderResult {
  return render(<ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider>);
}

export function observationInput(patch: Record<string, unknown> = {}) {
  return {
    kind: 'group_sighting',
    observedStart: new Date(Date.now() - 3_600_000).toISOString(),
    placeId: 'rs-presevo',
    location: null,
    locationMethod: 'gazetteer',
    totalPersons: 12,
    summary: 'Twelve walking <b>north</b>',
    ...patch,
  };
}
