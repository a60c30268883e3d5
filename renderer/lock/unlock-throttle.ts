/**
 * Slows guessing at the unlock screen: after each wrong passphrase or recovery key the
 * next attempt waits twice as long (1 s, 2 s, 4 s, ... up to 5 minutes); a right one
 * resets it. Kept in memory only: a wrong attempt must write nothing, so a reload
 * starts again at 1 s. What really costs a guesser is PBKDF2's 600,000 rounds per try,
 * and an attacker with the disk skips this screen anyway.
 */
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 5 * 60_000;

export class UnlockThrottle {
  private failures = 0;
  private notBefore = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** When the next attempt may be made, or null if it may be made now. */
  retryAt(): number | null {
    return this.now() < this.notBefore ? this.notBefore : null;
  }

  /** Counts a wrong attempt; returns when the next may be made. */
  failed(): number {
    this.failures += 1;
    const delay = Math.min(FIRST_DELAY_MS * 2 ** (this.failures - 1), MAX_DELAY_MS);
    this.notBefore = this.now() + delay;
    return this.notBefore;
  }

  succeeded(): void {
    this.failures = 0;
    this.notBefore = 0;
  }
}
