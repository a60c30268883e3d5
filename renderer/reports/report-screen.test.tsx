// @vitest-environment jsdom
/**
 * The situation report's figures on screen: verified records only by default, submitted
 * ones when included (each figure marked), never training or deleted records; a site's
 * latest count, not a sum; official figures listed with their source, never added; each
 * figure a link to the list of the records behind it. (The map is left out:
 * report-map-section.test.tsx covers it.)
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../shared/observations/observation-schema';
import { FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { ServicesContext } from '../app/services';
import { FilterProvider, useFilter } from '../filter/filter-state';
import { storedRecord } from '../../test-support/renderer/record-fixtures';
import { ReportScreen } from './report-screen';

vi.mock('./report-map-section', () => ({ ReportMapSection: () => null }));

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

const WAIT = { timeout: 15_000 };
let n = 0;
function record(patch: Partial<Observation>): Observation {
  n += 1;
  return storedRecord({ id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`, observedStart: '2015-10-10T09:00:00.000Z', reviewStatus: 'verified', ...patch });
}

function FilterProbe() {
  const { filter } = useFilter();
  return <output data-testid="probe">{JSON.stringify({ kinds: filter.kinds, statuses: filter.statuses, placeIds: filter.placeIds })}</output>;
}

async function setup(records: Observation[]) {
  sessionStorage.setItem('routewatch.filter', JSON.stringify({ fromDate: '2015-10-01', toDate: '2015-10-31' }));
  const services = fakeServices(new FakeSync(statusOf()));
  await services.store.db.observations.bulkPut(records);
  render(
    <ServicesContext.Provider value={services}>
      <FilterProvider>
        <ReportScreen params={new URLSearchParams()} />
        <FilterProbe />
      </FilterProvider>
    </ServicesContext.Provider>,
  );
}

describe('the situation report', () => {
  it('keeps the measures apart and counts what it says it counts', async () => {
    await setup([
      record({ totalPersons: 40 }),
      record({ totalPersons: 5, reviewStatus: 'submitted' }),
      record({ totalPersons: 700, training: true }),
      record({ totalPersons: 99, deleted: true }),
      record({ totalPersons: 1000, reviewStatus: 'draft' }),
      record({ kind: 'site_snapshot', totalPersons: 300, site: { occupancy: 300, capacity: 500 }, observedStart: '2015-10-11T09:00:00.000Z' }),
      record({ kind: 'site_snapshot', totalPersons: 320, site: { occupancy: 320, capacity: 500 }, observedStart: '2015-10-12T09:00:00.000Z' }),
      record({
        kind: 'secondary_source',
        totalPersons: 5000,
        source: { type: 'authorities', name: 'Commissariat <b>for</b> Refugees', reliability: 'B', credibility: '2' },
      }),
    ]);
    expect((await screen.findByTestId('report-moving-total', {}, WAIT)).textContent).toBe('40');
    expect(screen.getByTestId('report-at-sites-total').textContent).toBe('320');
    const header = screen.getByTestId('report-page').querySelector('header');
    expect(header?.textContent).toContain('Figures count verified records only.');
    expect(header?.textContent).toMatch(/Filter: Oct 1, 2015 – Oct 31, 2015; all missions, places and kinds/);
    // Official figures: listed with their source (as text), never added.
    const official = screen.getByTestId('report-official-table');
    expect(within(official).getByText('Commissariat <b>for</b> Refugees')).toBeTruthy();
    expect(official.textContent).toContain('5,000');
    expect(document.querySelector('b')).toBeNull();
    // Each section ends with the filter and its record count.
    expect(screen.getByTestId('report-movements').textContent).toContain('1 record counted');
    expect(screen.getByTestId('report-presence').textContent).toContain('2 records counted');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Include submitted (unverified) records' }));
    await vi.waitFor(() => expect(screen.getByTestId('report-moving-total').textContent).toBe('45'), WAIT);
    expect(within(screen.getByTestId('report-movements')).getAllByLabelText('includes submitted (unverified) records').length).toBeGreaterThan(0);
    // The sites had no submitted record: not marked.
    expect(within(screen.getByTestId('report-presence')).queryByLabelText('includes submitted (unverified) records')).toBeNull();

    // A figure opens the list of the records behind it: the list's filter narrowed to them.
    const link = screen.getByTestId('report-moving-total');
    expect(link.getAttribute('href')).toBe('#/observations');
    expect(link.getAttribute('title')).toMatch(/^Persons seen moving at 1 place\. Open the 2 records behind this figure/);
    fireEvent.click(link);
    expect(JSON.parse(screen.getByTestId('probe').textContent)).toEqual({
      kinds: ['group_sighting', 'point_count'],
      statuses: ['submitted', 'verified'],
      placeIds: [],
    });
  });
});
