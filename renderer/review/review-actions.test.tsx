// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../shared/access/roles';
import type { Observation } from '../../shared/observations/observation-schema';
import { ReviewActions } from './review-actions';
import { observationInput, renderWith, testServices } from '../../test-support/renderer/test-services';

afterEach(cleanup);

const sonja: User = { name: 'Sonja', role: 'supervisor', office: 'RS-BEL' };

async function setup(author: string, user: User, patch: Record<string, unknown> = {}) {
  const services = testServices();
  const [record] = await services.store.createObservations([observationInput(patch)], { author, office: 'RS-BEL' });
  if (!record) throw new Error('not created');
  const onReviewed = vi.fn<(decision: string, record: Observation) => void>();
  renderWith(services, <ReviewActions record={record} user={user} onReviewed={onReviewed} />);
  return { services, record, onReviewed };
}

describe('review actions', () => {
  it('verify asks for both grades, prefilled from the source, and saves the decision', async () => {
    const { services, record, onReviewed } = await setup('Ana', sonja, {
      source: { type: 'key_informant', name: null, reliability: 'C', credibility: '3' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    const dialog = screen.getByRole('dialog', { name: 'Verify this observation' });
    expect(screen.getByLabelText<HTMLSelectElement>('Source reliability').value).toBe('C');
    expect(screen.getByLabelText<HTMLSelectElement>('Information credibility').value).toBe('3');
    expect(screen.getByTestId('review-grade').textContent).toBe('Admiralty grade: C3');
    expect(document.activeElement).toBe(screen.getByLabelText('Source reliability'));
    fireEvent.change(screen.getByLabelText('Source reliability'), { target: { value: 'B' } });
    fireEvent.change(screen.getByLabelText('Information credibility'), { target: { value: '2' } });
    fireEvent.submit(dialog);

    await waitFor(() => expect(onReviewed).toHaveBeenCalledTimes(1));
    const saved = await services.store.getObservation(record.id);
    expect(saved).toMatchObject({ reviewStatus: 'verified', source: { type: 'key_informant', reliability: 'B', credibility: '2' }, review: { reviewer: 'Sonja', note: null } });
    expect((await services.store.revisionsOf(record.id)).map((r) => [r.action, r.by])).toEqual([['review', 'Sonja']]);
    expect(await services.store.pendingCount()).toBe(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says in words why it cannot verify without grades, and saves nothing', async () => {
    const { services, record, onReviewed } = await setup('Ana', sonja);
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(screen.getByTestId('review-grade').textContent).toBe('Admiralty grade: not graded yet');
    fireEvent.submit(screen.getByRole('dialog'));
    expect((await screen.findByRole('alert')).textContent).toBe('Grade the source reliability and the information credibility before verifying.');
    expect((await services.store.getObservation(record.id))?.reviewStatus).toBe('submitted');
    expect(onReviewed).not.toHaveBeenCalled();
  });

  it('return needs a note; with one, the record goes back to its author', async () => {
    const { services, record } = await setup('Ana', sonja);
    fireEvent.click(screen.getByRole('button', { name: 'Return' }));
    const dialog = screen.getByRole('dialog', { name: 'Return this observation to its author' });
    fireEvent.submit(dialog);
    expect((await screen.findByRole('alert')).textContent).toBe('Write a note saying why.');
    fireEvent.change(screen.getByLabelText('Note to the author (required)'), { target: { value: 'Count the <i>children</i> separately' } });
    fireEvent.submit(dialog);
    await waitFor(async () => expect((await services.store.getObservation(record.id))?.reviewStatus).toBe('returned'));
    expect((await services.store.getObservation(record.id))?.review?.note).toBe('Count the <i>children</i> separately');
  });

  it('keeps a note pasted over the limit whole, says it is too long with the limit, and saves nothing', async () => {
    const { services, record } = await setup('Ana', sonja);
    fireEvent.click(screen.getByRole('button', { name: 'Return' }));
    const note = screen.getByLabelText<HTMLTextAreaElement>('Note to the author (required)');
    expect(note.hasAttribute('maxlength')).toBe(false);
    fireEvent.change(note, { target: { value: 'x'.repeat(100_000) } });
    expect(note.value).toHaveLength(100_000);
    expect(document.getElementById(note.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Note to the author (required) is too long: 100,000 characters, at most 2,000. Nothing was cut: shorten it before submitting.',
    );
    fireEvent.submit(screen.getByRole('dialog'));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    expect((await services.store.getObservation(record.id))?.reviewStatus).toBe('submitted');
    expect(note.value).toHaveLength(100_000);
  });

  it('cancel and Escape close the dialog without a decision', async () => {
    const { services, record, onReviewed } = await setup('Ana', sonja);
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await services.store.getObservation(record.id))?.reviewStatus).toBe('submitted');

    // Then a decision, waited for. Had Cancel or Escape started a rejection, its save
    // (begun earlier, on the same store) would be over by now: a second call, a second
    // review revision, or the record rejected rather than returned.
    fireEvent.click(screen.getByRole('button', { name: 'Return' }));
    fireEvent.change(screen.getByLabelText('Note to the author (required)'), { target: { value: 'Count again' } });
    fireEvent.submit(screen.getByRole('dialog'));
    await waitFor(() => expect(onReviewed).toHaveBeenCalled());
    expect(onReviewed.mock.calls.map(([decision]) => decision)).toEqual(['return']);
    expect((await services.store.revisionsOf(record.id)).map((r) => r.action)).toEqual(['review']);
    expect((await services.store.getObservation(record.id))?.reviewStatus).toBe('returned');
  });

  it('disables the decisions on one\'s own record, with the reason', async () => {
    await setup('Sonja', sonja);
    for (const name of ['Verify', 'Return', 'Reject']) expect(screen.getByRole<HTMLButtonElement>('button', { name }).disabled).toBe(true);
    expect(screen.getByText('You wrote this record; another supervisor must verify it.')).toBeTruthy();
  });

  it('disables them on another office\'s record, with the reason', async () => {
    await setup('Ana', { ...sonja, office: 'RS-PRE' });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Verify' }).disabled).toBe(true);
    expect(screen.getByText('This record belongs to office RS-BEL; you work for RS-PRE.')).toBeTruthy();
  });

  it('shows nothing to roles that never review', async () => {
    await setup('Ana', { name: 'Marko', role: 'field_monitor', office: 'RS-BEL' });
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    await setup('Ana', { name: 'Hanna', role: 'hq_analyst', office: 'HQ-VIE' });
    expect(screen.queryByRole('button')).toBeNull();
  });
});
