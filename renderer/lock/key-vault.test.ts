import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OsKeychain } from '../platform/os-keychain';
import { noKeychain } from '../platform/os-keychain';
import { KeyVault, PBKDF2_ITERATIONS } from './key-vault';
import { IndexedDbVaultStorage } from './keyring-storage';
import { FAILURES_AT_MAX, MAX_DELAY_MS, throttleRecordSchema } from './unlock-throttle';
import { MemoryVaultStorage, vaultRecordSchema, type VaultStorage } from './vault-record';

// PBKDF2 at 600,000 rounds costs about half a second a try: one test proves the default, the rest use fewer.
const FAST = 1000;
const PASS = 'correct horse battery staple';
const NEW_PASS = 'a different long passphrase';

function vault(storage = new MemoryVaultStorage(), keychain: OsKeychain = noKeychain, iterations = FAST) {
  return { storage, vault: new KeyVault(storage, { keychain, iterations }) };
}

async function encrypt(key: CryptoKey, text: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text))) };
}

async function decrypt(key: CryptoKey, sealed: { iv: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> }) {
  return new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data));
}

function unlocked<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('KeyVault', () => {
  it('stores the data key wrapped under PBKDF2-SHA256 at 600,000 rounds by default and opens it with the passphrase', async () => {
    const storage = new MemoryVaultStorage();
    const v = new KeyVault(storage, { keychain: noKeychain });
    expect(await v.state()).toBe('new');
    const { dataKey } = await v.setUp(PASS);
    const record = vaultRecordSchema.parse(storage.record);
    expect(record.passphrase).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(record.passphrase.salt).toHaveLength(16);
    expect(await v.state()).toBe('locked');

    const sealed = await encrypt(dataKey, 'Sensitive note');
    const again = unlocked(await v.unlockWithPassphrase(PASS));
    expect(await decrypt(again.dataKey, sealed)).toBe('Sensitive note');
  });

  it('hands the app a non-extractable AES-GCM key for encrypt and decrypt only', async () => {
    const { vault: v } = vault();
    const { dataKey } = await v.setUp(PASS);
    const opened = unlocked(await v.unlockWithPassphrase(PASS)).dataKey;
    for (const key of [dataKey, opened]) {
      expect(key.extractable).toBe(false);
      expect([...key.usages].sort()).toEqual(['decrypt', 'encrypt']);
      expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
      await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    }
  });

  it('gives each vault its own salt and data key', async () => {
    const a = vault();
    const b = vault();
    const keyA = (await a.vault.setUp(PASS)).dataKey;
    await b.vault.setUp(PASS);
    const recordA = vaultRecordSchema.parse(a.storage.record);
    const recordB = vaultRecordSchema.parse(b.storage.record);
    expect(recordA.passphrase.salt).not.toEqual(recordB.passphrase.salt);
    const sealed = await encrypt(keyA, 'x');
    const keyB = unlocked(await b.vault.unlockWithPassphrase(PASS)).dataKey;
    await expect(decrypt(keyB, sealed)).rejects.toThrow();
  });

  it('refuses to set up over an existing vault', async () => {
    const { vault: v } = vault();
    await v.setUp(PASS);
    await expect(v.setUp(NEW_PASS)).rejects.toThrow(/exists/);
  });

  it('a wrong passphrase is refused and writes nothing', async () => {
    const { vault: v, storage } = vault();
    await v.setUp(PASS);
    const before = structuredClone(storage.record);
    const writes = storage.writes;
    const result = await v.unlockWithPassphrase('correct horse battery stapler');
    expect(result).toMatchObject({ ok: false, reason: 'wrong' });
    expect(storage.writes).toBe(writes);
    expect(storage.record).toEqual(before);
  });

  it('no other passphrase opens the key, and none writes anything (property)', async () => {
    const storage = new MemoryVaultStorage();
    await new KeyVault(storage, { keychain: noKeychain, iterations: 100 }).setUp(PASS);
    const before = structuredClone(storage.record);
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 300 }).filter((p) => p.normalize('NFC') !== PASS),
        async (guess) => {
          tried += 1;
          // A fresh vault per guess and no stored wait (the throttle is tested below): the same stored record.
          storage.throttle = undefined;
          const result = await new KeyVault(storage, { keychain: noKeychain, iterations: 100 }).unlockWithPassphrase(guess);
          expect(result).toMatchObject({ ok: false, reason: 'wrong' });
        },
      ),
      { numRuns: 60 },
    );
    expect(storage.writes).toBe(1);
    expect(storage.record).toEqual(before);
    console.log(`wrong passphrases tried: ${tried}, unlocked 0, writes 0`);
  });

  it('throttles attempts with a growing delay, and a right passphrase resets it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'));
    const storage = new MemoryVaultStorage();
    const v = new KeyVault(storage, { keychain: noKeychain, iterations: FAST, now: () => Date.now() });
    await v.setUp(PASS);
    const start = Date.now();

    expect(await v.unlockWithPassphrase('wrong one')).toEqual({ ok: false, reason: 'wrong', retryAt: start + 1000 });
    // Too soon: refused without trying, even the right passphrase.
    expect(await v.unlockWithPassphrase(PASS)).toEqual({ ok: false, reason: 'throttled', retryAt: start + 1000 });
    vi.advanceTimersByTime(1000);
    expect(await v.unlockWithPassphrase('wrong two')).toEqual({ ok: false, reason: 'wrong', retryAt: start + 1000 + 2000 });
    vi.advanceTimersByTime(1999);
    expect(await v.unlockWithPassphrase(PASS)).toMatchObject({ ok: false, reason: 'throttled' });
    vi.advanceTimersByTime(1);
    expect(await v.unlockWithPassphrase('wrong three')).toEqual({ ok: false, reason: 'wrong', retryAt: Date.now() + 4000 });
    vi.advanceTimersByTime(4000);
    expect((await v.unlockWithPassphrase(PASS)).ok).toBe(true);
    // Reset: the next wrong attempt waits 1 s again.
    expect(await v.unlockWithPassphrase('wrong four')).toEqual({ ok: false, reason: 'wrong', retryAt: Date.now() + 1000 });
  });

  it('changing the passphrase re-wraps the same data key: what it encrypted before decrypts after', async () => {
    const { vault: v, storage } = vault();
    const { dataKey } = await v.setUp(PASS);
    const sealed = await encrypt(dataKey, 'Unaccompanied child, 14');
    const recoveryBefore = vaultRecordSchema.parse(storage.record).recovery;

    expect(await v.changePassphrase(PASS, NEW_PASS)).toEqual({ ok: true });

    expect(await v.unlockWithPassphrase(PASS)).toMatchObject({ ok: false, reason: 'wrong' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 1000);
    const after = unlocked(await v.unlockWithPassphrase(NEW_PASS)).dataKey;
    expect(await decrypt(after, sealed)).toBe('Unaccompanied child, 14');
    // Only the passphrase's wrap changed.
    expect(vaultRecordSchema.parse(storage.record).recovery).toEqual(recoveryBefore);
  });

  it('a wrong current passphrase changes nothing', async () => {
    const { vault: v, storage } = vault();
    await v.setUp(PASS);
    const before = structuredClone(storage.record);
    expect(await v.changePassphrase('not the passphrase', NEW_PASS)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(storage.record).toEqual(before);
  });

  it('shows a recovery key of at least 128 bits in readable groups, which opens the key and leads to a new passphrase', async () => {
    const { vault: v, storage } = vault();
    const { dataKey, recoveryKey } = await v.setUp(PASS);
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    // 32 characters of base32: 160 bits.
    expect(recoveryKey.replace(/-/g, '').length * 5).toBeGreaterThanOrEqual(128);
    const sealed = await encrypt(dataKey, 'kept');

    // Typed in lower case, with spaces, and O for 0: still read.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const recovered = unlocked(await v.recover(typed));
    const key = await recovered.setPassphrase(NEW_PASS);
    expect(await decrypt(key, sealed)).toBe('kept');
    expect(key.extractable).toBe(false);
    expect(storage.writes).toBe(2);

    expect((await v.unlockWithPassphrase(NEW_PASS)).ok).toBe(true);
  });

  it('a wrong recovery key is refused, counted and writes nothing; a malformed one is not counted as a guess', async () => {
    const { vault: v, storage } = vault();
    const { recoveryKey } = await v.setUp(PASS);
    const before = structuredClone(storage.record);
    expect(await v.recover('ABCD-1234')).toEqual({ ok: false, reason: 'malformed', retryAt: null });
    const wrongKey = recoveryKey.startsWith('0') ? `1${recoveryKey.slice(1)}` : `0${recoveryKey.slice(1)}`;
    expect(await v.recover(wrongKey)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await v.recover(recoveryKey)).toMatchObject({ ok: false, reason: 'throttled' });
    expect(storage.record).toEqual(before);
  });

  it('raises the rounds of a key stored with fewer on the next unlock', async () => {
    const storage = new MemoryVaultStorage();
    const { dataKey } = await new KeyVault(storage, { keychain: noKeychain, iterations: FAST }).setUp(PASS);
    const sealed = await encrypt(dataKey, 'still readable');
    const stronger = new KeyVault(storage, { keychain: noKeychain, iterations: 2 * FAST });
    const opened = unlocked(await stronger.unlockWithPassphrase(PASS)).dataKey;
    expect(vaultRecordSchema.parse(storage.record).passphrase.iterations).toBe(2 * FAST);
    expect(await decrypt(opened, sealed)).toBe('still readable');
    expect((await stronger.unlockWithPassphrase(PASS)).ok).toBe(true);
  });

  it('a vault record that does not parse is reported as damaged and opens nothing', async () => {
    const { vault: v, storage } = vault();
    storage.record = { format: 1, passphrase: 'garbage' };
    expect(await v.state()).toBe('damaged');
    expect(await v.unlockWithPassphrase(PASS)).toEqual({ ok: false, reason: 'no-vault', retryAt: null });
  });

  it('a changed byte of the wrapped key fails like a wrong passphrase', async () => {
    const { vault: v, storage } = vault();
    await v.setUp(PASS);
    const record = vaultRecordSchema.parse(storage.record);
    record.passphrase.wrapped[3] = (record.passphrase.wrapped[3] ?? 0) ^ 1;
    storage.record = record;
    expect(await v.unlockWithPassphrase(PASS)).toMatchObject({ ok: false, reason: 'wrong' });
  });
});

