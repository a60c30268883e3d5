/**
 * Reads of many rows by primary key in a few IndexedDB requests instead of
 * one request per key (Dexie's bulkGet). Each request costs tens of
 * microseconds in Chromium whatever its size, and sync touches rows in batches of
 * hundreds: the records of a push, their waiting rows, the records a pulled page names.
 *
 * The keys of a batch are usually close together: record ids are time-ordered (UUIDv7)
 * and outbox rows are numbered in order, so the batch's rows fill a key range with few
 * or no other rows between them. One key-only read of that range tells which keys are
 * held; when no stranger sits between them, one more read brings them all. A range
 * with many strangers falls back to one request per key. The answer is the same either
 * way; only the number of requests differs.
 */
import type { Table } from 'dexie';

type Key = string | number;

/** Below this many keys one request per key is as quick as a range read. */
const RANGE_FROM = 16;

function sortedUnique<K extends Key>(keys: readonly K[]): K[] {
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The range of the keys, or null when a range read would not pay (few keys, or too many others between them). */
async function heldInRange<T, K extends Key, I>(table: Table<T, K, I>, keys: readonly K[]): Promise<{ held: K[]; strangers: number } | null> {
  const wanted = sortedUnique(keys);
  const first = wanted[0];
  const last = wanted[wanted.length - 1];
  if (wanted.length < RANGE_FROM || first === undefined || last === undefined) return null;
  // Mixed key types never occur in one table here; a range needs both ends of one type.
  if (typeof first !== typeof last) return null;
  const limit = wanted.length * 2;
  const inRange = await table.where(':id').between(first, last, true, true).limit(limit).primaryKeys();
  if (inRange.length >= limit) return null;
  const want = new Set<Key>(wanted);
  const held = inRange.filter((key) => want.has(key));
  return { held, strangers: inRange.length - held.length };
}

/** Like `table.bulkGet(keys)`: the row of each key, in the keys' order, or undefined. */
export async function getMany<T, K extends Key, I>(table: Table<T, K, I>, keys: readonly K[]): Promise<(T | undefined)[]> {
  const range = await heldInRange(table, keys);
  if (range === null) return table.bulkGet([...keys]);
  if (range.held.length === 0) return keys.map(() => undefined);
  const first = range.held[0] as K;
  const last = range.held[range.held.length - 1] as K;
  // No stranger between the first and last held key: one read of that range is exactly them.
  const rows = range.strangers === 0 ? await table.where(':id').between(first, last, true, true).toArray() : await table.bulkGet(range.held);
  const byKey = new Map<Key, T>();
  rows.forEach((row, i) => {
    if (row === undefined) return;
    byKey.set(range.strangers === 0 ? primaryKeyOf(table, row) : (range.held[i] as K), row);
  });
  return keys.map((key) => byKey.get(key));
}

function primaryKeyOf<T, K extends Key, I>(table: Table<T, K, I>, row: T): K {
  const path = table.schema.primKey.keyPath;
  if (typeof path !== 'string') throw new Error(`getMany: table ${table.name} has no single key path`);
  return (row as Record<string, unknown>)[path] as K;
}
