import type { ThrottleRecord } from './unlock-throttle';
import type { VaultRecord, VaultStorage } from './vault-record';

/**
 * The keyring's own IndexedDB database, apart from the store's Dexie database: it is
 * read before the store may be opened (the store's records need the key), and its one
 * record must survive anything the store's migrations do.
 */
export const KEYRING_DATABASE = 'routewatch-keyring';
const STORE = 'vault';
const KEY = 'data-key';
/** The unlock throttle's record (unlock-throttle.ts): in the same store, no schema change. */
const THROTTLE_KEY = 'unlock-throttle';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openKeyring(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const open = factory.open(name, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore(STORE);
  };
  return request(open);
}

export class IndexedDbVaultStorage implements VaultStorage {
  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly name: string = KEYRING_DATABASE,
  ) {}

  async read(): Promise<unknown> {
    const db = await openKeyring(this.factory, this.name);
    try {
      return await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY));
    } finally {
      db.close();
    }
  }

  async write(record: VaultRecord): Promise<void> {
    await this.commit((store) => store.put(record, KEY));
  }

  async readThrottle(): Promise<unknown> {
    const db = await openKeyring(this.factory, this.name);
    try {
      return await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(THROTTLE_KEY));
    } finally {
      db.close();
    }
  }

  async writeThrottle(record: ThrottleRecord | null): Promise<void> {
    await this.commit((store) => (record === null ? store.delete(THROTTLE_KEY) : store.put(record, THROTTLE_KEY)));
  }

  private async commit(change: (store: IDBObjectStore) => void): Promise<void> {
    const db = await openKeyring(this.factory, this.name);
    try {
      const tx = db.transaction(STORE, 'readwrite');
      change(tx.objectStore(STORE));
      // Resolved on commit, not on the put: the record is on disk before the screen moves on.
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('keyring write failed'));
        tx.onabort = () => reject(tx.error ?? new Error('keyring write aborted'));
      });
    } finally {
      db.close();
    }
  }
}
