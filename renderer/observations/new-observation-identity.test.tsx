// @vitest-environment jsdom
/**
 * Who is recording, on the capture form: typed before enrolment; once enrolled, the
 * enrolment's user and office, shown as text and stamped on the record whatever an
 * older draft or the profile say. (The map is left out: route-map.test.tsx covers it.)
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENROLMENT, FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { ServicesContext } from '../app/services';
import { FilterProvider } from '../filter/filter-state';
import { emptyDraft } from './form/observation-draft';
import { NewObservationScreen } from './new-observation-screen';

vi.mock('../map/route-map', () => ({ RouteMap: () => null }));

afterEach(cleanup);

// The whole capture form renders: on a busy machine that takes longer than the default second.
const WAIT = { timeout: 15_000 };

async function setup(enrolment: Record<string, unknown> | null) {
  const services = fakeServices(new FakeSync(statusOf()));
  await services.store.setMeta('profile', { author: 'Typed name', office: 'MK-SKO' });
  if (enrolment !== null) await services.store.setMeta('enrolment', enrolment as never);
  // A draft typed before enrolment, under another name and office, ready to submit.
  const draft = { ...emptyDraft(new Date(Date.now() - 3_600_000)), location: { placeId: 'rs-presevo', point: null, method: 'gazetteer' }, totalPersons: '12', summary: 'Twelve walking north' };
  await services.drafts.save('draft-1', null, { draft, author: 'Typed name', office: 'MK-SKO' });
  const done: unknown[] = [];
  render(
    <ServicesContext.Provider value={services}>
      <FilterProvider>
        <NewObservationScreen draftParam="draft-1" onDone={(outcome) => done.push(outcome)} />
      </FilterProvider>
    </ServicesContext.Provider>,
  );
  return { services, done };
}

describe('who is recording', () => {
  it('is the enrolled user and office, as text, and the record carries them', async () => {
    const { services, done } = await setup({ ...ENROLMENT, userName: 'Ana <i>Petrović</i>' });
    expect((await screen.findByTestId('form-author', {}, WAIT)).textContent).toBe('Ana <i>Petrović</i>');
    expect(screen.getByTestId('form-office').textContent).toBe('RS-BEL');
    expect(screen.queryByLabelText('Your name')).toBeNull();
    expect(screen.queryByLabelText('Office code')).toBeNull();
    expect(document.querySelector('i')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Submit observation' }));
    await vi.waitFor(() => expect(done).toHaveLength(1), WAIT);
    const [record] = await services.store.listObservations();
    expect(record).toMatchObject({ author: 'Ana <i>Petrović</i>', office: 'RS-BEL', mission: 'RS' });
  });

  it('is typed before enrolment, as today', async () => {
    await setup(null);
    expect((await screen.findByLabelText<HTMLInputElement>('Your name', {}, WAIT)).value).toBe('Typed name');
    expect(screen.getByLabelText<HTMLInputElement>('Office code').value).toBe('MK-SKO');
    expect(screen.queryByTestId('form-identity')).toBeNull();
  });
});
