import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { formatHlc, MAX_CLOCK_DRIFT_MS, parseHlc } from '../../shared/sync/hlc';
import type { ChangeRefusalCode } from '../../shared/sync/protocol';
import { checkStamps } from '../../shared/sync/stamp-check';
import type { ObservationStore } from './observation-store';
import { TEST_NOW, TEST_PROFILE, candidate, freshStore } from '../../test-support/renderer/store-test-fixtures';

const HOUR = 60 * 60 * 1000;

/** A store whose device clock the test sets, as a person fixing the date and time would. */
function storeWithClock(startMs: number): { store: ObservationStore; setNow(ms: number): void } {
  let now = startMs;
  return { store: freshStore(() => now), setNow: (ms) => (now = ms) };
}

/** Push whatever waits and have the server refuse all of it with `code`, as setAside does after a push. */
async function refuseAll(store: ObservationStore, code: ChangeRefusalCode): Promise<void> {
  const port = store.syncStore();
  const sent = await port.pendingChanges(100);
  await port.setAside(sent.map((change) => ({ change, code, message: `change ${change.changeId}: refused` })));
}

/** What the next push would carry for a record. */
async function waitingVersion(store: ObservationStore, id: string): Promise<Observation | undefined> {
  return (await store.syncStore().pendingChanges(100)).find((change) => change.record.id === id)?.record;
}

async function create(store: ObservationStore, patch: Record<string, unknown> = {}): Promise<Observation> {
  const [record] = await store.createObservations([candidate(patch)], TEST_PROFILE);
  if (!record) throw new Error('not created');
  return record;
}

describe('"Edit and resend" of a change refused for its stamps', () => {
  it('stamps a record made with the clock 30 h ahead again from the corrected clock, and brings the device clock back', async () => {
    const device = storeWithClock(TEST_NOW + 30 * HOUR);
    const { store } = device;
    const made = await create(store);
    expect(checkStamps(made, TEST_NOW)?.code).toBe('clock_skew');
    await refuseAll(store, 'clock_skew');

    device.setNow(TEST_NOW);
    // Nothing edited: "Edit and resend" saved as it stands.
    expect(await store.updateObservation(made.id, candidate(), 'Ana')).toEqual([]);

    const sent = await waitingVersion(store, made.id);
    if (!sent) throw new Error('not queued again');
    expect(checkStamps(sent, TEST_NOW)).toBeUndefined();
    expect(parseHlc(sent.hlc).wallMs).toBe(TEST_NOW);
    expect(await store.attentionCount()).toBe(0);
    // The device's HLC is back at its wall clock: what it stamps next is taken too.
    expect((await store.getMeta('hlc'))?.wallMs).toBe(TEST_NOW);
    const next = await create(store, { summary: 'after the clock was fixed' });
    expect(checkStamps(next, TEST_NOW)).toBeUndefined();
    expect(next.hlc > sent.hlc).toBe(true);
  });

  it('keeps the edits made with the resend, and stamps every refused field clock again', async () => {
    const device = storeWithClock(TEST_NOW + 30 * HOUR);
    const { store } = device;
    const made = await create(store);
    await store.updateObservation(made.id, candidate({ summary: 'edited with the wrong clock' }), 'Ana');
    const skewed = await store.getObservation(made.id);
    expect(Object.values(skewed?.fieldClocks ?? {}).length).toBeGreaterThan(0);
    await refuseAll(store, 'clock_skew');

    device.setNow(TEST_NOW);
    expect(await store.updateObservation(made.id, candidate({ summary: 'edited with the wrong clock', totalPersons: 20 }), 'Ana')).toEqual(['totalPersons']);

    const sent = await waitingVersion(store, made.id);
    if (!sent) throw new Error('not queued again');
    expect(sent.totalPersons).toBe(20);
    expect(sent.summary).toBe('edited with the wrong clock');
    expect(checkStamps(sent, TEST_NOW)).toBeUndefined();
    for (const stamp of Object.values(sent.fieldClocks ?? {})) expect(parseHlc(stamp).wallMs).toBeLessThanOrEqual(TEST_NOW);
    expect(Object.keys(sent.fieldClocks ?? {}).sort()).toEqual(['summary', 'totalPersons']);
    const revisions = await store.revisionsOf(made.id);
    expect(revisions.at(-1)?.changes.map((c) => c.field)).toEqual(['totalPersons']);
  });

  it('replaces a garbage field clock, drops a clock of no field, and keeps the clocks that were fine', async () => {
    const { store } = storeWithClock(TEST_NOW);
    const made = await create(store);
    await store.updateObservation(made.id, candidate({ totalPersons: 14 }), 'Ana');
    const good = await store.getObservation(made.id);
    if (!good?.fieldClocks?.totalPersons) throw new Error('no clock');
    const fineClock = good.fieldClocks.totalPersons;
    // As a broken or hostile copy could hold it: the server refuses it (invalid_stamp).
    const broken: Observation = {
      ...good,
      fieldClocks: { ...good.fieldClocks, summary: 'not a stamp', noSuchField: good.hlc },
      fieldBases: { ...good.fieldBases, summary: '', noSuchField: '' },
    };
    await store.db.observations.put(broken);
    expect(checkStamps(broken, TEST_NOW)?.code).toBe('invalid_stamp');
    await refuseAll(store, 'invalid_stamp');

    await store.updateObservation(made.id, candidate({ totalPersons: 14 }), 'Ana');

    const sent = await waitingVersion(store, made.id);
    if (!sent) throw new Error('not queued again');
    expect(checkStamps(sent, TEST_NOW)).toBeUndefined();
    expect(sent.fieldClocks?.totalPersons).toBe(fineClock);
    expect(sent.fieldClocks?.summary).toBe(sent.hlc);
    expect(sent.fieldClocks).not.toHaveProperty('noSuchField');
    expect(sent.fieldBases).not.toHaveProperty('noSuchField');
    expect(sent.hlc > fineClock).toBe(true);
  });

  it('resends a record whose stamps are fine with the stamps it has', async () => {
    const { store } = storeWithClock(TEST_NOW);
    const made = await create(store);
    await store.updateObservation(made.id, candidate({ totalPersons: 14 }), 'Ana');
    const before = await store.getObservation(made.id);
    // Refused while the server's clock was wrong, say: the stamps themselves can be believed.
    await refuseAll(store, 'clock_skew');

    await store.updateObservation(made.id, candidate({ totalPersons: 14 }), 'Ana');

    const sent = await waitingVersion(store, made.id);
    expect(sent?.hlc).toBe(before?.hlc);
    expect(sent?.fieldClocks).toEqual(before?.fieldClocks);
    expect(sent?.fieldBases).toEqual(before?.fieldBases);
  });

  it('leaves the stamps and the device clock alone on a resend after any other refusal', async () => {
    const device = storeWithClock(TEST_NOW + 30 * HOUR);
    const { store } = device;
    const made = await create(store);
    await refuseAll(store, 'forbidden');
    device.setNow(TEST_NOW);

    await store.updateObservation(made.id, candidate(), 'Ana');

    const sent = await waitingVersion(store, made.id);
    expect(sent?.hlc).toBe(made.hlc);
    // An HLC never goes back but to answer a refusal of the stamps themselves.
    expect((await store.getMeta('hlc'))?.wallMs).toBeGreaterThan(TEST_NOW + MAX_CLOCK_DRIFT_MS);
  });

  it('keeps the device clock where it is when it is ahead by less than the skew limit', async () => {
    const device = storeWithClock(TEST_NOW + MAX_CLOCK_DRIFT_MS - 60_000);
    const { store } = device;
    const made = await create(store);
    await refuseAll(store, 'clock_skew');
    device.setNow(TEST_NOW);

    await store.updateObservation(made.id, candidate(), 'Ana');

    const sent = await waitingVersion(store, made.id);
    expect(sent?.hlc).toBe(made.hlc);
    const clock = await store.getMeta('hlc');
    expect(clock && formatHlc(clock) > made.hlc).toBe(true);
  });
});

