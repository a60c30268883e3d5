// @vitest-environment jsdom
/**
 * The form's panels on a stored record: a section holding something opens by itself and,
 * collapsed, says how many of its fields are filled; one holding a message is open and
 * stays so; children on their own are asked in the breakdown, while a stored count of
 * them that differs (recorded before the form asked it once) keeps its own box.
 * (The map is left out: route-map.test.tsx covers it.)
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observationInput, renderWith, signIn, testServices } from '../../../test-support/renderer/test-services';
import { EditObservationScreen } from '../edit-observation-screen';

vi.mock('../../map/route-map', () => ({ RouteMap: () => null }));

afterEach(cleanup);

const WAIT = { timeout: 15_000 };

async function openRecord() {
  const services = testServices();
  const [record] = await services.store.createObservations(
    [
      observationInput({
        counts: { men: 6, women: 2, boys: 3, girls: 1, unaccompaniedChildren: 2, separatedChildren: null, method: 'exact_count', min: null, max: null },
        vulnerabilities: [
          { code: 'unaccompanied_child', count: 3 },
          { code: 'disability', count: 1 },
        ],
      }),
    ],
    { author: 'Sonja', office: 'RS-BEL' },
  );
  if (!record) throw new Error('not created');
  await signIn(services, 'Sonja', 'supervisor');
  renderWith(services, <EditObservationScreen recordId={record.id} onDone={vi.fn()} />);
  await screen.findByRole('button', { name: 'Submit changes' }, WAIT);
  return { services, record };
}

const header = (name: RegExp) => screen.getByRole<HTMLButtonElement>('button', { name });

describe('the capture form panels', () => {
  it('open a filled section, say how much it holds when collapsed, and keep a differing stored count of children', async () => {
    await openRecord();
    const vulnerabilities = header(/^Vulnerabilities/);
    expect(vulnerabilities.getAttribute('aria-expanded')).toBe('true');
    expect(vulnerabilities.textContent).toBe('Vulnerabilities · 2 filled');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Person with a disability' }).value).toBe('1');
    // The breakdown asks unaccompanied children; the record's own different count shows under vulnerabilities.
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Unaccompanied children' }).value).toBe('2');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Unaccompanied child' }).value).toBe('3');
    expect(screen.queryByRole('spinbutton', { name: 'Separated child' })).toBeNull();

    fireEvent.click(vulnerabilities);
    expect(vulnerabilities.getAttribute('aria-expanded')).toBe('false');
    expect(vulnerabilities.textContent).toBe('Vulnerabilities · 2 filled');
    expect(screen.queryByRole('spinbutton', { name: 'Person with a disability' })).toBeNull();
    // An empty section says nothing of filled fields, and waits collapsed.
    expect(header(/^Movement/).textContent).toBe('Movement');
    expect(header(/^Movement/).getAttribute('aria-expanded')).toBe('false');
  });

  it('open a section holding a message, and keep it open while the message stands', async () => {
    await openRecord();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Person with a disability' }), { target: { value: '-1' } });
    const vulnerabilities = header(/^Vulnerabilities/);
    fireEvent.click(vulnerabilities);
    expect(vulnerabilities.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Submit changes' }));
    const panel = await screen.findByTestId('panel-vulnerabilities', {}, WAIT);
    await within(panel).findByRole('spinbutton', { name: 'Person with a disability' }, WAIT);
    expect(vulnerabilities.getAttribute('aria-expanded')).toBe('true');
    expect(vulnerabilities.disabled).toBe(true);
  });
});
