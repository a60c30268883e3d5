import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import type { Table } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { getMany } from './keyed-rows';

interface Row {
  id: string;
  n: number;
}

let opened = 0;
async function tableWith(ids: readonly string[]): Promise<Table<Row, string>> {
  const db = new Dexie(`keyed-rows-${++opened}`);
  db.version(1).stores({ rows: '&id' });
  const table = db.table<Row, string>('rows');
  await table.bulkPut(ids.map((id, n) => ({ id, n })));
  return table;
}

const key = fc.integer({ min: 0, max: 400 }).map((n) => `k${String(n).padStart(4, '0')}`);

describe('getMany', () => {
  it('answers as bulkGet does, for any rows held and any keys asked (repeated, missing, in any order)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(key, { maxLength: 300 }), fc.array(key, { maxLength: 120 }), async (held, asked) => {
        const table = await tableWith(held);
        expect(await getMany(table, asked)).toEqual(await table.bulkGet(asked));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a batch of neighbouring keys without a request per key', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    const table = await tableWith(ids);
    const bulkGet = vi.spyOn(table, 'bulkGet');
    const asked = ids.slice(50, 150).reverse();
    expect((await getMany(table, asked)).map((row) => row?.id)).toEqual(asked);
    expect(bulkGet).not.toHaveBeenCalled();
    // None of them held (a first pull): one key read, nothing more.
    expect(await getMany(table, asked.map((id) => `x${id}`))).toEqual(asked.map(() => undefined));
    expect(bulkGet).not.toHaveBeenCalled();
  });

  it('falls back to a request per key when the keys are scattered among many others', async () => {
    const ids = Array.from({ length: 400 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    const table = await tableWith(ids);
    const bulkGet = vi.spyOn(table, 'bulkGet');
    const asked = ids.filter((_, i) => i % 20 === 0);
    expect((await getMany(table, asked)).map((row) => row?.n)).toEqual(asked.map((_, i) => i * 20));
    expect(bulkGet).toHaveBeenCalled();
  });
});
