/**
 * The data key and the ways to it. On first start a random AES-GCM 256 data key is
 * made and stored only wrapped: under a key derived from the passphrase (PBKDF2-SHA256),
 * under a key derived from a recovery key shown once, and, in Electron with a real OS
 * keychain, as the keychain encrypted it. The app is handed a non-extractable copy
 * (encrypt/decrypt): no code in the page can read the key's bytes back out of it.
 *
 * A wrong passphrase or recovery key leaves the vault's record as it was and makes the
 * next attempt wait (unlock-throttle.ts; the wait is stored beside the record, so a
 * reload keeps it). Changing the passphrase re-wraps the same data key: records
 * encrypted under it are never touched.
 */
import type { OsKeychain } from '../platform/os-keychain';
import { normaliseRecoveryKey, newRecoveryKey } from './recovery-key';
import { UnlockThrottle } from './unlock-throttle';
import { vaultRecordSchema, type VaultRecord, type VaultStorage } from './vault-record';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.5 s in Chromium on a laptop. */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
// Bound into each wrap's tag, so a wrapped key cannot be moved from one slot to another.
const PASSPHRASE_AAD = new TextEncoder().encode('routewatch data key / passphrase / v1');
const RECOVERY_AAD = new TextEncoder().encode('routewatch data key / recovery key / v1');
const APP_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

export type VaultState = 'new' | 'locked' | 'damaged';

export type AttemptFailure =
  /** The passphrase or recovery key did not open the key. Nothing was written. */
  | { ok: false; reason: 'wrong'; retryAt: number }
  /** Too soon after a wrong attempt; it was not tried. */
  | { ok: false; reason: 'throttled'; retryAt: number }
  /** Not a recovery key at all (length, characters); not counted as a guess. */
  | { ok: false; reason: 'malformed'; retryAt: null }
  /** No vault, or one that cannot be read. */
  | { ok: false; reason: 'no-vault'; retryAt: null };

export type UnlockResult = { ok: true; dataKey: CryptoKey } | AttemptFailure;
/** A recovery key opened the key: the only way on is a new passphrase. */
export type RecoverResult = { ok: true; setPassphrase: (passphrase: string) => Promise<CryptoKey> } | AttemptFailure;
export type ChangeResult = { ok: true } | AttemptFailure;

export interface KeyVaultOptions {
  readonly keychain: OsKeychain;
  /** PBKDF2 rounds for new wraps; an unlock re-wraps a key stored with fewer. Tests lower it. */
  readonly iterations?: number;
  readonly now?: () => number;
  readonly subtle?: SubtleCrypto;
  readonly random?: <T extends Uint8Array>(bytes: T) => T;
}

export class KeyVault {
  private readonly subtle: SubtleCrypto;
  private readonly random: <T extends Uint8Array>(bytes: T) => T;
  private readonly iterations: number;
  private readonly throttle: UnlockThrottle;

  constructor(
    private readonly storage: VaultStorage,
    private readonly options: KeyVaultOptions,
  ) {
    this.subtle = options.subtle ?? crypto.subtle;
    this.random = options.random ?? ((bytes) => crypto.getRandomValues(bytes));
    this.iterations = options.iterations ?? PBKDF2_ITERATIONS;
    // Beside the wrapped key, so that a reload or another window keeps the wait.
    this.throttle = new UnlockThrottle(storage, options.now);
  }

  async state(): Promise<VaultState> {
    const raw = await this.storage.read();
    if (raw === undefined || raw === null) return 'new';
    return vaultRecordSchema.safeParse(raw).success ? 'locked' : 'damaged';
  }

  /**
   * When the next passphrase or recovery key may be tried, or null for now: the wait of
   * earlier wrong attempts, also those made before a reload or in another window.
   */
  retryAt(): Promise<number | null> {
    return this.throttle.retryAt();
  }

  /** Whether this start may open the key through the OS keychain, without the passphrase. */
  async keychainUnlockAvailable(): Promise<boolean> {
    const record = await this.record();
    return record?.keychain != null && (await this.options.keychain.real());
  }

