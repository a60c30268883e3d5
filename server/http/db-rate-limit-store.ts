import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/db';

/** Counters older than this are deleted now and then; every window we use is far shorter. */
const STALE_AFTER = "interval '1 day'";
const CLEANUP_PROBABILITY = 0.01;

interface HitRow {
  [column: string]: unknown;
  hits: unknown;
  ttl_ms: unknown;
}

/**
 * Count one hit of `key` in its fixed window of `windowMs` (the first hit opens the
 * window, a hit after it closes starts a new one): the hits so far in the window and
 * the milliseconds left of it. Shared by every server instance on one database.
 */
export async function countHit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const rows = await db.query<HitRow>(
    `INSERT INTO rate_limits AS r (key, window_start, hits) VALUES ($1, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2::float8 / 1000) THEN 1 ELSE r.hits + 1 END,
       window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2::float8 / 1000) THEN now() ELSE r.window_start END
     RETURNING hits,
       GREATEST(0, EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2::float8 / 1000) - now())) * 1000)::float8 AS ttl_ms`,
    [key, windowMs],
  );
  if (Math.random() < CLEANUP_PROBABILITY) {
    await db.query(`DELETE FROM rate_limits WHERE window_start < now() - ${STALE_AFTER}`);
  }
  const row = rows[0];
  if (!row) throw new Error('rate limit counter not written');
  return { current: Number(row.hits), ttl: Math.ceil(Number(row.ttl_ms)) };
}

/**
 * A @fastify/rate-limit store that counts in the database, so that every server
 * instance on one PostgreSQL shares the counts (the plugin's default counts per process).
 * A fixed window per key: the first hit opens it, hits after it closes start a new one.
 */
export function dbRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  class DbRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    /** The plugin constructs the root store with its options; child() passes a key prefix. */
    constructor(prefixOrPluginOptions?: unknown) {
      this.prefix = typeof prefixOrPluginOptions === 'string' ? prefixOrPluginOptions : '';
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      this.hit(`${this.prefix}${key}`, timeWindow).then(
        (result) => {
          callback(null, result);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }

    child(routeOptions: { method?: unknown; url?: unknown; routeInfo?: { method?: unknown; url?: unknown } }): FastifyRateLimitStore {
      const route = routeOptions.routeInfo ?? routeOptions;
      return new DbRateLimitStore(`${String(route.method)} ${String(route.url)}|`);
    }

    private hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
      return countHit(db, key, windowMs);
    }
  }
  return DbRateLimitStore;
}
