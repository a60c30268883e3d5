import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../shared/reports/entry-measures';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { TEST_NOW, TEST_PROFILE, candidate, freshDatabaseName, pastVersionDatabase } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';

const official = { men: null, women: null, boys: null, girls: null, unaccompaniedChildren: null, separatedChildren: null, min: null, max: null, method: 'official_figure' as const };

describe('schema version 8', () => {
  it('rebuilds a version 7 day index with the measure of each record, count method included', async () => {
    const name = freshDatabaseName('v8');
    const source = new ObservationStore(openDatabase(`${name}-source`), { cipher: testCipher(), now: () => TEST_NOW });
    const records = await source.createObservations(
      [candidate({ kind: 'point_count' }), candidate({ kind: 'point_count', counts: official }), candidate({ kind: 'incident', incident: { type: 'violence', actor: null, dead: null, injured: 1, missing: null } })],
      TEST_PROFILE,
    );
    // Day rows as version 7 wrote them: without the measure column.
    const oldRows = (await source.db.dayIndex.toArray()).map(({ measure: _m, ...rest }) => rest);
    const v7 = pastVersionDatabase(name, 7);
    await v7.table('observations').bulkAdd(records);
    await v7.table('dayIndex').bulkAdd(oldRows);
    v7.close();

    const store = new ObservationStore(openDatabase(name), { cipher: testCipher(), now: () => TEST_NOW });
    const rows = await store.db.dayIndex.toArray();
    const measureOfId = new Map(rows.flatMap((row) => row.ids.map((id, i) => [id, MEASURES[row.measure[i] ?? -1]] as const)));
    expect(records.map((r) => measureOfId.get(r.id))).toEqual(['movements', 'official', 'incidents']);
  });
});
