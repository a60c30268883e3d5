// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleParameters, sampleReportDocument } from '../../../test-support/shared/issued-report-fixtures';
import { ServicesContext } from '../../app/services';
import { FakeSync, fakeServices, statusOf } from '../../../test-support/renderer/fake-services';
import type { IssuedReport } from '../../store/issued-report-store';
import { sealIssuedReport } from '../../store/issued-report-store';
import { IssuedReportsScreen } from './issued-reports-screen';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>bold</b>';

function report(patch: Partial<IssuedReport>): IssuedReport {
  return {
    id: '0195e6a0-0000-7000-8000-000000000001',
    number: null,
    parameters: sampleParameters(),
    highlights: ['Entries rose by a fifth.'],
    document: sampleReportDocument(),
    issuedAt: '2026-04-01T08:00:00.000Z',
    issuedBy: 'Hanna',
    office: 'HQ-VIE',
    receivedAt: null,
    ...patch,
  };
}

async function renderWith(rows: IssuedReport[], params = '', sync = new FakeSync(statusOf())) {
  const services = fakeServices(sync);
  await services.store.db.issuedReports.bulkPut(rows.map(({ document: _d, highlights: _h, ...row }) => row));
  // As the store keeps them: highlights and document sealed under the device's key.
  await services.store.db.issuedReportDocuments.bulkPut(await Promise.all(rows.map(({ id, highlights, document }) => sealIssuedReport(id, highlights, document, services.store.cipher))));
  render(
    <ServicesContext.Provider value={services}>
      <IssuedReportsScreen params={new URLSearchParams(params)} />
    </ServicesContext.Provider>,
  );
  return services;
}

describe('Issued reports', () => {
  it('lists each report with its number, or "Number assigned on sync" while it waits, never a made-up one', async () => {
    await renderWith([
      report({ id: '0195e6a0-0000-7000-8000-000000000001', number: 'HQ-VIE-2026-001', receivedAt: '2026-04-01T08:00:02.000Z' }),
      report({ id: '0195e6a0-0000-7000-8000-000000000002', issuedAt: '2026-04-02T08:00:00.000Z', pending: 1, issuedBy: HOSTILE }),
    ]);
    const rows = await screen.findAllByTestId('issued-row');
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['Number assigned on sync', expect.stringContaining('2026'), HOSTILE, 'HQ-VIE', expect.any(String), 'Waiting to sync'],
      ['HQ-VIE-2026-001', expect.stringContaining('2026'), 'Hanna', 'HQ-VIE', expect.any(String), 'Synced'],
    ]);
    expect(document.querySelector('img')).toBeNull();
  });

  it('says a refused report will get no number, and why, in its view', async () => {
    const refused = report({ refused: { code: 'report_already_issued', message: 'Report 0195e6a0 was issued as HQ-VIE-2026-001 with other content' } });
    await renderWith([refused]);
    const [row] = await screen.findAllByTestId('issued-row');
    expect(row?.textContent).toContain('No number: the server refused this report');
    expect(row?.textContent).toContain('Refused by the server');
    cleanup();
    await renderWith([refused], `id=${refused.id}`);
    expect((await screen.findByRole('alert')).textContent).toMatch(/will not be sent again: A report with the same id was issued before.*The server said: Report 0195e6a0/);
  });

  it('says when the last round could not sync reports, and when there are none', async () => {
    await renderWith([], '', new FakeSync(statusOf({ reportsError: 'network_unreachable' })));
    expect((await screen.findByTestId('issued-empty')).textContent).toMatch(/No report has been issued yet/);
    expect(screen.getByTestId('issued-sync-error').textContent).toMatch(/did not sync.*cannot be reached/);
  });

  it('opens one report: its number line, parameters and document, user text as text', async () => {
    const doc = sampleReportDocument({ sections: [{ key: 'section', heading: HOSTILE, blocks: [{ kind: 'paragraph', text: HOSTILE }, { kind: 'bullets', items: [HOSTILE] }] }] });
    await renderWith([report({ number: 'HQ-VIE-2026-007', highlights: [HOSTILE], document: doc, refused: undefined })], 'id=0195e6a0-0000-7000-8000-000000000001');
    expect((await screen.findByTestId('issued-number')).textContent).toBe('No. HQ-VIE-2026-007');
    // The document as issued, its number line set from the server's number.
    expect(screen.getByTestId('report-number').textContent).toBe('No. HQ-VIE-2026-007');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe(HOSTILE);
    expect(screen.getByTestId('report-section').textContent).toContain(HOSTILE);
    // The period's local days, as the parameters say (not moved by the test's time zone).
    expect(screen.getByText('Mar 1, 2026 to Mar 31, 2026').tagName).toBe('DD');
    expect(document.querySelector('b')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('says so for an id it does not hold', async () => {
    await renderWith([], 'id=0195e6a0-0000-7000-8000-0000000000ff');
    expect((await screen.findByText(/no issued report with this id/)).textContent).toBeTruthy();
  });

  it('says a report whose sealed contents do not open on this device could not be read, and shows none of it', async () => {
    const services = await renderWith([report({})], 'id=0195e6a0-0000-7000-8000-000000000001');
    expect(await screen.findByText('Entries rose by a fifth.')).toBeTruthy();
    cleanup();
    const stored = await services.store.db.issuedReportDocuments.get('0195e6a0-0000-7000-8000-000000000001');
    const sealed = stored?.sealed?.slice();
    if (sealed === undefined) throw new Error('not sealed');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    await services.store.db.issuedReportDocuments.put({ id: '0195e6a0-0000-7000-8000-000000000001', sealed });
    render(
      <ServicesContext.Provider value={services}>
        <IssuedReportsScreen params={new URLSearchParams('id=0195e6a0-0000-7000-8000-000000000001')} />
      </ServicesContext.Provider>,
    );
    expect((await screen.findByTestId('issued-unreadable')).textContent).toContain('could not be read on this device');
    expect(document.body.textContent).not.toContain('Entries rose');
  });
});
