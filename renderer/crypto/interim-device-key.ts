/**
 * INTERIM, until the lock screen (renderer/lock) hands the store the unwrapped data key:
 * a non-extractable AES-GCM key made once per browser profile and kept in an IndexedDB
 * database of its own, so that the encrypted store works and the app keeps its records
 * across restarts in the meantime.
 *
 * It protects nothing against someone holding the disk: the browser keeps the key's
 * material beside the records. It only keeps the store's format what it will be. The
 * boot replaces it with the key the passphrase unwraps; the benchmarks use it because
 * the app they open afterwards must read what they wrote.
 */
const DATABASE = 'routewatch-interim-key';
const STORE = 'keys';
const KEY_ID = 'data';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(req.error ?? new Error('IndexedDB request failed'));
    };
  });
}

export async function interimDataKey(): Promise<CryptoKey> {
  const open = indexedDB.open(DATABASE, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore(STORE);
  };
  const db = await request(open);
  try {
    const held = (await request(db.transaction(STORE).objectStore(STORE).get(KEY_ID))) as CryptoKey | undefined;
    if (held !== undefined) return held;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    // `add`: a second tab that made its own key at the same moment loses, and reads the first.
    try {
      await request(db.transaction(STORE, 'readwrite').objectStore(STORE).add(key, KEY_ID));
      return key;
    } catch {
      return (await request(db.transaction(STORE).objectStore(STORE).get(KEY_ID))) as CryptoKey;
    }
  } finally {
    db.close();
  }
}
