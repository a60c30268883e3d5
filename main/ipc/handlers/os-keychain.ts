import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import type { IpcRequestData } from '../ipc-call';

/** What the keychain handlers use of Electron's `safeStorage` and the OS. */
export interface OsKeychainEffects {
  /** `safeStorage.isAsyncEncryptionAvailable()`. */
  readonly isEncryptionAvailable: () => Promise<boolean>;
  /** `safeStorage.getSelectedStorageBackend()`: Linux only ('basic_text', 'gnome_libsecret', 'kwallet5', ...). */
  readonly storageBackend: () => string;
  /** `process.platform`. */
  readonly platform: string;
  /** `safeStorage.encryptStringAsync`. */
  readonly encryptString: (text: string) => Promise<Uint8Array>;
  /** `safeStorage.decryptStringAsync(...).result`; rejects bytes it did not make. */
  readonly decryptString: (bytes: Uint8Array) => Promise<string>;
}

/**
 * Linux backends that are not a keychain: `basic_text` encrypts with a key written in
 * Chromium's source, `unknown` has not been chosen yet. Either way a copy of the key
 * protected by them is as good as a plain copy, so the passphrase stays required.
 */
const NOT_A_KEYCHAIN = new Set(['basic_text', 'unknown']);

/** True where `safeStorage` is backed by a real OS keychain (Keychain, DPAPI, libsecret, KWallet). */
export async function keychainIsReal(effects: OsKeychainEffects): Promise<boolean> {
  if (!(await effects.isEncryptionAvailable())) return false;
  if (effects.platform !== 'linux') return true;
  return !NOT_A_KEYCHAIN.has(effects.storageBackend());
}

/** 'keychain:status': whether the data key may also be kept under the OS keychain. */
export async function keychainStatus(
  _request: IpcRequestData<'keychain:status'>,
  effects: OsKeychainEffects,
): Promise<IpcResult<IpcResponse<'keychain:status'>>> {
  return { ok: true, data: { real: await keychainIsReal(effects) } };
}

// safeStorage takes and returns strings; the bytes travel through it as base64.
function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** 'keychain:protect': the bytes encrypted by the OS keychain; refused where it is not real. */
export async function keychainProtect(
  request: IpcRequestData<'keychain:protect'>,
  effects: OsKeychainEffects,
): Promise<IpcResult<IpcResponse<'keychain:protect'>>> {
  if (!(await keychainIsReal(effects))) return { ok: false, error: { code: 'refused' } };
  return { ok: true, data: { bytes: new Uint8Array(await effects.encryptString(toBase64(request.bytes))) } };
}

/**
 * 'keychain:unprotect': the bytes `keychainProtect` was given. Bytes the keychain cannot
 * decrypt (another user, another machine, tampered) are refused, not thrown.
 */
export async function keychainUnprotect(
  request: IpcRequestData<'keychain:unprotect'>,
  effects: OsKeychainEffects,
): Promise<IpcResult<IpcResponse<'keychain:unprotect'>>> {
  if (!(await keychainIsReal(effects))) return { ok: false, error: { code: 'refused' } };
  let text: string;
  try {
    text = await effects.decryptString(request.bytes);
  } catch {
    return { ok: false, error: { code: 'refused' } };
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return { ok: false, error: { code: 'refused' } };
  return { ok: true, data: { bytes: new Uint8Array(Buffer.from(text, 'base64')) } };
}
