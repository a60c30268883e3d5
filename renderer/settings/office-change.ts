/**
 * Enrolment into another office while changes wait: the sync service holds it and
 * throws an OfficeChangeError (renderer/sync/sync-service.ts), read here by its shape so
 * that the screen's tests can throw a plain Error of that shape from a fake.
 */
export interface OfficeChangeHold {
  currentOffice: string;
  newOffice: string;
  waiting: number;
}

export function officeChangeOf(error: unknown): OfficeChangeHold | null {
  if (!(error instanceof Error) || error.name !== 'OfficeChangeError') return null;
  const e = error as Error & Partial<OfficeChangeHold>;
  if (typeof e.currentOffice !== 'string' || typeof e.newOffice !== 'string' || typeof e.waiting !== 'number') return null;
  return { currentOffice: e.currentOffice, newOffice: e.newOffice, waiting: e.waiting };
}
