/**
 * Whether rows read twice are the same: the check of a write computed outside its
 * transaction. Encryption cannot run inside an IndexedDB transaction (the transaction
 * ends while it waits for crypto.subtle), so a write that reads a record, decrypts it,
 * computes and encrypts does so first, then reads the rows again in its transaction and
 * writes only if nothing changed them meanwhile (else it starts again). Envelopes carry
 * a fresh IV each, so any rewrite of a row's protected part shows as a difference.
 */
import { isBytes } from '../crypto/record-cipher';

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isBytes(a) || isBytes(b)) {
    if (!isBytes(a) || !isBytes(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Readonly<Record<string, unknown>>;
  const rb = b as Readonly<Record<string, unknown>>;
  return ka.every((key) => Object.hasOwn(rb, key) && sameValue(ra[key], rb[key]));
}

export function sameRows(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((row, i) => sameValue(row, b[i]));
}

/** A write whose rows changed between its reading and its transaction: it is computed again. */
export class StaleReadError extends Error {
  constructor() {
    super('rows changed while the write was being prepared');
    this.name = 'StaleReadError';
  }
}

/** How many times a write is computed again before giving up (another writer keeps changing its rows). */
export const MAX_ATTEMPTS = 8;

/** Run `attempt` until it does not throw StaleReadError, at most MAX_ATTEMPTS times. */
export async function retryStale<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleReadError) || i >= MAX_ATTEMPTS) throw error;
    }
  }
}
