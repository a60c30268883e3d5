// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/access/roles';
import { applyReview } from '../../shared/review/review-transitions';
import { formatHlc } from '../../shared/sync/hlc';
import { observationInput, renderWith, signIn, testServices } from '../../test-support/renderer/test-services';
import { ObservationDetailScreen } from '../observations/detail/observation-detail-screen';
import { ConflictsScreen } from './conflicts-screen';

afterEach(cleanup);

/**
 * A record of Ana's, edited here ("mine") and, concurrently, by Boris on another device
 * whose later version arrives in a pull: the merge keeps Boris's summary and this device
 * keeps its own as a conflict. Both summaries carry markup, which must stay text.
 */
async function conflictedRecord(role: Role, name = 'Sonja') {
  const services = testServices();
  await signIn(services, name, role);
  const [record] = await services.store.createObservations([observationInput({ summary: 'as recorded' })], { author: 'Ana', office: 'RS-BEL' });
  if (!record) throw new Error('not created');
  const port = services.store.syncStore();
  await port.acknowledge(await port.pendingChanges(10));
  await services.store.updateObservation(record.id, observationInput({ summary: 'Mine: <b>fourteen</b>' }), name);
  const theirs = formatHlc({ wallMs: Date.now() + 2000, counter: 0, node: 'boris_laptop' });
  await port.applyPulled(
    [
      {
        changeId: '01900000-0000-7000-8000-0000000000c1',
        record: { ...record, summary: 'Theirs: <img src=x onerror=alert(1)>', hlc: theirs, fieldClocks: { summary: theirs } },
        revisions: [
          {
            id: '01900000-0000-7000-8000-0000000000c2',
            recordId: record.id,
            by: 'Boris <i>B</i>',
            at: new Date(Date.now() + 2000).toISOString(),
            hlc: theirs,
            action: 'edit',
            changes: [{ field: 'summary', before: 'as recorded', after: 'Theirs: <img src=x onerror=alert(1)>' }],
          },
        ],
      },
    ],
    '1',
    { confirmMassChange: false },
  );
  return { services, record };
}

describe('the Conflicts view', () => {
  it('shows mine, theirs and merged per field as text, with who and when from the synced revisions', async () => {
    const { services, record } = await conflictedRecord('supervisor');
    renderWith(services, <ConflictsScreen />);
    const list = await screen.findByTestId('conflicts-list');
    const card = list.querySelector(`[data-record-id="${record.id}"]`);
    expect(card).not.toBeNull();
    const row = list.querySelector('tr[data-field="summary"]');
    const cells = [...(row?.querySelectorAll('td') ?? [])].map((td) => td.textContent);
    expect(cells).toEqual(['Mine: <b>fourteen</b>', 'Theirs: <img src=x onerror=alert(1)>', 'Theirs: <img src=x onerror=alert(1)>']);
    expect(list.querySelector('b, img, i')).toBeNull();
    const headers = [...list.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers[1]).toMatch(/^Mine \(not kept\)Sonja, /);
    expect(headers[2]).toMatch(/^Theirs \(kept by sync\)Boris <i>B<\/i>, /);
    expect(headers[3]).toBe('Merged (now)');
  });

  it('a pick is an edit of the record with an answer: the record leaves the list and the detail view no longer flags it', async () => {
    const { services, record } = await conflictedRecord('supervisor');
    renderWith(services, <ConflictsScreen />);
    await screen.findByTestId('conflicts-list');
    fireEvent.click(screen.getAllByRole('button', { name: 'Keep this value' })[0] as HTMLElement);
    await screen.findByTestId('conflicts-none');
    expect(screen.getByTestId('conflicts-picked').textContent).toMatch(/^Kept\./);
    expect((await services.store.getObservation(record.id))?.summary).toBe('Mine: <b>fourteen</b>');
    const history = await services.store.revisionsOf(record.id);
    expect(history.at(-1)?.action).toBe('resolve');
    expect(await services.store.pendingCount()).toBe(1);
    cleanup();
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    const entries = await screen.findByTestId('history');
    expect(within(entries).getByText('Edited in two places')).toBeTruthy();
    expect(within(entries).getByText('Conflict answered')).toBeTruthy();
    expect(screen.queryByTestId('conflict-notice')).toBeNull();
  });

  it('the detail view flags the record with a link to the view while the conflict is open', async () => {
    const { services, record } = await conflictedRecord('supervisor');
    renderWith(services, <ObservationDetailScreen recordId={record.id} onDeleted={() => undefined} />);
    const notice = await screen.findByTestId('conflict-notice');
    expect(notice.textContent).toMatch(/Edited in two places/);
    expect(within(notice).getByRole('link').getAttribute('href')).toBe('#/conflicts');
  });

  it('another reviewer\'s decision is not picked here: only the user\'s own, or the merged one, can be kept', async () => {
    const services = testServices();
    await signIn(services, 'Sonja', 'supervisor');
    const [record] = await services.store.createObservations([observationInput({ reviewStatus: 'submitted' })], { author: 'Ana', office: 'RS-BEL' });
    if (!record) throw new Error('not created');
    const port = services.store.syncStore();
    await port.acknowledge(await port.pendingChanges(10));
    const mine = applyReview(record, 'return', { user: { name: 'Sonja', role: 'supervisor', office: 'RS-BEL' }, note: 'Count again', nowIso: new Date().toISOString() });
    if (!mine.ok) throw new Error(mine.reason);
    await services.store.saveReviewed(mine.record, 'Sonja');
    const theirs = applyReview(record, 'reject', { user: { name: 'Marko', role: 'supervisor', office: 'RS-BEL' }, note: 'Duplicate', nowIso: new Date().toISOString() });
    if (!theirs.ok) throw new Error(theirs.reason);
    // Marko decided earlier, offline: Sonja's return wins the merge, his rejection is set aside.
    const clock = formatHlc({ wallMs: Date.now() - 60_000, counter: 0, node: 'marko_laptop' });
    const stamped = { ...theirs.record, hlc: clock, fieldClocks: { reviewStatus: clock, review: clock } };
    await port.applyPulled([{ changeId: '01900000-0000-7000-8000-0000000000d1', record: stamped }], '1', { confirmMassChange: false });
    renderWith(services, <ConflictsScreen />);
    await screen.findByTestId('conflicts-list');
    const buttons = screen.getAllByRole('button', { name: 'Keep this value' });
    expect(buttons.map((button) => button.getAttribute('data-pick'))).toEqual(['kept']);
    expect(screen.getByText(/review the record again/)).toBeTruthy();
    expect(document.querySelector('tr[data-field="reviewStatus"] td[data-side="dropped"]')?.textContent).toBe('Rejected');
  });

  it('a field monitor who may not edit the record sees the conflict read-only', async () => {
    const { services } = await conflictedRecord('field_monitor', 'Bo');
    renderWith(services, <ConflictsScreen />);
    await screen.findByTestId('conflicts-list');
    expect(screen.queryByRole('button', { name: 'Keep this value' })).toBeNull();
    await waitFor(() => expect(screen.getByText(/picking a value is an edit/)).toBeTruthy());
  });
});
