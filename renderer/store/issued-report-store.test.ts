import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleParameters, sampleReportDocument } from '../../test-support/shared/issued-report-fixtures';
import { withReportNumber } from '../../shared/reports/report-document';
import { openDatabase } from './database';
import { IssueReportError, IssuedReportStore } from './issued-report-store';
import type { Enrolment } from './meta-keys';
import { freshDatabaseName, pastVersionDatabase, TEST_NOW } from '../../test-support/renderer/store-test-fixtures';

const ENROLMENT: Enrolment = {
  serverUrl: 'http://127.0.0.1:8787/',
  token: 't'.repeat(40),
  deviceId: 'dev_hanna',
  office: 'HQ-VIE',
  role: 'hq_analyst',
  userName: 'Hanna',
  enrolledAt: '2026-03-01T00:00:00.000Z',
};

async function freshReports(enrolment: Partial<Enrolment> | null = {}): Promise<IssuedReportStore> {
  const db = openDatabase(freshDatabaseName('issued'));
  if (enrolment !== null) await db.meta.put({ key: 'enrolment', value: { ...ENROLMENT, ...enrolment } });
  let n = 0;
  return new IssuedReportStore(db, () => TEST_NOW, () => `0195e6a0-0000-7000-8000-00000000000${String((n += 1))}`);
}

const input = () => ({ parameters: sampleParameters(), highlights: ['Entries rose by a fifth.'], document: sampleReportDocument() });

describe('issued reports on the device', () => {
  it('keeps an issued report waiting, without a number, as the enrolled user and office, document bytes and all', async () => {
    const reports = await freshReports();
    const row = await reports.issueReport(input());
    expect(row).toMatchObject({ number: null, issuedBy: 'Hanna', office: 'HQ-VIE', pending: 1, receivedAt: null, issuedAt: new Date(TEST_NOW).toISOString() });
    const stored = await reports.get(row.id);
    expect(stored?.document).toEqual(sampleReportDocument());
    // The list reads rows without documents (they hold the images).
    expect((await reports.list())[0]).not.toHaveProperty('document');
    expect(await reports.counts()).toEqual({ waiting: 1, refused: 0 });
    expect((await reports.list()).map((r) => r.id)).toEqual([row.id]);
  });

  it('stores the document without a number line: the number is added when shown', async () => {
    const reports = await freshReports();
    const row = await reports.issueReport({ ...input(), document: withReportNumber(sampleReportDocument(), 'No. made-up') });
    expect((await reports.get(row.id))?.document.numberLine).toBeUndefined();
  });

  it('refuses, storing nothing, a user the rule book does not let issue, no user at all, bad highlights and a report too large', async () => {
    const cases: [Partial<Enrolment> | null, ReturnType<typeof input>, string][] = [
      [{ role: 'field_monitor' }, input(), 'not_allowed'],
      [{ role: 'supervisor' }, input(), 'not_allowed'],
      [null, input(), 'no_user'],
      [{}, { ...input(), highlights: ['1', '2', '3', '4', '5', '6'] }, 'invalid'],
      [{}, { ...input(), highlights: ['x'.repeat(501)] }, 'invalid'],
      [{}, { ...input(), parameters: sampleParameters({ period: { from: '2026-04-01', to: '2026-03-01' } }) }, 'invalid'],
      [
        {},
        { ...input(), document: sampleReportDocument({ sections: [{ key: 'section', heading: 'Map', blocks: [{ kind: 'image', png: new Uint8Array(9 * 1024 * 1024).fill(7).map((v, i) => (i < 8 ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a][i] ?? v : v)), width: 10, height: 10, alt: 'big' }] }] }) },
        'too_large',
      ],
    ];
    for (const [enrolment, given, reason] of cases) {
      const reports = await freshReports(enrolment);
      const error = await reports.issueReport(given).catch((e: unknown) => e);
      expect(error, reason).toBeInstanceOf(IssueReportError);
      expect((error as IssueReportError).reason).toBe(reason);
      expect(await reports.db.issuedReports.count()).toBe(0);
      expect(await reports.db.issuedReportDocuments.count()).toBe(0);
    }
  });

  it('files the number the server gave, a refusal, and pulled reports with their cursor', async () => {
    const reports = await freshReports();
    const a = await reports.issueReport(input());
    const b = await reports.issueReport(input());
    expect(await reports.waiting()).toEqual([a.id, b.id]);
    await reports.markPushed({ id: a.id, number: 'HQ-VIE-2026-001', issuedBy: 'Hanna', office: 'HQ-VIE', receivedAt: '2026-03-10T12:00:01.000Z' });
    await reports.markRefused(b.id, 'report_already_issued', 'issued with other content');
    expect(await reports.get(a.id)).toMatchObject({ number: 'HQ-VIE-2026-001', receivedAt: '2026-03-10T12:00:01.000Z' });
    expect((await reports.get(a.id))?.pending).toBeUndefined();
    expect(await reports.waiting()).toEqual([]);
    expect(await reports.counts()).toEqual({ waiting: 0, refused: 1 });
    expect(await reports.pullCursor('server office')).toBeNull();
  });
});

describe('schema version 9', () => {
  it('opens a version 8 database with its data and an empty issuedReports table', async () => {
    const name = freshDatabaseName('v9');
    const v8 = pastVersionDatabase(name, 8);
    await v8.table('meta').put({ key: 'profile', value: { author: 'Ana', office: 'RS-BEL' } });
    v8.close();
    const db = openDatabase(name);
    expect(await db.meta.get('profile')).toEqual({ key: 'profile', value: { author: 'Ana', office: 'RS-BEL' } });
    expect(await db.issuedReports.count()).toBe(0);
    expect(await db.issuedReportDocuments.count()).toBe(0);
    expect(db.verno).toBeGreaterThanOrEqual(9);
  });
});
