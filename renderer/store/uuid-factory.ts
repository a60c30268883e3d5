import { v7 as uuidv7 } from 'uuid';

/** crypto.getRandomValues fills at most 65,536 bytes per call: 4,096 ids of 16 bytes. */
const POOL_IDS = 4096;

/**
 * UUIDv7 ids with their random bits drawn from a pooled buffer: one
 * getRandomValues call per 4,096 ids instead of one per id, which made id
 * generation a large share of a bulk insert.
 */
export function createUuidFactory(): () => string {
  let pool = new Uint8Array(0);
  let next = POOL_IDS;
  return () => {
    if (next >= POOL_IDS) {
      pool = crypto.getRandomValues(new Uint8Array(POOL_IDS * 16));
      next = 0;
    }
    const offset = next * 16;
    next += 1;
    return uuidv7({ random: pool.subarray(offset, offset + 16) });
  };
}
