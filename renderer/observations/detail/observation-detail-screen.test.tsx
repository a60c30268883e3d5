// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../shared/observations/observation-schema';
import { applyReview } from '../../../shared/review/review-transitions';
import type { AppServices } from '../../app/services';
import { observationInput, renderWith, signIn, testServices } from '../../../test-support/renderer/test-services';
import { ObservationDetailScreen } from './observation-detail-screen';

afterEach(cleanup);

async function returnedRecordOfAna() {
  const services = testServices();
  const [record] = await services.store.createObservations(
    [
      observationInput({
        source: { type: 'key_informant', name: 'Driver <script>x</script>', reliability: 'C', credibility: '3' },
        notes: 'Informant asked not to be named',
      }),
    ],
    { author: 'Ana', office: 'RS-BEL' },
  );
  if (!record) throw new Error('not created');
  const returned = applyReview(record, 'return', {
    user: { name: 'Sonja', role: 'supervisor', office: 'RS-BEL' },
    note: 'Count the children separately',
    nowIso: new Date().toISOString(),
  });
  if (!returned.ok) throw new Error(returned.reason);
  await services.store.saveReviewed(returned.record, 'Sonja');
  return { services, record };
}

describe('the detail view', () => {
  it('says so, without failing, for an unknown or missing id', async () => {
    const services = testServices();
    await signIn(services, 'Ana', 'field_monitor');
    renderWith(services, <ObservationDetailScreen recordId="01900000-0000-7000-8000-00000000dead" onDeleted={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/There is no observation with this id on this device/);
    cleanup();
    renderWith(services, <ObservationDetailScreen recordId={null} onDeleted={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/no observation with this id/);
  });

  it('shows the fields as text, marks the sensitive ones, the review note and the history', async () => {
    const { services, record } = await returnedRecordOfAna();
    await signIn(services, 'Ana', 'field_monitor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    expect((await screen.findByTestId('detail-status')).textContent).toBe('Returned');
    expect(screen.getByTestId('review-note').textContent).toBe('Review note from Sonja: Count the children separately');
    const summary = document.querySelector('[data-path="summary"] dd');
    expect(summary?.textContent).toBe('Twelve walking <b>north</b>');
    expect(summary?.querySelector('b')).toBeNull();
    expect(document.querySelector('[data-path="source.name"] dd')?.textContent).toBe('Driver <script>x</script>');
    expect(document.querySelector('script')).toBeNull();
    const sensitive = [...document.querySelectorAll('.detail-line.sensitive-field')].map((el) => el.getAttribute('data-path'));
    expect(sensitive.sort()).toEqual(['notes', 'source.name']);
    expect(document.querySelector('[data-path="placeId"] dd')?.textContent).toBe('Presevo');

    const history = within(screen.getByTestId('history'));
    const entries = history.getAllByRole('listitem').filter((li) => li.classList.contains('history-entry'));
    expect(entries.map((li) => li.querySelector('strong')?.textContent)).toEqual(['Reviewed', 'Recorded']);
    expect(entries[0]?.textContent).toContain('by Sonja');
    expect(entries[0]?.querySelector('[data-field="reviewStatus"]')?.textContent).toBe('Review status: Submitted → Returned');
  });

  it('deletes after a confirmation step, as a tombstone, and hands back to the list', async () => {
    const { services, record } = await returnedRecordOfAna();
    await signIn(services, 'Ana', 'field_monitor');
    const onDeleted = vi.fn();
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={onDeleted} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this observation?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await services.store.getObservation(record.id))?.deleted).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete observation' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect((await services.store.getObservation(record.id))?.deleted).toBe(true);
    expect((await services.store.revisionsOf(record.id)).at(-1)).toMatchObject({ action: 'delete', by: 'Ana' });
    // One deletion only, now that the one asked for is over: "Keep it" started none.
    expect((await services.store.revisionsOf(record.id)).filter((r) => r.action === 'delete')).toHaveLength(1);
    expect(await services.store.pendingCount()).toBe(1);
    expect((await screen.findByRole('alert')).textContent).toBe('This observation has been deleted.');
  });

  it('offers Edit as a link, and disables Edit and Delete with the reason once a reviewer has decided', async () => {
    const services = testServices();
    const [record] = await services.store.createObservations(
      [observationInput({ source: { type: null, name: null, reliability: 'B', credibility: '2' } })],
      { author: 'Ana', office: 'RS-BEL' },
    );
    if (!record) throw new Error('not created');
    const verified = applyReview(record, 'verify', { user: { name: 'Petar', role: 'supervisor', office: 'RS-BEL' }, nowIso: new Date().toISOString() });
    if (!verified.ok) throw new Error(verified.reason);
    await services.store.saveReviewed(verified.record, 'Petar');
    await signIn(services, 'Ana', 'field_monitor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    const del = await screen.findByRole<HTMLButtonElement>('button', { name: 'Delete' });
    expect(del.disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Edit' }).disabled).toBe(true);
    expect(screen.getByText('Not possible while the record is Verified.')).toBeTruthy();
    // A field monitor cannot review: no review buttons at all.
    expect(screen.queryByRole('button', { name: 'Verify' })).toBeNull();
    cleanup();

    // A submitted record: a supervisor may edit it and review it.
    const [submitted] = await services.store.createObservations([observationInput({ totalPersons: 30 })], { author: 'Ana', office: 'RS-BEL' });
    if (!submitted) throw new Error('not created');

    await signIn(services, 'Sonja', 'supervisor');
    renderWith(services, <ObservationDetailScreen recordId={submitted.id} onDeleted={() => undefined} />);
    expect((await screen.findByRole('link', { name: 'Edit' })).getAttribute('href')).toBe(`#/edit?id=${submitted.id}`);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Verify' }).disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeNull();
  });
});

/** Boris's record as the pull gives it to a device whose role may not see its sensitive fields (withhold-sensitive.ts). */
async function withheldRecordOfBoris(services: AppServices): Promise<Observation> {
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
  const { notes: _notes, traffickingIndicators: _indicators, ...rest } = { ...full, reviewStatus: 'submitted' as const };
  const pulled: Observation = { ...rest, source: { type: 'ngo', name: null, reliability: 'B', credibility: '2' } };
  await services.store
    .syncStore()
    .applyPulled([{ changeId: '01900000-0000-7000-a000-0000000000b1', record: pulled, withheld: ['notes', 'traffickingIndicators', 'source.name'] }], '1', { confirmMassChange: false });
  return pulled;
}

describe('fields the server withheld from this device', () => {
  it('reads "Withheld for your role" where their value would be, muted, never blank or a dash', async () => {
    const services = testServices();
    const record = await withheldRecordOfBoris(services);
    await signIn(services, 'Ana', 'field_monitor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    await screen.findByTestId('detail-status');
    for (const path of ['notes', 'traffickingIndicators', 'source.name']) {
      const value = document.querySelector(`[data-path="${path}"] dd`);
      expect(value?.textContent, path).toBe('Withheld for your role');
      expect(value?.querySelector('.withheld-value'), path).not.toBeNull();
      expect(document.querySelector(`[data-path="${path}"]`)?.classList.contains('sensitive-field')).toBe(true);
    }
    expect(document.querySelector('[data-path="source.type"] dd')?.textContent).toBe('NGO');
    expect(screen.getByTestId('withheld-help').textContent).toMatch(/left out by the server .* They are not empty/);
    // Ana may not edit Boris's record anyway: the rule book's reason, not the withholding, is given.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Edit' }).disabled).toBe(true);
  });

  it('offers no change of the record to a role that could otherwise make one: sent from here it would clear them', async () => {
    const services = testServices();
    const record = await withheldRecordOfBoris(services);
    // Enrolled again as a supervisor of the office, the device still holds the copy pulled without them.
    await signIn(services, 'Sonja', 'supervisor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    const edit = await screen.findByRole<HTMLButtonElement>('button', { name: 'Edit' });
    expect(edit.disabled).toBe(true);
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
    expect(screen.getByText(/withheld from this device when it was synced, so it cannot be changed here/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Verify' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Return' })).toBeNull();
  });

  it('shows a pulled change of a withheld field as a change whose values are withheld, not as "— → —"', async () => {
    const services = testServices();
    const record = await withheldRecordOfBoris(services);
    await services.store.db.revisions.add({
      id: '01900000-0000-7000-a000-0000000000c1',
      recordId: record.id,
      at: new Date().toISOString(),
      by: 'Boris',
      hlc: record.hlc,
      action: 'edit',
      changes: [
        { field: 'notes', before: null, after: null },
        { field: 'totalPersons', before: 12, after: 14 },
      ],
    });
    await signIn(services, 'Ana', 'field_monitor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    const history = await screen.findByTestId('history');
    await waitFor(() => expect(history.querySelector('[data-field="notes"]')).not.toBeNull());
    expect(history.querySelector('[data-field="notes"]')?.textContent).toBe('NotesSensitive: changed; the values are withheld for your role');
    expect(history.querySelector('[data-field="totalPersons"]')?.textContent).toBe('Total persons: 12 → 14');
  });
});

describe('the history with hostile text', () => {
  it('shows each changed value as text in its own bidi isolate, so a value with an unclosed direction mark cannot reorder the other', async () => {
    const { services, record } = await returnedRecordOfAna();
    // RLE and RLO left open, and markup: the value is shown as typed, and its direction ends with it.
    const before = 'Twelve \u202b\u202e<b>north</b>';
    const after = '<img src=x onerror=alert(1)> fourteen';
    await services.store.db.revisions.add({
      id: '01900000-0000-7000-a000-0000000000d1',
      recordId: record.id,
      at: new Date().toISOString(),
      by: 'Sonja',
      hlc: record.hlc,
      action: 'edit',
      changes: [{ field: 'summary', before, after }],
    });
    await signIn(services, 'Ana', 'field_monitor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    const history = await screen.findByTestId('history');
    await waitFor(() => expect(history.querySelector('[data-field="summary"]')).not.toBeNull());
    const line = history.querySelector('[data-field="summary"]');
    const shownBefore = line?.querySelector('.history-before');
    const shownAfter = line?.querySelector('.history-after');
    expect(shownBefore?.textContent).toBe(before);
    expect(shownAfter?.textContent).toBe(after);
    // <bdi> isolates by the user agent's own style (unicode-bidi: isolate); hostile-text-sync.spec.ts checks it in Chromium.
    expect(shownBefore?.tagName).toBe('BDI');
    expect(shownAfter?.tagName).toBe('BDI');
    expect(line?.querySelector('b, img')).toBeNull();
  });
});
