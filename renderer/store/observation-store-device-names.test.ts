import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc } from '../../shared/sync/hlc';
import { TEST_NOW, TEST_PROFILE, candidate, freshStore } from '../../test-support/renderer/store-test-fixtures';

/** A record as another device made it, under its local id. */
async function theirs(device: string): Promise<Observation> {
  const maker = freshStore();
  const [record] = await maker.createObservations([candidate()], TEST_PROFILE);
  if (!record) throw new Error('not created');
  return { ...record, device, hlc: formatHlc({ wallMs: TEST_NOW - 1000, counter: 0, node: device }) };
}

describe('the names of the devices records were recorded on', () => {
  it('keeps the names pulled pages give, takes a new name for a known id, and keeps names of ids a page does not mention', async () => {
    const store = freshStore();
    const port = store.syncStore();
    const [a, b] = [await theirs('local_a'), await theirs('local_b')];
    await port.applyPulled([{ changeId: '01900000-0000-7000-a000-000000000001', record: a }], '1', {
      confirmMassChange: false,
      devices: [{ localId: 'local_a', name: 'Laptop Preševo' }],
    });
    await port.applyPulled([{ changeId: '01900000-0000-7000-a000-000000000002', record: b }], '2', {
      confirmMassChange: false,
      devices: [{ localId: 'local_b', name: 'Tablet Šid' }],
    });
    expect(await store.getMeta('deviceNames')).toEqual([
      { localId: 'local_a', name: 'Laptop Preševo' },
      { localId: 'local_b', name: 'Tablet Šid' },
    ]);
    await port.applyPulled([{ changeId: '01900000-0000-7000-a000-000000000003', record: { ...a, summary: 'again' } }], '3', {
      confirmMassChange: false,
      devices: [{ localId: 'local_a', name: 'Laptop Preševo (re-enrolled)' }],
    });
    expect(await store.getMeta('deviceNames')).toEqual([
      { localId: 'local_a', name: 'Laptop Preševo (re-enrolled)' },
      { localId: 'local_b', name: 'Tablet Šid' },
    ]);
    expect((await store.getMeta('sync'))?.cursor).toBe('3');
  });

  it('holds an id like __proto__ as data, not as a property of an object', async () => {
    const store = freshStore();
    const record = await theirs('__proto__');
    await store.syncStore().applyPulled([{ changeId: '01900000-0000-7000-a000-000000000004', record }], '1', {
      confirmMassChange: false,
      devices: [{ localId: '__proto__', name: 'Odd laptop' }],
    });
    expect(await store.getMeta('deviceNames')).toEqual([{ localId: '__proto__', name: 'Odd laptop' }]);
  });

  it('writes nothing for a page that names no device', async () => {
    const store = freshStore();
    await store.syncStore().applyPulled([{ changeId: '01900000-0000-7000-a000-000000000005', record: await theirs('local_c') }], '1', { confirmMassChange: false });
    expect(await store.getMeta('deviceNames')).toBeUndefined();
  });
});
