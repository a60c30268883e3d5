import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleParameters, sampleReportDocument } from '../../test-support/shared/issued-report-fixtures';
import { withReportNumber } from '../../shared/reports/report-document';
import { openDatabase } from './database';
import { IssueReportError, IssuedReportStore } from './issued-report-store';
import type { Enrolment } from './meta-keys';
import { freshDatabaseName, pastVersionDatabase, TEST_NOW } from '../../test-support/renderer/store-test-fixtures';
import { testCipher } from '../../test-support/renderer/test-cipher';
import { countCanaries } from '../../test-support/renderer/canary-scan';
import { DamagedCiphertextError } from '../crypto/record-cipher';
import { migrateAtRest } from './migrate-at-rest';

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
  return new IssuedReportStore(db, testCipher(), () => TEST_NOW, () => `0195e6a0-0000-7000-8000-00000000000${String((n += 1))}`);
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

describe('issued reports at rest', () => {
  const canaryInput = () => ({
    parameters: sampleParameters(),
    highlights: ['CANARY-highlight: the source Zoran named'],
    document: sampleReportDocument({ sections: [{ key: 'official', heading: 'Official figures', blocks: [{ kind: 'paragraph', text: 'Source: CANARY-source-name, as of 1 March' }] }] }),
  });

  it('seals the highlights and the document: the raw rows hold no canary, the store reads them back', async () => {
    const reports = await freshReports();
    const row = await reports.issueReport(canaryInput());
    const raw = [...(await reports.db.issuedReports.toArray()), ...(await reports.db.issuedReportDocuments.toArray())];
    expect(countCanaries(raw, ['CANARY'])).toBe(0);
    expect(await reports.get(row.id)).toMatchObject({ highlights: canaryInput().highlights, document: canaryInput().document });
    expect((await reports.list())[0]).not.toHaveProperty('highlights');
  });

  it('reports a changed byte, or a document moved onto another report, as damaged, never as a report', async () => {
    const reports = await freshReports();
    const a = await reports.issueReport(canaryInput());
    const b = await reports.issueReport(input());
    const stored = await reports.db.issuedReportDocuments.get(a.id);
    const sealed = stored?.sealed;
    if (sealed === undefined) throw new Error('not sealed');
    // The document of a, moved onto b: it does not open as b's.
    await reports.db.issuedReportDocuments.put({ id: b.id, sealed });
    await expect(reports.get(b.id)).rejects.toBeInstanceOf(DamagedCiphertextError);
    const flipped = new Uint8Array(sealed);
    flipped[40] = (flipped[40] ?? 0) ^ 1;
    await reports.db.issuedReportDocuments.put({ id: a.id, sealed: flipped });
    await expect(reports.get(a.id)).rejects.toBeInstanceOf(DamagedCiphertextError);
  });

  it('seals, after the unlock, a report kept in the clear by an earlier release, even in a store sealed already', async () => {
    const reports = await freshReports();
    const issued = await reports.issueReport(canaryInput());
    const { db } = reports;
    // As the earlier release stored it: highlights in the row, the document plain.
    const { highlights, document, ...row } = issued;
    await db.issuedReports.put({ ...row, highlights });
    await db.issuedReportDocuments.put({ id: issued.id, document });
    await db.meta.put({ key: 'atRestMigration', value: { cursors: {}, done: true } });
    expect(await reports.get(issued.id)).toMatchObject({ highlights, document });
    expect(countCanaries(await db.issuedReports.toArray(), ['CANARY'])).toBe(1);

    expect(await migrateAtRest(db, testCipher())).toBe(1);
    const raw = [...(await db.issuedReports.toArray()), ...(await db.issuedReportDocuments.toArray())];
    expect(countCanaries(raw, ['CANARY'])).toBe(0);
    expect(await reports.get(issued.id)).toMatchObject({ highlights, document });
    // Done: the next unlock seals nothing.
    expect(await migrateAtRest(db, testCipher())).toBe(0);
  });
});
