/**
 * Encryption of the values the store keeps at rest: AES-GCM (WebCrypto) under the
 * device's data key, which the lock screen unwraps (renderer/lock) and hands over as a
 * non-extractable CryptoKey. Usable in a Worker: nothing here touches the DOM.
 *
 * An envelope is one byte array: [version][12-byte IV][ciphertext with its 16-byte tag].
 * The IV is fresh and random for every encryption (96 bits, as GCM wants: with random
 * IVs a key stays safe for far more encryptions than a device ever makes).
 *
 * The additional authenticated data is the envelope's *place*: the table, the row's key
 * and which fields it holds (`placeOf`). GCM checks it with the tag, so a ciphertext
 * copied onto another record, another table or another field set does not open: it is
 * reported as damaged, like a changed byte.
 */

/** The layout of envelopes written today. A reader refuses any other. */
export const ENVELOPE_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_PREFIX = 'routewatch-at-rest';

/** An envelope that does not open: a changed byte, a copy from another place, another key, another version. */
export class DamagedCiphertextError extends Error {
  constructor(readonly place: string, reason: string) {
    super(`protected fields could not be read (${place}): ${reason}`);
    this.name = 'DamagedCiphertextError';
  }
}

export interface RecordCipher {
  /**
   * The data key, for a worker that reads the database itself (a CryptoKey can be posted,
   * and stays non-extractable there). Absent from the tests' lazily keyed ciphers.
   */
  readonly key?: CryptoKey;
  /** The value (anything JSON can hold) sealed for one place. */
  seal(value: unknown, place: string): Promise<Uint8Array>;
  /** The value sealed for this place; throws DamagedCiphertextError when it does not open. */
  open(envelope: Uint8Array, place: string): Promise<unknown>;
}

/**
 * Where a value is kept: the table, the row's key, the fields the envelope holds. The
 * envelope's version is part of it, so that an envelope cannot be read as another layout.
 */
export function placeOf(table: string, key: string, fields: readonly string[]): string {
  return `${table}\u0000${key}\u0000${fields.join(',')}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function additionalData(place: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${AAD_PREFIX}\u0000v${ENVELOPE_VERSION}\u0000${place}`);
}

/**
 * Whether a value is a byte array. Not `instanceof`: a row read back from IndexedDB may
 * carry a Uint8Array of another realm (a test's fake-indexeddb under jsdom, a worker).
 */
export function isBytes(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/** Whether a stored value is an envelope (a byte array long enough to hold a version, an IV and a tag). */
export function isEnvelope(value: unknown): value is Uint8Array {
  return isBytes(value) && value.length >= 1 + IV_BYTES + TAG_BYTES;
}

/** IVs drawn from the system's random source at once: one call per record cost ~2 µs, 0.2 s over an import of 100,000. */
const IV_POOL = 4096;
let ivPool = new Uint8Array(0);
let ivUsed = 0;

/**
 * A fresh random IV. Each comes from its own bytes of a pool that is filled once and
 * never written again (a new pool replaces it), so no two encryptions share an IV any
 * more than with one draw each.
 */
function freshIv(): Uint8Array<ArrayBuffer> {
  if (ivUsed + IV_BYTES > ivPool.length) {
    ivPool = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES * IV_POOL));
    ivUsed = 0;
  }
  const iv = ivPool.subarray(ivUsed, ivUsed + IV_BYTES);
  ivUsed += IV_BYTES;
  return iv;
}

export function createRecordCipher(dataKey: CryptoKey): RecordCipher {
  const subtle = globalThis.crypto.subtle;
  return {
    key: dataKey,
    async seal(value, place) {
      const iv = freshIv();
      const plain = encoder.encode(JSON.stringify(value === undefined ? null : value));
      // Promise.resolve: Dexie's live queries keep their context only across promises they know.
      const sealed = new Uint8Array(await Promise.resolve(subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(place) }, dataKey, plain)));
      const envelope = new Uint8Array(1 + IV_BYTES + sealed.length);
      envelope[0] = ENVELOPE_VERSION;
      envelope.set(iv, 1);
      envelope.set(sealed, 1 + IV_BYTES);
      return envelope;
    },
    async open(envelope, place) {
      if (!isEnvelope(envelope)) throw new DamagedCiphertextError(place, 'not an envelope');
      if (envelope[0] !== ENVELOPE_VERSION) throw new DamagedCiphertextError(place, `envelope version ${String(envelope[0])}`);
      const iv = envelope.slice(1, 1 + IV_BYTES);
      const sealed = envelope.slice(1 + IV_BYTES);
      let plain: ArrayBuffer;
      try {
        plain = await Promise.resolve(subtle.decrypt({ name: 'AES-GCM', iv, additionalData: additionalData(place) }, dataKey, sealed));
      } catch {
        // WebCrypto says only OperationError: the tag did not match (bytes, place or key).
        throw new DamagedCiphertextError(place, 'authentication failed');
      }
      try {
        return JSON.parse(decoder.decode(plain)) as unknown;
      } catch {
        throw new DamagedCiphertextError(place, 'not the JSON sealed');
      }
    },
  };
}
