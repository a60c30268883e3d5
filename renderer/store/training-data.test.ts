import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import gazetteer from '../../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { generateTrainingObservations } from '../training/training-data';
import { openDatabase } from './database';
import { ObservationStore } from './observation-store';
import { testCipher } from '../../test-support/renderer/test-cipher';

const { places } = parseGazetteerCsv(gazetteer);

describe('training data in the store', () => {
  it('is stored and indexed, never queued for sync, and removed in one step leaving real records', async () => {
    const store = new ObservationStore(openDatabase('training-test'), { cipher: testCipher(), now: () => Date.parse('2026-11-26T12:00:00.000Z') });
    const [real] = await store.createObservations(
      [{ kind: 'point_count', observedStart: '2015-10-01T10:00:00.000Z', placeId: 'rs-presevo', location: null, locationMethod: 'gazetteer', totalPersons: 7, summary: 'real' }],
      { author: 'Ana', office: 'RS-PRE' },
    );
    const items = [...generateTrainingObservations({ places, count: 2000, seed: 7, start: new Date('2015-09-01T00:00:00Z'), end: new Date('2015-11-01T00:00:00Z') })];
    expect(await store.addTrainingObservations(items)).toBe(2000);
    expect(await store.pendingCount()).toBe(1);
    const autumn = { from: '2015-09-01T00:00:00.000Z', to: '2015-11-01T00:00:00.000Z' };
    expect((await store.queryIndex(autumn)).ids).toHaveLength(2001);

    // Editing a training record does not queue it either.
    const trainingId = (await store.queryIndex(autumn)).ids.find((id) => id !== real?.id) ?? '';
    await store.deleteObservation(trainingId, 'Ana');
    expect(await store.pendingCount()).toBe(1);

    expect(await store.removeTrainingObservations()).toBe(2000);
    expect((await store.queryIndex(autumn)).ids).toEqual([real?.id]);
    expect(await store.db.observations.count()).toBe(1);
  });
});
