// @vitest-environment jsdom
/**
 * The error summary at the top of the form: each entry names the field and the rule, and
 * moves focus to that field: a plain field, a field drawn outside form-fields (found by
 * the message it is described by), a group's message, and a field inside a section that
 * is closed until `onFocusField` opens it. Then on the whole form: a negative total is
 * named at the field and in the summary, and the summary's entry focuses the field.
 * (The map is left out: route-map.test.tsx covers it.)
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWith, testServices } from '../../../test-support/renderer/test-services';
import { FilterProvider } from '../../filter/filter-state';
import { NewObservationScreen } from '../new-observation-screen';
import { ErrorSummary } from './error-summary';
import { FieldErrorsProvider, GroupError, NumberField, useFieldMessage } from './form-fields';
import type { FieldErrors } from './form-fields';
import { emptyDraft } from './observation-draft';

vi.mock('../../map/route-map', () => ({ RouteMap: () => null }));

afterEach(cleanup);

// The whole capture form renders: on a busy machine that takes longer than the default second.
const WAIT = { timeout: 15_000 };

/** A control drawn by its own component, with its own id, described by the field's message. */
function OwnControl({ path, label }: { path: string; label: string }) {
  const { aria, message } = useFieldMessage(path);
  return (
    <div>
      <label htmlFor="made-up-id">{label}</label>
      <input id="made-up-id" {...aria} />
      {message}
    </div>
  );
}

const ERRORS: FieldErrors = {
  totalPersons: { message: 'validation.negative' },
  observedEnd: 'validation.endBeforeStart',
  counts: 'validation.breakdownExceedsTotal',
  'site.occupancy': { message: 'validation.tooBig', params: { max: 1_000_000 } },
};

/** A form with a closed section (the site's), opened by the summary's callback. */
function Harness({ onFocusField }: { onFocusField: (path: string) => void }) {
  const [siteOpen, setSiteOpen] = useState(false);
  return (
    <FieldErrorsProvider errors={ERRORS}>
      <ErrorSummary
        errors={ERRORS}
        title="Correct the fields marked below."
        onFocusField={(path) => {
          onFocusField(path);
          if (path.startsWith('site')) setSiteOpen(true);
        }}
      />
      <NumberField label="Total persons" path="totalPersons" value="-5" onChange={() => undefined} />
      <OwnControl path="observedEnd" label="End (local time, optional)" />
      <GroupError path="counts" />
      {siteOpen && <NumberField label="Occupancy (persons present)" path="site.occupancy" value="2000000" onChange={() => undefined} />}
    </FieldErrorsProvider>
  );
}

describe('the error summary', () => {
  it('lists each field by its message, and takes focus when findings arrive', () => {
    render(<Harness onFocusField={() => undefined} />);
    const summary = screen.getByTestId('error-summary');
    expect(document.activeElement).toBe(summary);
    expect(within(summary).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Total persons cannot be negative.',
      'The end cannot be before the start.',
      'Men, women, boys and girls add up to more than the total.',
      'Occupancy (persons present) cannot be more than 1,000,000.',
    ]);
  });

  it('lists the entries in the order their fields stand on the form, whatever order they were found in', () => {
    const found: FieldErrors = { summary: { message: 'validation.tooLong', params: { max: 2000, length: 2001 } }, totalPersons: { message: 'validation.negative' } };
    render(
      <FieldErrorsProvider errors={found}>
        <ErrorSummary errors={found} title="Correct the fields marked below." />
        <NumberField label="Total persons" path="totalPersons" value="-5" onChange={() => undefined} />
        <OwnControl path="summary" label="Summary" />
      </FieldErrorsProvider>,
    );
    expect(within(screen.getByTestId('error-summary')).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Total persons cannot be negative.',
      'Summary is too long: 2,001 characters, at most 2,000. Nothing was cut: shorten it before submitting.',
    ]);
  });

  it('moves focus to the field of the entry, whichever component draws it', () => {
    const asked: string[] = [];
    render(<Harness onFocusField={(path) => asked.push(path)} />);
    const summary = screen.getByTestId('error-summary');
    fireEvent.click(within(summary).getByRole('button', { name: 'Total persons cannot be negative.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Total persons'));
    fireEvent.click(within(summary).getByRole('button', { name: 'The end cannot be before the start.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('End (local time, optional)'));
    fireEvent.click(within(summary).getByRole('button', { name: 'Men, women, boys and girls add up to more than the total.' }));
    expect(document.activeElement?.textContent).toBe('Men, women, boys and girls add up to more than the total.');
    expect(document.activeElement?.closest('[data-testid="error-summary"]')).toBeNull();
    expect(asked).toEqual(['totalPersons', 'observedEnd', 'counts']);
  });

  it('opens a closed section through onFocusField, then focuses its field', () => {
    render(<Harness onFocusField={() => undefined} />);
    expect(screen.queryByLabelText('Occupancy (persons present)')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Occupancy (persons present) cannot be more than 1,000,000.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Occupancy (persons present)'));
  });
});

describe('on the capture form', () => {
  it('names a negative total at the field and in the summary, whose entry focuses the field; nothing is stored', async () => {
    const services = testServices();
    await services.store.setMeta('profile', { author: 'Ana', office: 'RS-BEL' });
    const draft = { ...emptyDraft(new Date(Date.now() - 3_600_000)), location: { placeId: 'rs-presevo', point: null, method: 'gazetteer' as const }, totalPersons: '-5' };
    await services.drafts.save('draft-1', null, { draft, author: 'Ana', office: 'RS-BEL' });
    renderWith(
      services,
      <FilterProvider>
        <NewObservationScreen draftParam="draft-1" onDone={() => undefined} />
      </FilterProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Submit observation' }, WAIT));
    const summary = await screen.findByTestId('error-summary', {}, WAIT);
    const entry = within(summary).getByRole('button', { name: 'Total persons cannot be negative.' });
    const total = screen.getByLabelText('Total persons');
    // Next to the field too, and the field points to it.
    const beside = document.getElementById(total.getAttribute('aria-describedby') ?? '');
    expect(beside?.textContent).toBe('Total persons cannot be negative.');
    expect(screen.queryByText('This value is not valid.')).toBeNull();
    fireEvent.click(entry);
    expect(document.activeElement).toBe(total);
    expect(await services.store.listObservations()).toEqual([]);
  });
});
