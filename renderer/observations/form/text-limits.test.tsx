// @vitest-environment jsdom
/**
 * Nothing is cut silently: a paste of 100,000 characters into the summary (limit 2,000)
 * and into short fields (your name, 120; source name, 200) is kept whole, with a message
 * at the field that names it and its limit; submitting is refused with the same message
 * in the summary, and nothing is stored. No text control of the form carries a maxLength
 * attribute (what trimmed a paste in the browser). (The map is left out.)
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWith, testServices } from '../../../test-support/renderer/test-services';
import { FilterProvider } from '../../filter/filter-state';
import { NewObservationScreen } from '../new-observation-screen';
import { emptyDraft } from './observation-draft';

vi.mock('../../map/route-map', () => ({ RouteMap: () => null }));

afterEach(cleanup);

const WAIT = { timeout: 15_000 };
const PASTE = 'x'.repeat(100_000);

async function openForm() {
  const services = testServices();
  // Not enrolled: the name and office are typed (short fields with limits).
  await services.store.setMeta('profile', { author: 'Ana', office: 'RS-BEL' });
  const draft = {
    ...emptyDraft(new Date(Date.now() - 3_600_000)),
    location: { placeId: 'rs-presevo', point: null, method: 'gazetteer' as const },
    totalPersons: '12',
  };
  await services.drafts.save('draft-1', null, { draft, author: 'Ana', office: 'RS-BEL' });
  renderWith(
    services,
    <FilterProvider>
      <NewObservationScreen draftParam="draft-1" onDone={() => undefined} />
    </FilterProvider>,
  );
  await screen.findByRole('button', { name: 'Submit observation' }, WAIT);
  // Who records is read from the device as the form opens: wait for it, so that every text field is there.
  await screen.findByLabelText('Your name', {}, WAIT);
  return services;
}

/** The message a control is described by (its own message, not the counter). */
const messageOf = (control: HTMLElement): string =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((el) => el?.classList.contains('field-error'))
    .map((el) => el?.textContent ?? '')
    .join(' ');

describe('a paste longer than the field', () => {
  it('has no maxLength on any text control of the form', async () => {
    await openForm();
    const controls = [...document.querySelectorAll('form input:not([type]), form input[type="text"], form textarea')];
    expect(controls.length).toBeGreaterThanOrEqual(4);
    expect(controls.filter((c) => c.hasAttribute('maxlength'))).toEqual([]);
  });

  it('is kept whole in the summary, said to be too long with the limit, and refused on submit', async () => {
    const services = await openForm();
    const summary = screen.getByLabelText<HTMLTextAreaElement>('Summary');
    fireEvent.change(summary, { target: { value: PASTE } });
    expect(summary.value).toHaveLength(100_000);
    expect(summary.getAttribute('aria-invalid')).toBe('true');
    const said = 'Summary is too long: 100,000 characters, at most 2,000. Nothing was cut: shorten it before submitting.';
    expect(messageOf(summary)).toBe(said);
    expect(screen.getByText('100,000 / 2,000 characters')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Submit observation' }));
    const box = await screen.findByTestId('error-summary', {}, WAIT);
    expect(within(box).getByRole('button', { name: said })).toBeTruthy();
    expect(summary.value).toHaveLength(100_000);
    expect(await services.store.listObservations()).toEqual([]);
  });

  it('refuses to submit with a name over its limit, and stores nothing', async () => {
    const services = await openForm();
    const name = await screen.findByLabelText<HTMLInputElement>('Your name', {}, WAIT);
    fireEvent.change(name, { target: { value: 'N'.repeat(121) } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit observation' }));
    const box = await screen.findByTestId('error-summary', {}, WAIT);
    expect(within(box).getByRole('button', { name: 'Your name is too long: 121 characters, at most 120. Nothing was cut: shorten it before submitting.' })).toBeTruthy();
    expect(await services.store.listObservations()).toEqual([]);
  });

  it.each([
    ['Your name', 120],
    ['Source name', 200],
  ])('is kept whole in the short field "%s", said to be too long with its limit of %i', async (label, limit) => {
    await openForm();
    const input = await screen.findByLabelText<HTMLInputElement>(label, {}, WAIT);
    fireEvent.change(input, { target: { value: PASTE } });
    expect(input.value).toHaveLength(100_000);
    expect(messageOf(input)).toBe(`${label} is too long: 100,000 characters, at most ${String(limit)}. Nothing was cut: shorten it before submitting.`);
    // Shortened to the limit, the message goes.
    fireEvent.change(input, { target: { value: PASTE.slice(0, limit) } });
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(messageOf(input)).toBe('');
  });
});
