/**
 * How long the app may sit idle before it locks: a device setting, kept in localStorage
 * (it holds no record data, and it is read before anything is unlocked).
 */
export const IDLE_MINUTES_CHOICES = [1, 5, 10, 15, 30, 60] as const;
export const DEFAULT_IDLE_MINUTES = 10;
const KEY = 'routewatch.lock.idleMinutes';

export function readIdleMinutes(storage: Pick<Storage, 'getItem'> = localStorage): number {
  const value = Number(storage.getItem(KEY));
  return (IDLE_MINUTES_CHOICES as readonly number[]).includes(value) ? value : DEFAULT_IDLE_MINUTES;
}

export function writeIdleMinutes(minutes: number, storage: Pick<Storage, 'setItem'> = localStorage): void {
  if (!(IDLE_MINUTES_CHOICES as readonly number[]).includes(minutes)) throw new Error(`not an idle time choice: ${minutes}`);
  storage.setItem(KEY, String(minutes));
}
