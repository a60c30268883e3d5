import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { DraftStore } from './draft-store';
import { ObservationStore } from './observation-store';
import { testCipher } from '../../test-support/renderer/test-cipher';

let n = 0;
const freshName = () => `draft-test-${++n}`;

describe('draft store', () => {
  it('keeps any form as it is, lists the latest first, finds the edit of a record, removes', async () => {
    let now = Date.parse('2026-03-10T12:00:00Z');
    const drafts = new DraftStore(openDatabase(freshName()), testCipher(), () => now);
    // Invalid on purpose: a draft is never judged.
    await drafts.save('a', null, { draft: { totalPersons: '-4', summary: '<b>x</b>' } });
    now += 1000;
    await drafts.save('b', 'record-1', { draft: { totalPersons: 'abc' } });
    expect((await drafts.list()).map((d) => d.id)).toEqual(['b', 'a']);
    expect((await drafts.get('a'))?.form).toEqual({ draft: { totalPersons: '-4', summary: '<b>x</b>' } });
    expect((await drafts.forRecord('record-1'))?.id).toBe('b');
    expect(await drafts.forRecord('record-2')).toBeUndefined();
    now += 1000;
    await drafts.save('a', null, { draft: { totalPersons: '4' } });
    expect((await drafts.list()).map((d) => d.id)).toEqual(['a', 'b']);
    await drafts.remove('a');
    expect((await drafts.list()).map((d) => d.id)).toEqual(['b']);
  });

  it('version 3 opens a version 2 database with its records and adds the drafts table', async () => {
    const name = freshName();
    const v2 = new Dexie(name);
    v2.version(1).stores({ observations: '&id, observedStart, kind, placeId, reviewStatus, office, [kind+observedStart]', outbox: '++seq', meta: '&key' });
    v2.version(2).stores({
      observations: '&id, observedStart, kind, placeId, reviewStatus, office, mission, [kind+observedStart], [reviewStatus+observedStart]',
      revisions: '++seq, recordId',
      dayIndex: '&day',
    });
    await v2.open();
    await v2.table('meta').put({ key: 'profile', value: { author: 'Ana', office: 'RS-BEL' } });
    v2.close();
    const db = openDatabase(name);
    const store = new ObservationStore(db, { cipher: testCipher() });
    expect(await store.getMeta('profile')).toEqual({ author: 'Ana', office: 'RS-BEL' });
    await new DraftStore(db, testCipher()).save('d', null, {});
    expect(await db.drafts.count()).toBe(1);
    expect(db.verno).toBeGreaterThanOrEqual(3);
  });
});