describe('KeyVault with the OS keychain', () => {
  function fakeKeychain(real: boolean) {
    const protect = vi.fn((bytes: Uint8Array) => Promise.resolve(new Uint8Array([9, ...bytes.map((b) => b ^ 0xff)])));
    const keychain: OsKeychain = {
      host: 'electron',
      real: () => Promise.resolve(real),
      protect,
      unprotect: (bytes: Uint8Array) => Promise.resolve(bytes[0] === 9 ? bytes.slice(1).map((b) => b ^ 0xff) : null),
    };
    return { keychain, protect };
  }

  it('keeps a keychain copy where the keychain is real, which opens the same key at start', async () => {
    const { keychain } = fakeKeychain(true);
    const { vault: v, storage } = vault(new MemoryVaultStorage(), keychain);
    const { dataKey } = await v.setUp(PASS);
    expect(vaultRecordSchema.parse(storage.record).keychain).not.toBeNull();
    expect(await v.keychainUnlockAvailable()).toBe(true);
    const sealed = await encrypt(dataKey, 'via keychain');
    const key = await v.unlockWithKeychain();
    if (key === null) throw new Error('keychain unlock failed');
    expect(key.extractable).toBe(false);
    expect(await decrypt(key, sealed)).toBe('via keychain');
  });

  it("keeps no keychain copy where the keychain is not real (Linux basic_text): the passphrase is required", async () => {
    const { keychain, protect } = fakeKeychain(false);
    const { vault: v, storage } = vault(new MemoryVaultStorage(), keychain);
    await v.setUp(PASS);
    expect(protect).not.toHaveBeenCalled();
    expect(vaultRecordSchema.parse(storage.record).keychain).toBeNull();
    expect(await v.keychainUnlockAvailable()).toBe(false);
    expect(await v.unlockWithKeychain()).toBeNull();
  });
});

