import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { documentToWire } from '../../shared/reports/issued-report';
import type { PullReportsResponse, ServerIssuedReport } from '../../shared/reports/issued-report';
import { sampleParameters, sampleReportDocument } from '../../test-support/shared/issued-report-fixtures';
import { SyncError } from '../../shared/sync/sync-engine';
import { openDatabase } from '../store/database';
import { IssuedReportStore } from '../store/issued-report-store';
import { freshDatabaseName, TEST_NOW } from '../../test-support/renderer/store-test-fixtures';
import { createReportTransport, syncIssuedReports } from './issued-report-sync';
import type { ReportTransport } from './issued-report-sync';
import { testCipher } from '../../test-support/renderer/test-cipher';

async function analystReports(): Promise<IssuedReportStore> {
  const db = openDatabase(freshDatabaseName('report-sync'));
  await db.meta.put({
    key: 'enrolment',
    value: { serverUrl: 'http://s/', token: 't'.repeat(40), deviceId: 'dev_1', office: 'HQ-VIE', role: 'hq_analyst', userName: 'Hanna', enrolledAt: '2026-03-01T00:00:00.000Z' },
  });
  return new IssuedReportStore(db, testCipher(), () => TEST_NOW);
}

const issue = (reports: IssuedReportStore) => reports.issueReport({ parameters: sampleParameters(), highlights: ['One.'], document: sampleReportDocument() });

function serverReport(id: string, number: string): ServerIssuedReport {
  return { id, number, issuedBy: 'Greta', office: 'HQ-GVA', parameters: sampleParameters(), highlights: ['Theirs.'], document: documentToWire(sampleReportDocument()), issuedAt: '2026-04-01T08:00:00.000Z', receivedAt: '2026-04-01T08:00:02.000Z' };
}

/** A server holding `pages` of reports; pushes answered by `answer`. */
function fakeServer(answer: (id: string) => unknown, pages: ServerIssuedReport[][] = []): ReportTransport & { pulls: (string | null)[] } {
  let n = 0;
  const pulls: (string | null)[] = [];
  return {
    pulls,
    push: (report) => {
      const a = answer(report.id);
      if (a instanceof Error) return Promise.reject(a);
      n += 1;
      return Promise.resolve({ id: report.id, number: `HQ-VIE-2026-00${String(n)}`, issuedBy: 'Hanna', office: 'HQ-VIE', receivedAt: '2026-04-01T08:00:01.000Z' });
    },
    pull: (after): Promise<PullReportsResponse> => {
      pulls.push(after);
      const index = after === null ? 0 : Number(after);
      return Promise.resolve({ reports: pages[index] ?? [], cursor: String(index + 1), hasMore: index + 1 < pages.length });
    },
  };
}

describe('syncing issued reports', () => {
  it('pushes waiting reports, keeps the numbers the server gave, and files pulled pages with their cursor', async () => {
    const reports = await analystReports();
    const mine = await issue(reports);
    const theirs = serverReport('0195e6a0-0000-7000-8000-0000000000aa', 'HQ-GVA-2026-001');
    const server = fakeServer(() => undefined, [[theirs], []]);
    expect(await syncIssuedReports(reports, server, 'scope A')).toEqual({ pushed: 1, refused: 0, pulled: 1, error: null });
    expect(await reports.get(mine.id)).toMatchObject({ number: 'HQ-VIE-2026-001', issuedBy: 'Hanna' });
    expect(await reports.get(theirs.id)).toMatchObject({ number: 'HQ-GVA-2026-001', issuedBy: 'Greta', office: 'HQ-GVA', highlights: ['Theirs.'] });
    expect((await reports.get(theirs.id))?.document).toEqual(sampleReportDocument());
    expect(server.pulls).toEqual([null, '1']);
    // The next round resumes from the cursor; enrolled elsewhere, it starts over.
    const again = fakeServer(() => undefined);
    await syncIssuedReports(reports, again, 'scope A');
    await syncIssuedReports(reports, again, 'scope B');
    expect(again.pulls).toEqual(['2', null]);
  });

  it('sets aside a report the server refuses and goes on; a lost connection leaves every report waiting, and says so', async () => {
    const reports = await analystReports();
    const refused = await issue(reports);
    const next = await issue(reports);
    const outcome = await syncIssuedReports(reports, fakeServer((id) => (id === refused.id ? new SyncError('report_already_issued', 'other content') : undefined)), 's');
    expect(outcome).toEqual({ pushed: 1, refused: 1, pulled: 0, error: null });
    expect(await reports.get(refused.id)).toMatchObject({ number: null, refused: { code: 'report_already_issued', message: 'other content' } });
    expect((await reports.get(next.id))?.number).toBe('HQ-VIE-2026-001');

    const offline = await issue(reports);
    expect(await syncIssuedReports(reports, fakeServer(() => new SyncError('network_unreachable', 'down')), 's')).toMatchObject({ pushed: 0, error: 'network_unreachable' });
    expect(await reports.get(offline.id)).toMatchObject({ number: null, pending: 1 });
    expect((await reports.get(offline.id))?.refused).toBeUndefined();
    expect(await reports.counts()).toEqual({ waiting: 1, refused: 1 });
  });
});

describe('a server without the reports routes', () => {
  it('leaves the reports waiting (its 404 is the server\'s lack, not a refusal of the report)', async () => {
    const reports = await analystReports();
    const row = await issue(reports);
    const notFound = () => Promise.resolve(new Response(JSON.stringify({ error: { code: 'invalid_request', message: 'There is no route POST /api/v1/reports.' } }), { status: 404 }));
    const outcome = await syncIssuedReports(reports, createReportTransport(notFound, new URL('http://old.example/'), 't'.repeat(40)), 's');
    expect(outcome).toMatchObject({ pushed: 0, refused: 0, error: 'app_too_new' });
    expect(await reports.get(row.id)).toMatchObject({ pending: 1, number: null });
    expect((await reports.get(row.id))?.refused).toBeUndefined();
  });
});
