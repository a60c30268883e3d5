import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { TEST_PROFILE, candidate, pastVersionDatabase } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const profile = TEST_PROFILE;
const movement = {
  direction: 'transit',
  fromPlaceId: 'mk-gevgelija',
  fromCountry: 'MK',
  toPlaceId: 'rs-subotica',
  toCountry: 'RS',
  intendedCountry: 'AT',
  transportModes: [],
  crossingType: null,
  facilitator: null,
};
const input = candidate;

describe('schema version 4', () => {
  it('rebuilds a version 3 day index with the movement columns, and adds the tileAreas table', async () => {
    const name = `v4-test-${String(Math.random())}`;
    const source = new ObservationStore(openDatabase(`${name}-source`), { cipher: testCipher(), now: () => NOW });
    const records = await source.createObservations(
      [input({ movement }), input({ observedStart: '2026-03-08T09:00:00.000Z', totalPersons: 3 })],
      profile,
    );
    // Day rows as version 3 wrote them: without the movement columns.
    const oldRows = (await source.db.dayIndex.toArray()).map(
      ({ fromPlace: _f, toPlace: _t, fromCountry: _fc, toCountry: _tc, ...rest }) => rest,
    );
    const v3 = pastVersionDatabase(name, 3);
    await v3.table('observations').bulkAdd(records);
    await v3.table('dayIndex').bulkAdd(oldRows);
    v3.close();

    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => NOW });
    const index = await store.queryIndex({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(index.ids).toHaveLength(2);
    const moved = index.ids.indexOf(records[0]?.id ?? '');
    const still = index.ids.indexOf(records[1]?.id ?? '');
    expect([index.fromPlace[moved], index.toPlace[moved], index.fromCountry[moved], index.toCountry[moved]]).toEqual([
      'mk-gevgelija',
      'rs-subotica',
      'MK',
      'RS',
    ]);
    expect([index.fromPlace[still], index.toPlace[still]]).toEqual([null, null]);
    expect((await store.db.dayIndex.toArray()).map((r) => r.day)).toEqual(['2026-03-08', '2026-03-10']);
    await store.db.tileAreas.put({ id: 'a', createdAt: '2026-03-10T12:00:00.000Z' });
    expect(await store.db.tileAreas.count()).toBe(1);
  });
});
