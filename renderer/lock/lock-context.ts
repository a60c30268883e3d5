import { createContext, useContext } from 'react';
import type { ChangeResult } from './key-vault';

/** What the unlocked app may ask of the lock: the Settings panel and the "Lock now" button. */
export interface LockControls {
  lockNow(): void;
  readonly idleMinutes: number;
  setIdleMinutes(minutes: number): void;
  changePassphrase(current: string, next: string): Promise<ChangeResult>;
}

export const LockContext = createContext<LockControls | null>(null);

/** Null outside the lock gate (screen tests that render a screen alone). */
export function useLockControls(): LockControls | null {
  return useContext(LockContext);
}
