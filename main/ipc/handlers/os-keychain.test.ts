import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { runIpcCall } from '../ipc-call';
import { keychainIsReal, keychainProtect, keychainStatus, keychainUnprotect, type OsKeychainEffects } from './os-keychain';

/** A stand-in for safeStorage: a marked, reversible scramble, refusing bytes it did not make. */
function fakeKeychain(patch: Partial<OsKeychainEffects> = {}): OsKeychainEffects {
  return {
    isEncryptionAvailable: () => Promise.resolve(true),
    storageBackend: () => 'gnome_libsecret',
    platform: 'linux',
    encryptString: vi.fn((text: string) => Promise.resolve(new Uint8Array([0x76, 0x31, ...new TextEncoder().encode(text).map((b) => b ^ 0x5a)]))),
    decryptString: vi.fn((bytes: Uint8Array) => {
      if (bytes[0] !== 0x76 || bytes[1] !== 0x31) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
      return Promise.resolve(new TextDecoder().decode(bytes.slice(2).map((b) => b ^ 0x5a)));
    }),
    ...patch,
  };
}

const APP_FRAME = { url: 'app://routewatch/index.html', isMainFrame: true };

describe('OS keychain handlers', () => {
  it.each([
    ['linux', 'gnome_libsecret', true, true],
    ['linux', 'kwallet5', true, true],
    ['linux', 'basic_text', true, false],
    ['linux', 'unknown', true, false],
    ['darwin', 'os', true, true],
    ['win32', 'os', true, true],
    ['darwin', 'os', false, false],
  ])('on %s with backend %s (available %s) the keychain is real: %s', async (platform, backend, available, real) => {
    const effects = fakeKeychain({ platform, storageBackend: () => backend, isEncryptionAvailable: () => Promise.resolve(available) });
    expect(await keychainIsReal(effects)).toBe(real);
    expect(await keychainStatus({}, effects)).toEqual({ ok: true, data: { real } });
  });

  it('protects bytes and gives the same bytes back', async () => {
    const effects = fakeKeychain();
    const key = crypto.getRandomValues(new Uint8Array(32));
    const protectedBytes = await keychainProtect({ bytes: key }, effects);
    if (!protectedBytes.ok) throw new Error('protect refused');
    expect(Buffer.from(protectedBytes.data.bytes).includes(Buffer.from(key))).toBe(false);
    expect(await keychainUnprotect({ bytes: protectedBytes.data.bytes }, effects)).toEqual({ ok: true, data: { bytes: key } });
  });

  it("refuses to protect on Linux's basic_text fallback, and never calls it", async () => {
    const effects = fakeKeychain({ storageBackend: () => 'basic_text' });
    expect(await keychainProtect({ bytes: new Uint8Array(32) }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(await keychainUnprotect({ bytes: new Uint8Array(32) }, effects)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(effects.encryptString).not.toHaveBeenCalled();
    expect(effects.decryptString).not.toHaveBeenCalled();
  });

  it('refuses bytes the keychain cannot decrypt instead of throwing', async () => {
    expect(await keychainUnprotect({ bytes: new Uint8Array([1, 2, 3]) }, fakeKeychain())).toEqual({ ok: false, error: { code: 'refused' } });
  });

  it('answers a forged sender with forbidden_sender and never reaches the keychain', async () => {
    const effects = fakeKeychain();
    for (const frame of [null, { url: 'https://evil.example/', isMainFrame: true }, { url: 'app://routewatch/index.html', isMainFrame: false }]) {
      const result = await runIpcCall('keychain:unprotect', frame, [{ bytes: new Uint8Array(8) }], keychainUnprotect, () => effects, vi.fn());
      expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(effects.decryptString).not.toHaveBeenCalled();
  });

  it('answers fuzzed payloads with invalid_request or refused, never a throw or data', async () => {
    const effects = fakeKeychain();
    const reportFailure = vi.fn();
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ bytes: fc.oneof(fc.anything(), fc.uint8Array({ maxLength: 2000 })) })), async (payload) => {
        tried += 1;
        const result = await runIpcCall('keychain:unprotect', APP_FRAME, [payload], keychainUnprotect, () => effects, reportFailure);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(reportFailure).not.toHaveBeenCalled();
    console.log(`keychain:unprotect fuzz: ${tried} payloads, 0 answers with data, 0 throws`);
  });

  it('refuses an empty or oversized payload before the handler runs', async () => {
    const effects = fakeKeychain();
    for (const bytes of [new Uint8Array(0), new Uint8Array(1025)]) {
      expect(await runIpcCall('keychain:protect', APP_FRAME, [{ bytes }], keychainProtect, () => effects, vi.fn())).toEqual({
        ok: false,
        error: { code: 'invalid_request' },
      });
    }
    expect(effects.encryptString).not.toHaveBeenCalled();
  });
});