  /**
   * First start: make the data key and store it wrapped. Returns the app's key and the
   * recovery key, which is shown once and kept nowhere.
   */
  async setUp(passphrase: string): Promise<{ dataKey: CryptoKey; recoveryKey: string }> {
    if ((await this.state()) !== 'new') throw new Error('a key vault exists already');
    const key = await this.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, APP_USAGES);
    const recoveryKey = newRecoveryKey(this.random);
    const recoverySalt = this.random(new Uint8Array(SALT_BYTES));
    const recoveryKek = await this.recoveryKek(normaliseRecoveryKey(recoveryKey) ?? '', recoverySalt);
    const raw = new Uint8Array(await this.subtle.exportKey('raw', key));
    try {
      const record: VaultRecord = {
        format: 1,
        createdAt: new Date(this.options.now?.() ?? Date.now()).toISOString(),
        passphrase: await this.passphraseWrap(key, passphrase),
        recovery: { kdf: 'HKDF-SHA256', salt: recoverySalt, ...(await this.wrap(key, recoveryKek, RECOVERY_AAD)) },
        keychain: await this.keychainCopy(raw),
      };
      await this.storage.write(record);
      return { dataKey: await this.appKey(raw), recoveryKey };
    } finally {
      raw.fill(0);
    }
  }

  async unlockWithPassphrase(passphrase: string): Promise<UnlockResult> {
    const record = await this.record();
    if (record === null) return { ok: false, reason: 'no-vault', retryAt: null };
    const retryAt = await this.throttle.retryAt();
    if (retryAt !== null) return { ok: false, reason: 'throttled', retryAt };
    const key = await this.openPassphraseWrap(record, passphrase);
    if (key === null) return { ok: false, reason: 'wrong', retryAt: await this.throttle.failed() };
    await this.throttle.succeeded();
    // Stored with fewer rounds than we now ask for: re-wrap while the passphrase is at hand.
    if (record.passphrase.iterations < this.iterations) {
      await this.storage.write({ ...record, passphrase: await this.passphraseWrap(key, passphrase) });
    }
    return { ok: true, dataKey: await this.appKeyFrom(key) };
  }

  /** Start-up in Electron with a real keychain: the OS session stands in for the passphrase. */
  async unlockWithKeychain(): Promise<CryptoKey | null> {
    const record = await this.record();
    if (record?.keychain == null || !(await this.options.keychain.real())) return null;
    const raw = await this.options.keychain.unprotect(record.keychain.protected);
    if (raw === null || raw.length !== 32) return null;
    try {
      return await this.appKey(raw);
    } finally {
      raw.fill(0);
    }
  }

  /**
   * A recovery key typed by the user. When it opens the key, the caller must set a new
   * passphrase (`setPassphrase`) to get the app's key: the one forgotten is replaced.
   */
  async recover(typed: string): Promise<RecoverResult> {
    const record = await this.record();
    if (record === null) return { ok: false, reason: 'no-vault', retryAt: null };
    const characters = normaliseRecoveryKey(typed);
    if (characters === null) return { ok: false, reason: 'malformed', retryAt: null };
    const retryAt = await this.throttle.retryAt();
    if (retryAt !== null) return { ok: false, reason: 'throttled', retryAt };
    const kek = await this.recoveryKek(characters, record.recovery.salt);
    const key = await this.unwrap(record.recovery, kek, RECOVERY_AAD);
    if (key === null) return { ok: false, reason: 'wrong', retryAt: await this.throttle.failed() };
    await this.throttle.succeeded();
    return {
      ok: true,
      setPassphrase: async (passphrase) => {
        const current = (await this.record()) ?? record;
        await this.storage.write({ ...current, passphrase: await this.passphraseWrap(key, passphrase) });
        return this.appKeyFrom(key);
      },
    };
  }

  /** Re-wraps the data key under a new passphrase; the current one must open it first. */
  async changePassphrase(current: string, next: string): Promise<ChangeResult> {
    const record = await this.record();
    if (record === null) return { ok: false, reason: 'no-vault', retryAt: null };
    const retryAt = await this.throttle.retryAt();
    if (retryAt !== null) return { ok: false, reason: 'throttled', retryAt };
    const key = await this.openPassphraseWrap(record, current);
    if (key === null) return { ok: false, reason: 'wrong', retryAt: await this.throttle.failed() };
    await this.throttle.succeeded();
    await this.storage.write({ ...record, passphrase: await this.passphraseWrap(key, next) });
    return { ok: true };
  }

  private async record(): Promise<VaultRecord | null> {
    const parsed = vaultRecordSchema.safeParse(await this.storage.read());
    return parsed.success ? parsed.data : null;
  }

  /** The data key, extractable so that it can be wrapped again, or null for a wrong passphrase. */
  private async openPassphraseWrap(record: VaultRecord, passphrase: string): Promise<CryptoKey | null> {
    const kek = await this.passphraseKek(passphrase, record.passphrase.salt, record.passphrase.iterations);
    return this.unwrap(record.passphrase, kek, PASSPHRASE_AAD);
  }

  private async passphraseWrap(key: CryptoKey, passphrase: string): Promise<VaultRecord['passphrase']> {
    const salt = this.random(new Uint8Array(SALT_BYTES));
    const kek = await this.passphraseKek(passphrase, salt, this.iterations);
    return { kdf: 'PBKDF2-SHA256', iterations: this.iterations, salt, ...(await this.wrap(key, kek, PASSPHRASE_AAD)) };
  }

  private async passphraseKek(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
    // NFC: the same passphrase typed on another keyboard or OS gives the same bytes.
    const base = await this.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
    return this.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [
      'wrapKey',
      'unwrapKey',
    ]);
  }

  private async recoveryKek(characters: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
    const base = await this.subtle.importKey('raw', new TextEncoder().encode(characters), 'HKDF', false, ['deriveKey']);
    return this.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt, info: RECOVERY_AAD },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['wrapKey', 'unwrapKey'],
    );
  }

  private async wrap(key: CryptoKey, kek: CryptoKey, aad: Uint8Array<ArrayBuffer>): Promise<{ iv: Uint8Array<ArrayBuffer>; wrapped: Uint8Array<ArrayBuffer> }> {
    const iv = this.random(new Uint8Array(IV_BYTES));
    const wrapped = new Uint8Array(await this.subtle.wrapKey('raw', key, kek, { name: 'AES-GCM', iv, additionalData: aad }));
    return { iv, wrapped };
  }

  private async unwrap(slot: { iv: Uint8Array; wrapped: Uint8Array }, kek: CryptoKey, aad: Uint8Array<ArrayBuffer>): Promise<CryptoKey | null> {
    try {
      return await this.subtle.unwrapKey(
        'raw',
        new Uint8Array(slot.wrapped),
        kek,
        { name: 'AES-GCM', iv: new Uint8Array(slot.iv), additionalData: aad },
        { name: 'AES-GCM', length: 256 },
        true,
        APP_USAGES,
      );
    } catch {
      // AES-GCM's tag did not match: the wrong passphrase or key (or a changed record).
      return null;
    }
  }

  private async keychainCopy(raw: Uint8Array): Promise<VaultRecord['keychain']> {
    if (!(await this.options.keychain.real())) return null;
    try {
      return { protected: new Uint8Array(await this.options.keychain.protect(raw)) };
    } catch (error) {
      // The passphrase still opens the key; the keychain only saves typing it at start.
      console.warn('The OS keychain did not take a copy of the data key', error);
      return null;
    }
  }

  private async appKeyFrom(extractable: CryptoKey): Promise<CryptoKey> {
    const raw = new Uint8Array(await this.subtle.exportKey('raw', extractable));
    try {
      return await this.appKey(raw);
    } finally {
      raw.fill(0);
    }
  }

  /** The key as the app gets it: not extractable, for encrypt and decrypt only. */
  private appKey(raw: Uint8Array): Promise<CryptoKey> {
    return this.subtle.importKey('raw', new Uint8Array(raw), { name: 'AES-GCM' }, false, APP_USAGES);
  }
}
