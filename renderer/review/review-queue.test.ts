import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyReview } from '../../shared/review/review-transitions';
import { openDatabase } from '../store/database';
import { ObservationStore } from '../store/observation-store';
import { queueIds, queueIndex, queueLength, queueScope, submittedIds } from './review-queue';
import { testCipher } from '../../test-support/renderer/test-cipher';

let n = 0;
const NOW = Date.parse('2026-03-10T12:00:00.000Z');

function input(observedStart: string) {
  return { kind: 'group_sighting', observedStart, placeId: 'rs-presevo', location: null, locationMethod: 'gazetteer', totalPersons: 3, summary: observedStart };
}

describe('the review queue', () => {
  it('is scoped by what the role may see: its office, every office, or nothing', () => {
    expect(queueScope({ role: 'supervisor', office: 'RS-BEL' })).toEqual({ kind: 'office', office: 'RS-BEL' });
    expect(queueScope({ role: 'field_monitor', office: 'RS-BEL' })).toEqual({ kind: 'office', office: 'RS-BEL' });
    expect(queueScope({ role: 'hq_analyst', office: 'HQ-VIE' })).toEqual({ kind: 'all' });
    expect(queueScope({ role: 'administrator', office: 'HQ-VIE' })).toEqual({ kind: 'none' });
  });

  it('holds the submitted records of the scope, oldest first, and loses them once decided', async () => {
    const store = new ObservationStore(openDatabase(`queue-${++n}`), { cipher: testCipher(), now: () => NOW });
    const [late, early] = await store.createObservations([input('2026-03-09T10:00:00.000Z'), input('2026-03-01T10:00:00.000Z')], { author: 'Ana', office: 'RS-BEL' });
    const [middle] = await store.createObservations([input('2026-03-05T10:00:00.000Z')], { author: 'Marko', office: 'RS-BEL' });
    const [elsewhere] = await store.createObservations([input('2026-03-02T10:00:00.000Z')], { author: 'Elena', office: 'MK-SKO' });
    if (!late || !early || !middle || !elsewhere) throw new Error('not created');

    expect(await submittedIds(store.db, { kind: 'office', office: 'RS-BEL' })).toEqual([early.id, middle.id, late.id]);
    expect(await submittedIds(store.db, { kind: 'all' })).toEqual([early.id, elsewhere.id, middle.id, late.id]);
    expect(await submittedIds(store.db, { kind: 'none' })).toEqual([]);

    const decided = applyReview(middle, 'return', { user: { name: 'Sonja', role: 'supervisor', office: 'RS-BEL' }, note: 'count again', nowIso: new Date(NOW).toISOString() });
    if (!decided.ok) throw new Error(decided.reason);
    await store.saveReviewed(decided.record, 'Sonja');
    expect(await submittedIds(store.db, { kind: 'office', office: 'RS-BEL' })).toEqual([early.id, late.id]);
  });

  it('is read a screenful at a time when every record is in scope, and as an intersection when not', async () => {
    const store = new ObservationStore(openDatabase(`queue-${++n}`), { cipher: testCipher(), now: () => NOW });
    const days = Array.from({ length: 30 }, (_, i) => `2026-02-${String(28 - (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00.000Z`);
    const records = await store.createObservations(days.map(input), { author: 'Ana', office: 'RS-BEL' });
    const oldestFirst = [...records].sort((a, b) => (a.observedStart < b.observedStart ? -1 : a.observedStart > b.observedStart ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id);
    const own = { kind: 'office', office: 'RS-BEL' } as const;

    const paged = await queueIndex(store.db, own);
    expect(paged).toEqual({ kind: 'paged', count: 30 });
    expect(await queueIds(store.db, paged, 0, 5)).toEqual(oldestFirst.slice(0, 5));
    expect(await queueIds(store.db, paged, 27, 10)).toEqual(oldestFirst.slice(27));
    expect(await queueIds(store.db, paged, 3, 0)).toEqual([]);

    // A record of another office on the device: the queue becomes the intersection, same order.
    await store.createObservations([input('2026-02-15T12:30:00.000Z')], { author: 'Elena', office: 'MK-SKO' });
    const listed = await queueIndex(store.db, own);
    expect(listed.kind).toBe('listed');
    expect(queueLength(listed)).toBe(30);
    expect(await queueIds(store.db, listed, 10, 5)).toEqual(oldestFirst.slice(10, 15));
    expect(queueLength(await queueIndex(store.db, { kind: 'all' }))).toBe(31);
    expect(queueLength(await queueIndex(store.db, { kind: 'none' }))).toBe(0);
  });
});
