import { z } from '../../shared/schema/zod';
import type { ThrottleRecord, ThrottleStorage } from './unlock-throttle';

/**
 * What the keyring database holds: the data key wrapped three ways, never the key
 * itself. Each wrap is AES-GCM (`wrapKey('raw', ...)`), so a wrong passphrase or
 * recovery key fails the tag check rather than yielding a wrong key.
 */
// By tag rather than `instanceof`: a record read back from IndexedDB (or cloned in a test's
// other realm) holds a Uint8Array whose constructor need not be this page's.
const bytes = z.custom<Uint8Array<ArrayBuffer>>((value) => Object.prototype.toString.call(value) === '[object Uint8Array]');

const wrappedKey = { iv: bytes, wrapped: bytes };

export const vaultRecordSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  /** Under a key derived from the passphrase; iterations and salt are stored so they can be raised later. */
  passphrase: z.object({ kdf: z.literal('PBKDF2-SHA256'), iterations: z.number().int().min(1), salt: bytes, ...wrappedKey }),
  /** Under a key derived from the recovery key (160 random bits: no stretching needed). */
  recovery: z.object({ kdf: z.literal('HKDF-SHA256'), salt: bytes, ...wrappedKey }),
  /** The key's bytes as the OS keychain encrypted them (Electron with a real keychain), else null. */
  keychain: z.object({ protected: bytes }).nullable(),
});

export type VaultRecord = z.infer<typeof vaultRecordSchema>;

/**
 * Where the record lives: `routewatch-keyring` in IndexedDB (keyring-storage.ts), or memory
 * in tests; the unlock throttle's record lives beside it (readable while locked).
 */
export interface VaultStorage extends ThrottleStorage {
  read(): Promise<unknown>;
  write(record: VaultRecord): Promise<void>;
}

/** A storage in memory, for tests and screens' stories; counts writes of the vault's record. */
export class MemoryVaultStorage implements VaultStorage {
  record: unknown = undefined;
  writes = 0;
  /** The unlock throttle's record, as stored (a test may put anything here). */
  throttle: unknown = undefined;

  readThrottle(): Promise<unknown> {
    return Promise.resolve(this.throttle === undefined ? undefined : structuredClone(this.throttle));
  }

  writeThrottle(record: ThrottleRecord | null): Promise<void> {
    this.throttle = record === null ? undefined : structuredClone(record);
    return Promise.resolve();
  }

  read(): Promise<unknown> {
    return Promise.resolve(this.record === undefined ? undefined : structuredClone(this.record));
  }

  write(record: VaultRecord): Promise<void> {
    this.writes += 1;
    this.record = structuredClone(record);
    return Promise.resolve();
  }
}
