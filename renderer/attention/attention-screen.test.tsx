// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_REFUSAL_CODES } from '../../shared/sync/protocol';
import { ServicesContext } from '../app/services';
import { englishCatalogue } from '../i18n/catalogue-en';
import { storedRecord } from '../../test-support/renderer/record-fixtures';
import { AttentionScreen } from './attention-screen';
import type { AttentionRow } from './attention-types';
import { FakeAttention, FakeSync, fakeServices, statusOf } from '../../test-support/renderer/fake-services';
import { exportFileName } from './waiting-export';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>bold</b>';

function row(patch: Partial<AttentionRow> = {}, record = {}): AttentionRow {
  return {
    changeId: 'c0000000-0000-4000-8000-000000000001',
    recordId: '01900000-0000-7000-8000-000000000001',
    code: 'forbidden',
    message: 'change c0000000: field monitors edit only their own records',
    record: storedRecord({ summary: 'Forty people at the station', ...record }),
    at: '2026-12-04T10:15:00.000Z',
    ...patch,
  };
}

function renderScreen(attention: FakeAttention, sync = new FakeSync(statusOf({ attention: attention.rows.length }))) {
  const saved: { blob: Blob; name: string }[] = [];
  const services = fakeServices(sync, attention);
  render(
    <ServicesContext.Provider value={services}>
      <AttentionScreen save={(blob, name) => saved.push({ blob, name })} />
    </ServicesContext.Provider>,
  );
  return { saved, sync };
}

