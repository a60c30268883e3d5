/**
 * Record ciphers for tests (the app's data key comes from the lock screen, renderer/lock),
 * under random AES-GCM keys, non-extractable as the app's is. Synchronous, so that a
 * test makes a store as it always did: the key is made on first use.
 * `testCipher()` is one cipher for the whole test file (a database reopened by a second
 * store reads with the same key, as the app does after an unlock); `freshTestCipher()`
 * has a key of its own (another device, another key).
 */
import { createRecordCipher } from '../../renderer/crypto/record-cipher';
import type { RecordCipher } from '../../renderer/crypto/record-cipher';

export function testDataKey(): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A cipher under a key of its own, made when it is first used. */
export function freshTestCipher(): RecordCipher {
  let cipher: Promise<RecordCipher> | undefined;
  const ready = (): Promise<RecordCipher> => (cipher ??= testDataKey().then(createRecordCipher));
  return {
    seal: async (value, place) => (await ready()).seal(value, place),
    open: async (envelope, place) => (await ready()).open(envelope, place),
  };
}

let shared: RecordCipher | undefined;

/** The test file's one cipher. */
export function testCipher(): RecordCipher {
  shared ??= freshTestCipher();
  return shared;
}
