/**
 * Slows guessing at the unlock screen: after each wrong passphrase or recovery key the
 * next attempt waits twice as long (1 s, 2 s, 4 s, ... up to 5 minutes); a right one
 * resets it. What really costs a guesser is PBKDF2's 600,000 rounds per try, and an
 * attacker with the disk skips this screen anyway; the wait is for the person at the
 * keyboard of a lost or seized laptop.
 *
 * Kept beside the wrapped key (the keyring database, keyring-storage.ts), outside the
 * encrypted data, since it must work while locked: a reload, a second window or a new
 * start sees the same wait, instead of starting again at 1 s. What is stored is the count
 * of failures and the time of the next try. The stored state is never trusted to be
 * lenient: anything that does not parse counts as the longest wait, and a next try further
 * away than the longest wait (the clock was set back, or the record was edited) is
 * brought back to the longest wait from now, never to no wait. A clock set forward does
 * shorten the wait: the page has no clock of its own that survives a reload.
 */
import { z } from '../../shared/schema/zod';

export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 5 * 60_000;
/** The failures from which every wait is the longest (1 s doubled 9 times is past 5 minutes). */
export const FAILURES_AT_MAX = Math.ceil(Math.log2(MAX_DELAY_MS / FIRST_DELAY_MS)) + 1;
/** Counted no further: the wait is the longest long before, and the number stays exact. */
const MAX_COUNTED_FAILURES = 1_000_000;

export const throttleRecordSchema = z
  .object({
    format: z.literal(1),
    failures: z.number().int().min(1).max(MAX_COUNTED_FAILURES),
    /** When the next attempt may be made (ms since 1970). */
    retryAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

export type ThrottleRecord = z.infer<typeof throttleRecordSchema>;

/** Where the throttle's record lives: beside the vault's record, readable while locked. */
export interface ThrottleStorage {
  readThrottle(): Promise<unknown>;
  /** null removes it (a right passphrase). */
  writeThrottle(record: ThrottleRecord | null): Promise<void>;
}

/** The wait after this many failures in a row. */
export function delayAfter(failures: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** (Math.min(failures, FAILURES_AT_MAX) - 1), MAX_DELAY_MS);
}

/**
 * The stored state as it may be believed at `now`: null for none; the longest wait from
 * now for one that does not parse; a next try beyond the longest wait brought back to it.
 * `rewrite`: the record should be stored as returned, so the next reader gets the same
 * time of the next try rather than a new "longest wait from now".
 */
export function trustedThrottle(raw: unknown, now: number): { record: ThrottleRecord | null; rewrite: boolean } {
  if (raw === undefined || raw === null) return { record: null, rewrite: false };
  const parsed = throttleRecordSchema.safeParse(raw);
  if (!parsed.success) return { record: { format: 1, failures: FAILURES_AT_MAX, retryAt: now + MAX_DELAY_MS }, rewrite: true };
  if (parsed.data.retryAt > now + MAX_DELAY_MS) return { record: { ...parsed.data, retryAt: now + MAX_DELAY_MS }, rewrite: true };
  return { record: parsed.data, rewrite: false };
}

/** A read that failed is not "no throttle". */
const UNREADABLE = Symbol('unreadable');

export class UnlockThrottle {
  /** This window's own count, in case the storage fails to keep it: never less strict than memory. */
  private floor: ThrottleRecord | null = null;
  /** One read-count-write at a time, so two quick failures count twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: ThrottleStorage,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** When the next attempt may be made, or null if it may be made now. */
  retryAt(): Promise<number | null> {
    return this.serial(async () => {
      const record = await this.current();
      return record !== null && this.now() < record.retryAt ? record.retryAt : null;
    });
  }

  /** Counts a wrong attempt; returns when the next may be made. */
  failed(): Promise<number> {
    return this.serial(async () => {
      const failures = Math.min((await this.current())?.failures ?? 0, MAX_COUNTED_FAILURES - 1) + 1;
      const record: ThrottleRecord = { format: 1, failures, retryAt: this.now() + delayAfter(failures) };
      this.floor = record;
      await this.storage.writeThrottle(record).catch((error: unknown) => {
        console.warn('The unlock wait could not be stored; it holds in this window only', error);
      });
      return record.retryAt;
    });
  }

  succeeded(): Promise<void> {
    return this.serial(async () => {
      this.floor = null;
      // A wait that could not be cleared only stays stricter: the right passphrase still opens.
      await this.storage.writeThrottle(null).catch((error: unknown) => {
        console.warn('The unlock wait could not be cleared', error);
      });
    });
  }

  /** The stricter of what is stored and what this window counted. */
  private async current(): Promise<ThrottleRecord | null> {
    const raw = await this.storage.readThrottle().catch(() => UNREADABLE);
    const now = this.now();
    const { record, rewrite } = trustedThrottle(raw === UNREADABLE ? 'unreadable' : raw, now);
    if (rewrite && raw !== UNREADABLE && record !== null) {
      await this.storage.writeThrottle(record).catch(() => undefined);
    }
    const floor = this.floor === null ? null : trustedThrottle(this.floor, now).record;
    if (record === null) return floor;
    if (floor === null) return record;
    return { format: 1, failures: Math.max(record.failures, floor.failures), retryAt: Math.max(record.retryAt, floor.retryAt) };
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
