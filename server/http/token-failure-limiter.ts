/**
 * Failed token checks (device bearer tokens and the admin token) limited per client
 * address. Device tokens are 256-bit and cannot be guessed, but the admin token may be
 * one a person chose (ROUTEWATCH_ADMIN_TOKEN), and every failed device check costs a
 * database lookup: an address that keeps failing is told to wait (429 rate_limited).
 *
 * Two parts, so that a caller with a good token never waits on anyone's failures:
 * - The count of failures lives in the database (`rate_limits`, the same fixed windows
 *   as enrolment), written only when a check fails, so that every instance on one
 *   PostgreSQL counts together.
 * - Each process keeps, in memory, only the addresses it has seen go over the limit and
 *   until when. A check looks there first (one Map lookup, no query): a blocked address
 *   is answered 429 before its token is looked up; any other caller goes straight on.
 *   The map holds at most `maxTrackedAddresses` entries: when full, the oldest goes. Forgetting an address is safe, as the database still holds
 *   its count: its next failure blocks it again.
 * A successful check never resets the count (one good token would otherwise let its
 * holder keep guessing the admin token).
 */

/** Counts one failure of a key in its window: failures so far in the window and the ms left of it. */
export type CountFailure = (key: string, windowMs: number) => Promise<{ current: number; ttl: number }>;

export interface TokenFailureRateLimit {
  /** Failed checks an address may make in a window; the next is answered 429. */
  max: number;
  timeWindowMs: number;
  /** Blocked addresses remembered in memory (default 10,000). */
  maxTrackedAddresses?: number;
}

export const DEFAULT_TOKEN_FAILURE_RATE_LIMIT: TokenFailureRateLimit = { max: 10, timeWindowMs: 60_000 };

const DEFAULT_MAX_TRACKED = 10_000;

export class TokenFailureLimiter {
  /** Address -> time (ms, `now`) until which its token checks are refused. Insertion order is age. */
  private readonly blocked = new Map<string, number>();
  private readonly maxTracked: number;

  constructor(
    private readonly count: CountFailure,
    private readonly limit: TokenFailureRateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.maxTracked = Math.max(1, limit.maxTrackedAddresses ?? DEFAULT_MAX_TRACKED);
  }

  /** Milliseconds before this address may try a token again; 0 when it may now. No I/O. */
  waitFor(address: string): number {
    const until = this.blocked.get(address);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.blocked.delete(address);
    return 0;
  }

  /** Count a failed check of this address; resolves to the wait it now owes (0 while under the limit). */
  async recordFailure(address: string): Promise<number> {
    const { current, ttl } = await this.count(`token-check|${address}`, this.limit.timeWindowMs);
    if (current <= this.limit.max) return 0;
    const wait = Math.max(1, ttl);
    this.block(address, this.now() + wait);
    return wait;
  }

  /** How many addresses the process remembers (for tests of the memory bound). */
  get trackedAddresses(): number {
    return this.blocked.size;
  }

  private block(address: string, until: number): void {
    this.blocked.delete(address);
    while (this.blocked.size >= this.maxTracked) this.evict();
    this.blocked.set(address, until);
  }

  /**
   * Forget the oldest entry: with one window for every address, the oldest is the first
   * to expire. O(1), so that a flood of new addresses costs no walk of the map.
   */
  private evict(): void {
    const oldest = this.blocked.keys().next();
    if (oldest.done !== true) this.blocked.delete(oldest.value);
  }
}
