// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import gazetteer from '../../assets/places/route-places.csv?raw';
import { parseGazetteerCsv } from '../../shared/places/gazetteer-csv';
import { FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { ServicesContext } from '../app/services';
import { FilterProvider } from '../filter/filter-state';
import { generateTrainingObservations } from '../training/training-data';
import type { LoadTrainingGenerator } from './training-panel';
import { TrainingPanel } from './training-panel';

afterEach(cleanup);

const { places } = parseGazetteerCsv(gazetteer);

function setup(load: LoadTrainingGenerator) {
  const services = { ...fakeServices(new FakeSync(statusOf())), places };
  render(
    <ServicesContext.Provider value={services}>
      <FilterProvider>
        <TrainingPanel load={load} />
      </FilterProvider>
    </ServicesContext.Provider>,
  );
  return services.store;
}

/** The real generator, asked for fewer records than the panel's smallest size. */
function generatorOf(count: number, then?: () => never): LoadTrainingGenerator {
  return () =>
    Promise.resolve({
      generateTrainingObservations: function* (options) {
        yield* generateTrainingObservations({ ...options, count });
        if (then) then();
      },
    });
}

describe('Load training data', () => {
  it('says so when the generator cannot be fetched, and adds nothing', async () => {
    const store = setup(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    fireEvent.click(screen.getByRole('button', { name: 'Load training data' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The training data generator could not be loaded, so nothing was added. In a browser it comes from the server: connect and try again.',
    );
    expect(await store.db.observations.count()).toBe(0);
    // Nothing is left waiting: the buttons work again.
    expect(screen.getByRole('button', { name: 'Load training data' })).toHaveProperty('disabled', false);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('loads the generator when asked and stores what it makes', async () => {
    const store = setup(generatorOf(25));
    fireEvent.click(screen.getByRole('button', { name: 'Load training data' }));
    expect((await screen.findByRole('status')).textContent).toBe('25 training records loaded.');
    expect(await store.db.observations.count()).toBe(25);
  });

  it('says how far it got when storing fails part way, and keeps what was added', async () => {
    const store = setup(
      generatorOf(2000, () => {
        throw new Error('the generator broke');
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Load training data' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Loading training data stopped after 2,000 of 10,000 records. Those added stay until you remove training data.',
    );
    expect(await store.db.observations.count()).toBe(2000);
    expect(screen.getByRole('button', { name: 'Remove training data' })).toHaveProperty('disabled', false);
  });
});