describe('IndexedDbVaultStorage', () => {
  it("keeps the vault in its own database, which a new start reads", async () => {
    const name = `keyring-test-${crypto.randomUUID()}`;
    const first = new KeyVault(new IndexedDbVaultStorage(indexedDB, name), { keychain: noKeychain, iterations: FAST });
    expect(await first.state()).toBe('new');
    const { dataKey } = await first.setUp(PASS);
    const sealed = await encrypt(dataKey, 'after restart');
    const second = new KeyVault(new IndexedDbVaultStorage(indexedDB, name), { keychain: noKeychain, iterations: FAST });
    expect(await second.state()).toBe('locked');
    expect(await decrypt(unlocked(await second.unlockWithPassphrase(PASS)).dataKey, sealed)).toBe('after restart');
    expect((await indexedDB.databases()).map((d) => d.name)).toContain(name);
  });
});

describe('the unlock wait survives a reload', () => {
  const T0 = new Date('2026-12-05T10:00:00Z').getTime();

  /** A vault over the given storage with its own clock: a new one over the same storage is a reload. */
  function atClock(storage: VaultStorage, clock: { now: number }) {
    return new KeyVault(storage, { keychain: noKeychain, iterations: FAST, now: () => clock.now });
  }

  for (const [name, makeStorage] of [
    ['in memory', () => new MemoryVaultStorage()],
    ['in IndexedDB', () => new IndexedDbVaultStorage(indexedDB, `keyring-throttle-${crypto.randomUUID()}`)],
  ] as const) {
    it(`fail 3 times, reload: still throttled with the same retryAt; the count goes on; a success clears it (${name})`, async () => {
      const storage = makeStorage();
      const clock = { now: T0 };
      const first = atClock(storage, clock);
      await first.setUp(PASS);
      let retryAt = 0;
      for (const wrong of ['one', 'two', 'three']) {
        const result = await first.unlockWithPassphrase(wrong);
        expect(result).toMatchObject({ ok: false, reason: 'wrong' });
        retryAt = result.ok ? 0 : (result.retryAt ?? 0);
        clock.now = retryAt;
      }
      // Three failures: 1 s, 2 s, then 4 s; the page reloads 1 s into the last wait.
      clock.now = retryAt - 3000;

      // The reload: a new vault, nothing in memory.
      const reloaded = atClock(storage, clock);
      expect(await reloaded.retryAt()).toBe(retryAt);
      expect(await reloaded.unlockWithPassphrase(PASS)).toEqual({ ok: false, reason: 'throttled', retryAt });
      expect(await reloaded.recover('0000-0000-0000-0000-0000-0000-0000-0000')).toMatchObject({ ok: false });
      expect(await atClock(storage, clock).retryAt()).toBe(retryAt);

      // After the wait, the fourth wrong one waits 8 s: the count was kept, not restarted.
      clock.now = retryAt;
      expect(await atClock(storage, clock).unlockWithPassphrase('four')).toEqual({ ok: false, reason: 'wrong', retryAt: retryAt + 8000 });
      clock.now = retryAt + 8000;
      expect((await atClock(storage, clock).unlockWithPassphrase(PASS)).ok).toBe(true);
      const afterSuccess = atClock(storage, clock);
      expect(await afterSuccess.retryAt()).toBeNull();
      expect(await afterSuccess.unlockWithPassphrase('five')).toEqual({ ok: false, reason: 'wrong', retryAt: clock.now + 1000 });
    });
  }

  it('a clock set back does not erase the wait: within the longest wait it is kept, beyond it it becomes the longest wait from now', async () => {
    const storage = new MemoryVaultStorage();
    const clock = { now: T0 };
    await atClock(storage, clock).setUp(PASS);
    const failed = await atClock(storage, clock).unlockWithPassphrase('wrong');
    expect(failed).toEqual({ ok: false, reason: 'wrong', retryAt: T0 + 1000 });

    clock.now = T0 - 60_000;
    expect(await atClock(storage, clock).retryAt()).toBe(T0 + 1000);
    clock.now = T0 - 24 * 60 * 60_000;
    const back = atClock(storage, clock);
    expect(await back.retryAt()).toBe(clock.now + MAX_DELAY_MS);
    expect(await back.unlockWithPassphrase(PASS)).toMatchObject({ ok: false, reason: 'throttled', retryAt: clock.now + MAX_DELAY_MS });
    // Stored as brought back: the next reload sees the same time, not a new one.
    clock.now += 1000;
    expect(await atClock(storage, clock).retryAt()).toBe(clock.now - 1000 + MAX_DELAY_MS);
  });

  it('a tampered or garbage stored wait gives the longest wait, never none and never a crash (property)', async () => {
    const storage = new MemoryVaultStorage();
    const clock = { now: T0 };
    await atClock(storage, clock).setUp(PASS);
    const garbage = fc.oneof(
      fc.anything(),
      fc.record({ format: fc.anything(), failures: fc.anything(), retryAt: fc.anything() }),
      fc.record({ format: fc.constant(1), failures: fc.oneof(fc.integer({ max: 0 }), fc.double(), fc.constant(Number.NaN)), retryAt: fc.integer() }),
      fc.record({ format: fc.constant(1), failures: fc.constant(1), retryAt: fc.oneof(fc.double({ min: -1e20, max: -1 }), fc.constant(Number.POSITIVE_INFINITY), fc.string()) }),
    );
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(garbage, async (stored) => {
        fc.pre(stored !== undefined && stored !== null && !throttleRecordSchema.safeParse(stored).success);
        tried += 1;
        storage.throttle = stored;
        const v = atClock(storage, clock);
        expect(await v.retryAt()).toBe(T0 + MAX_DELAY_MS);
        expect(await v.unlockWithPassphrase(PASS)).toEqual({ ok: false, reason: 'throttled', retryAt: T0 + MAX_DELAY_MS });
        expect(throttleRecordSchema.parse(storage.throttle)).toEqual({ format: 1, failures: FAILURES_AT_MAX, retryAt: T0 + MAX_DELAY_MS });
      }),
      { numRuns: 200 },
    );
    // A retryAt far in the future, well formed: the longest wait, not longer and not none.
    storage.throttle = { format: 1, failures: 1, retryAt: T0 + 365 * 24 * 60 * 60_000 };
    expect(await atClock(storage, clock).retryAt()).toBe(T0 + MAX_DELAY_MS);
    console.log(`tampered unlock waits tried: ${String(tried)}, each gave the longest wait (${String(MAX_DELAY_MS / 1000)} s), 0 gave none`);
  });

  it('a storage that cannot keep the wait still throttles in this window', async () => {
    const storage = new MemoryVaultStorage();
    const clock = { now: T0 };
    await atClock(storage, clock).setUp(PASS);
    storage.writeThrottle = () => Promise.reject(new Error('disk full'));
    const v = atClock(storage, clock);
    expect(await v.unlockWithPassphrase('wrong')).toEqual({ ok: false, reason: 'wrong', retryAt: T0 + 1000 });
    expect(await v.unlockWithPassphrase(PASS)).toEqual({ ok: false, reason: 'throttled', retryAt: T0 + 1000 });
  });
});
