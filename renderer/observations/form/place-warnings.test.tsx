// @vitest-environment jsdom
/**
 * Warnings where the record disagrees with itself, asked before submitting: an RS-BEL
 * record at Tabanovce (North Macedonia), and 1,200 persons where the place's last five
 * group sightings have a median of 85. The person may submit anyway; an MK office's
 * ordinary count there goes through without a word. (The map is left out.)
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Place } from '../../../shared/places/place';
import { PRESEVO } from '../../../test-support/renderer/record-fixtures';
import { observationInput, renderWith, testServices } from '../../../test-support/renderer/test-services';
import { FilterProvider } from '../../filter/filter-state';
import { NewObservationScreen } from '../new-observation-screen';
import { emptyDraft } from './observation-draft';
import { placeFactsOf } from './place-facts';

vi.mock('../../map/route-map', () => ({ RouteMap: () => null }));

afterEach(cleanup);

const WAIT = { timeout: 15_000 };
const HOUR = 3_600_000;

const TABANOVCE: Place = { ...PRESEVO, id: 'mk-tabanovce', name: 'Tabanovce', nameLocal: 'Табановце', country: 'MK', lat: 42.21, lon: 21.71 };

/** Services that know Tabanovce, with five group sightings there by MK-KUM (median 85), a day apart. */
async function servicesWithHistory() {
  const base = testServices();
  const services = { ...base, places: [PRESEVO, TABANOVCE], placesById: new Map([PRESEVO, TABANOVCE].map((p) => [p.id, p])) };
  const totals = [80, 90, 85, 70, 100];
  await services.store.createObservations(
    totals.map((totalPersons, i) =>
      observationInput({ placeId: 'mk-tabanovce', totalPersons, summary: '', observedStart: new Date(Date.now() - (i + 2) * 24 * HOUR).toISOString() }),
    ),
    { author: 'Marko', office: 'MK-KUM' },
  );
  return services;
}

async function submitAt(services: Awaited<ReturnType<typeof servicesWithHistory>>, office: string, totalPersons: string) {
  await services.store.setMeta('profile', { author: 'Ana', office });
  const draft = { ...emptyDraft(new Date(Date.now() - HOUR)), location: { placeId: 'mk-tabanovce', point: null, method: 'gazetteer' as const }, totalPersons };
  await services.drafts.save('draft-1', null, { draft, author: 'Ana', office });
  const done: unknown[] = [];
  renderWith(
    services,
    <FilterProvider>
      <NewObservationScreen draftParam="draft-1" onDone={(outcome) => done.push(outcome)} />
    </FilterProvider>,
  );
  await screen.findByLabelText('Your name', {}, WAIT);
  fireEvent.click(screen.getByRole('button', { name: 'Submit observation' }));
  return done;
}

describe('the place facts', () => {
  it('are the place, its country and the totals of its same-kind records of the last 90 days, the edited record left out', async () => {
    const services = await servicesWithHistory();
    const [older] = await services.store.createObservations(
      [observationInput({ placeId: 'mk-tabanovce', totalPersons: 5000, observedStart: new Date(Date.now() - 100 * 24 * HOUR).toISOString() })],
      { author: 'Marko', office: 'MK-KUM' },
    );
    const [incident] = await services.store.createObservations(
      [observationInput({ kind: 'incident', incident: { type: 'pushback', actor: null, dead: null, injured: null, missing: null }, placeId: 'mk-tabanovce', totalPersons: 7 })],
      { author: 'Marko', office: 'MK-KUM' },
    );
    expect(older && incident).toBeTruthy();
    const facts = await placeFactsOf(services.store, TABANOVCE, { kind: 'group_sighting', timeMs: Date.now(), id: null });
    expect(facts?.name).toBe('Tabanovce');
    expect(facts?.country).toBe('MK');
    expect([...(facts?.recentTotals ?? [])].sort((a, b) => a - b)).toEqual([70, 80, 85, 90, 100]);
    const [first] = (await services.store.queryIndex({ from: new Date(Date.now() - 3 * 24 * HOUR).toISOString(), to: new Date().toISOString(), placeIds: ['mk-tabanovce'], kinds: ['group_sighting'] })).ids;
    const editing = await placeFactsOf(services.store, TABANOVCE, { kind: 'group_sighting', timeMs: Date.now(), id: first ?? null });
    expect(editing?.recentTotals).toHaveLength(4);
    expect(await placeFactsOf(services.store, undefined, { kind: 'group_sighting', timeMs: Date.now(), id: null })).toBeUndefined();
  });
});

describe('before submitting', () => {
  it('warns of an RS-BEL record at Tabanovce and of 1,200 where 85 is usual; Submit anyway stores it', async () => {
    const services = await servicesWithHistory();
    const done = await submitAt(services, 'RS-BEL', '1200');
    const panel = await screen.findByTestId('confirm-panel', {}, WAIT);
    const warnings = within(panel).getAllByRole('listitem').map((li) => li.textContent);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Tabanovce is in .*North Macedonia, but office RS-BEL records in Serbia\./);
    expect(warnings[1]).toBe(
      '1,200 is far above the usual at Tabanovce (median 85 over the last 90 days, from 5 records; more than 10 times the median). Check the count; you may submit anyway.',
    );
    expect(await services.store.listObservations()).toHaveLength(5);
    fireEvent.click(within(panel).getByRole('button', { name: 'Submit anyway' }));
    await vi.waitFor(() => expect(done).toHaveLength(1), WAIT);
    expect(await services.store.listObservations()).toHaveLength(6);
  });

  it('says nothing of an MK office’s ordinary count there', async () => {
    const services = await servicesWithHistory();
    const done = await submitAt(services, 'MK-KUM', '95');
    await vi.waitFor(() => expect(done).toHaveLength(1), WAIT);
    expect(screen.queryByTestId('confirm-panel')).toBeNull();
  });
});