describe('Needs attention', () => {
  it('says that nothing needs attention when the server refused nothing', async () => {
    renderScreen(new FakeAttention([]));
    expect((await screen.findByTestId('attention-empty')).textContent).toBe('Nothing needs attention: no change on this device waits after a refusal by the server.');
    expect(screen.queryByRole('button', { name: 'Export waiting changes' })).toBeNull();
  });

  it('shows what was refused, why in words, the server message beside it, and when; "Edit and resend" opens the record', async () => {
    renderScreen(new FakeAttention([row()]));
    const item = await screen.findByTestId('attention-item');
    const inItem = within(item);
    expect(inItem.getByRole('heading', { level: 2 }).textContent).toBe('Group sighting · Presevo');
    expect(inItem.getByText(/^Observed /).textContent).toMatch(/Mar 10, 2026/);
    expect(inItem.getByText('Forty people at the station')).toBeTruthy();
    expect(inItem.getByText(/^Your role does not allow this change/)).toBeTruthy();
    expect(inItem.getByText('Server message: change c0000000: field monitors edit only their own records').className).toContain('muted');
    expect(inItem.getByText(/^Refused /).textContent).toMatch(/Dec 4, 2026/);
    const edit = inItem.getByRole('link', { name: 'Edit and resend: Group sighting · Presevo' });
    expect(edit.getAttribute('href')).toBe('#/edit?id=01900000-0000-7000-8000-000000000001');
    expect(screen.getByTestId('attention-count').textContent).toBe('1 refused change');
  });

  it('renders markup from the record and from the server as text', async () => {
    renderScreen(new FakeAttention([row({ message: HOSTILE }, { summary: HOSTILE, placeId: HOSTILE })]));
    const item = await screen.findByTestId('attention-item');
    expect(item.querySelector('img')).toBeNull();
    expect(item.querySelector('b')).toBeNull();
    expect(within(item).getByText(HOSTILE)).toBeTruthy();
    expect(within(item).getByText(`Server message: ${HOSTILE}`)).toBeTruthy();
    expect(within(item).getByRole('heading', { level: 2 }).textContent).toBe(`Group sighting · ${HOSTILE}`);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('offers no edit for a refused delete, and says what to do instead', async () => {
    renderScreen(new FakeAttention([row({}, { deleted: true })]));
    const item = await screen.findByTestId('attention-item');
    expect(within(item).queryByRole('link')).toBeNull();
    expect(within(item).getByRole('heading', { level: 2 }).textContent).toBe('Deletion refused Group sighting · Presevo');
    expect(within(item).getByText(/This change deletes the record/)).toBeTruthy();
  });

  it('offers no edit for a change made under another user or office, and says to export it instead', async () => {
    renderScreen(new FakeAttention([row({ code: 'identity_mismatch', message: 'made by another user' })]));
    const item = await screen.findByTestId('attention-item');
    expect(within(item).queryByRole('link')).toBeNull();
    expect(within(item).getByText(/cannot be edited and resent from this device/)).toBeTruthy();
  });

  it('exports every waiting change, pending and refused, as one JSON file', async () => {
    const pending = [{ changeId: 'c0000000-0000-4000-8000-000000000002', record: storedRecord({ id: '01900000-0000-7000-8000-000000000002' }) }];
    const { saved } = renderScreen(new FakeAttention([row(), row({ changeId: 'c0000000-0000-4000-8000-000000000003', code: 'record_too_large' })], pending));
    fireEvent.click(await screen.findByRole('button', { name: 'Export waiting changes' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toBe(
      'Downloading routewatch-waiting-changes-2026-12-04T23-40-12Z.json: 1 waiting and 2 refused changes. It goes to your downloads, or where you choose to keep it.',
    );
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe('routewatch-waiting-changes-2026-12-04T23-40-12Z.json');
    expect(saved[0]?.blob.type).toBe('application/json');
    const data = JSON.parse((await saved[0]?.blob.text()) ?? 'null') as { pending: unknown[]; attention: AttentionRow[]; device: { userName: string } };
    expect(data.pending).toHaveLength(1);
    expect(data.attention.map((r) => r.code)).toEqual(['forbidden', 'record_too_large']);
    expect(data.device.userName).toBe('Ana Petrović');
  });

  it('says so when the export fails, and saves nothing', async () => {
    const attention = new FakeAttention([row()]);
    attention.exportWaiting = () => Promise.reject(new Error('database closed'));
    const { saved } = renderScreen(attention);
    fireEvent.click(await screen.findByRole('button', { name: 'Export waiting changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The export could not be made: database closed');
    expect(saved).toEqual([]);
  });

  it('reads the list again when the count changes (a resend cleared a refusal)', async () => {
    const attention = new FakeAttention([row()]);
    const sync = new FakeSync(statusOf({ attention: 1 }));
    renderScreen(attention, sync);
    await screen.findByTestId('attention-item');
    attention.rows = [];
    act(() => sync.emit({ attention: 0 }));
    expect(await screen.findByTestId('attention-empty')).toBeTruthy();
    expect(screen.queryByTestId('attention-item')).toBeNull();
  });

  it('says, for a refusal of the stamps, that resending stamps the change again', async () => {
    renderScreen(new FakeAttention([row({ code: 'clock_skew', changeId: 'c0000000-0000-4000-8000-000000000002' }), row({ code: 'invalid_stamp' })]));
    const [skew, stamp] = await screen.findAllByTestId('attention-item');
    if (!skew || !stamp) throw new Error('two rows expected');
    expect(within(skew).getByText(/^This device’s clock was far ahead/).textContent).toMatch(
      /Correct this device’s date and time, then press Edit and resend and Submit changes: the change is stamped again with the corrected time\./,
    );
    expect(within(stamp).getByText(/could not be believed/).textContent).toMatch(/stamped again from this device’s clock/);
    expect(within(skew).getByRole('link', { name: /^Edit and resend/ })).toBeTruthy();
  });

  it('has words a field officer can act on for every refusal code', () => {
    const keys = new Set(Object.keys(englishCatalogue));
    expect(CHANGE_REFUSAL_CODES.filter((code) => !keys.has(`changeRefusal.${code}`))).toEqual([]);
  });

  it('names export files so that they sort and are legal on every file system', () => {
    expect(exportFileName('2026-01-02T03:04:05.678Z')).toBe('routewatch-waiting-changes-2026-01-02T03-04-05Z.json');
  });
});
