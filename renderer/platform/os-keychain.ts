import type { RoutewatchBridge } from '../../shared/ipc/contract';

/**
 * The OS keychain (Electron's `safeStorage`), which can keep a second copy of the data
 * key so that a start on the user's own OS session needs no passphrase. `real` is
 * false in web mode (a browser has no such API) and on Linux's `basic_text` fallback.
 */
export interface OsKeychain {
  /** What kind of host answers: the screens say "not available in a browser" apart from "no keychain on this system". */
  readonly host: 'electron' | 'web';
  real(): Promise<boolean>;
  /** The bytes encrypted by the keychain. Throws where the keychain is not real. */
  protect(bytes: Uint8Array): Promise<Uint8Array>;
  /** The bytes `protect` was given; null when the keychain cannot read them (another user or machine). */
  unprotect(bytes: Uint8Array): Promise<Uint8Array | null>;
}

/** A browser: no keychain. The passphrase is the only way in. */
export const noKeychain: OsKeychain = {
  host: 'web',
  real: () => Promise.resolve(false),
  protect: () => Promise.reject(new Error('no OS keychain in a browser')),
  unprotect: () => Promise.resolve(null),
};

/** Electron: `keychain:*` over the preload bridge (main/ipc/handlers/os-keychain.ts). */
export function electronKeychain(bridge: RoutewatchBridge): OsKeychain {
  return {
    host: 'electron',
    async real() {
      const result = await bridge['keychain:status']({});
      return result.ok && result.data.real;
    },
    async protect(bytes) {
      const result = await bridge['keychain:protect']({ bytes: new Uint8Array(bytes) });
      if (!result.ok) throw new Error(`keychain refused: ${result.error.code}`);
      return result.data.bytes;
    },
    async unprotect(bytes) {
      const result = await bridge['keychain:unprotect']({ bytes: new Uint8Array(bytes) });
      return result.ok ? result.data.bytes : null;
    },
  };
}
