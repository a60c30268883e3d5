// @vitest-environment jsdom
/**
 * The edit form on a record holding fields the server withheld from this device: each
 * says "Withheld for your role" where its input would be, offers nothing to type, and
 * the record cannot be submitted from here (the store refuses it: sent, it would clear
 * them on the server). (The map is left out: route-map.test.tsx covers it.)
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../shared/observations/observation-schema';
import type { AppServices } from '../../app/services';
import { observationInput, renderWith, signIn, testServices } from '../../../test-support/renderer/test-services';
import { EditObservationScreen } from '../edit-observation-screen';

vi.mock('../../map/route-map', () => ({ RouteMap: () => null }));

afterEach(cleanup);

// The whole capture form renders: on a busy machine that takes longer than the default second.
const WAIT = { timeout: 15_000 };

/** Boris's submitted record, pulled in full or, for a role that may not see them, without its sensitive fields. */
async function recordOfBoris(services: AppServices, withheld: boolean): Promise<Observation> {
  const [full] = await testServices().store.createObservations(
    [
      observationInput({
        notes: 'Leader named in the notebook',
        traffickingIndicators: ['iom_unpaid_work'],
        source: { type: 'ngo', name: 'Nadia at the shelter', reliability: 'B', credibility: '2' },
      }),
    ],
    { author: 'Boris', office: 'RS-BEL' },
  );
  if (!full) throw new Error('not created');
  const submitted: Observation = { ...full, reviewStatus: 'submitted' };
  const { notes: _notes, traffickingIndicators: _indicators, ...rest } = submitted;
  const record: Observation = withheld ? { ...rest, source: { type: 'ngo', name: null, reliability: 'B', credibility: '2' } } : submitted;
  const change = withheld
    ? { changeId: '01900000-0000-7000-a000-0000000000d1', record, withheld: ['notes', 'traffickingIndicators', 'source.name'] }
    : { changeId: '01900000-0000-7000-a000-0000000000d1', record };
  await services.store.syncStore().applyPulled([change], '1', { confirmMassChange: false });
  return record;
}

/** The form as a supervisor of the office opens it: one who may edit Boris's record. */
async function openForm(withheld: boolean) {
  const services = testServices();
  const record = await recordOfBoris(services, withheld);
  await signIn(services, 'Sonja', 'supervisor');
  const onDone = vi.fn();
  renderWith(services, <EditObservationScreen recordId={record.id} onDone={onDone} />);
  const submit = await screen.findByRole<HTMLButtonElement>('button', { name: 'Submit changes' }, WAIT);
  return { services, record, submit, onDone };
}

describe('the edit form on a record holding withheld fields', () => {
  it('shows each as withheld, offers no input for it, and does not submit', async () => {
    const { services, record, submit, onDone } = await openForm(true);
    expect((await screen.findByTestId('form-withheld', {}, WAIT)).textContent).toMatch(/cannot be submitted from this device: sent from here, the record would clear them on the server/);
    for (const name of ['Notes', 'Source name', 'Trafficking indicators']) {
      const group = screen.getByRole('group', { name });
      expect(within(group).getByText('Withheld for your role').className).toBe('withheld-value');
      expect(within(group).queryByRole('textbox')).toBeNull();
      expect(within(group).queryByRole('checkbox')).toBeNull();
    }
    expect(screen.queryByRole('textbox', { name: 'Notes' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Source name' })).toBeNull();
    // The other fields stay as they are: the source's type and grades read from the record.
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Source type' }).value).toBe('ngo');
    expect(submit.disabled).toBe(true);

    const form = submit.closest('form');
    if (!form) throw new Error('no form');
    fireEvent.submit(form);
    // The event is handled within fireEvent's act(): a submit that got past the lock
    // marks the form busy ("Saving…") before its first await, so an idle form right
    // after the event means nothing was started, not that it has not finished yet.
    expect(submit.textContent).toBe('Submit changes');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save draft' }).disabled).toBe(false);
    expect(onDone).not.toHaveBeenCalled();
    expect(await services.store.getObservation(record.id)).toEqual(record);
    expect(await services.store.pendingCount()).toBe(0);
  });

  it('is the ordinary form on the same record pulled whole', async () => {
    const { submit } = await openForm(false);
    expect(screen.queryByTestId('form-withheld')).toBeNull();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Notes' }).value).toBe('Leader named in the notebook');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Source name/ }).value).toBe('Nadia at the shelter');
    expect(screen.queryByText('Withheld for your role')).toBeNull();
    expect(submit.disabled).toBe(false);
  });
});