describe('waiting records stamped ahead, once the device clock is corrected (restampWaiting)', () => {
  it('stamps them again from the corrected clock under new change ids, keeps their values, and leaves records stamped right alone', async () => {
    const device = storeWithClock(TEST_NOW);
    const { store } = device;
    const fine = await create(store, { summary: 'made while the clock was right' });
    device.setNow(TEST_NOW + 30 * HOUR);
    const early = await create(store, { summary: 'made with the clock a day ahead' });
    await store.updateObservation(early.id, candidate({ summary: 'made with the clock a day ahead', totalPersons: 31 }), 'Ana');
    const before = new Map((await store.syncStore().pendingChanges(100)).map((change) => [change.record.id, change]));

    device.setNow(TEST_NOW);
    expect(await store.restampWaiting(TEST_NOW + 2 * 60_000)).toBe(1);

    const after = new Map((await store.syncStore().pendingChanges(100)).map((change) => [change.record.id, change]));
    expect(after.size).toBe(2);
    for (const change of after.values()) expect(checkStamps(change.record, TEST_NOW)).toBeUndefined();
    expect(after.get(fine.id)).toEqual(before.get(fine.id));
    const repaired = after.get(early.id);
    expect(repaired?.changeId).not.toBe(before.get(early.id)?.changeId);
    expect(repaired?.record).toMatchObject({ summary: 'made with the clock a day ahead', totalPersons: 31 });
    expect(await store.pendingCount()).toBe(2);
    expect((await store.getMeta('hlc'))?.wallMs).toBe(TEST_NOW);
    expect(checkStamps(await create(store), TEST_NOW)).toBeUndefined();
  });

  it('does nothing while the device clock still disagrees with the server', async () => {
    const device = storeWithClock(TEST_NOW + 30 * HOUR);
    const { store } = device;
    const early = await create(store);
    const clock = await store.getMeta('hlc');

    expect(await store.restampWaiting(TEST_NOW)).toBe(0);

    expect((await waitingVersion(store, early.id))?.hlc).toBe(early.hlc);
    expect(await store.getMeta('hlc')).toEqual(clock);
  });

  it('brings the device clock back even with nothing waiting, so that the next record is taken', async () => {
    const { store } = storeWithClock(TEST_NOW);
    const node = await store.localDeviceId();
    // Left a day ahead by records made then and since exported and removed, say.
    await store.setMeta('hlc', { wallMs: TEST_NOW + 30 * HOUR, counter: 4, node });

    expect(await store.restampWaiting(TEST_NOW)).toBe(0);

    expect(await store.getMeta('hlc')).toEqual({ wallMs: TEST_NOW, counter: 0, node });
    expect(checkStamps(await create(store), TEST_NOW)).toBeUndefined();
  });
});
