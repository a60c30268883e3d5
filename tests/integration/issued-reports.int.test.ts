/**
 * Issued reports on the server (POST and GET /api/v1/reports): the server numbers them
 * per office and year, takes authorship from the token, keeps them unchanged, and hands
 * them out by office (every office to HQ analysts). Hostile bodies change nothing.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../server/app';
import {
  MAX_ISSUED_REPORT_BYTES,
  pullReportsResponseSchema,
  pushReportResponseSchema,
} from '../../shared/reports/issued-report';
import type { IssuedReportContent, PullReportsResponse, PushReportResponse } from '../../shared/reports/issued-report';
import { sampleIssuedReportContent, sampleParameters } from '../../test-support/shared/issued-report-fixtures';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { countRows, enrolDevice, expectError } from './helpers/fixtures';
import type { TestDevice } from './helpers/fixtures';
import { ADMIN_TOKEN, describeEachDb } from './helpers/test-db';

function pushRaw(app: FastifyInstance, device: Pick<TestDevice, 'headers'>, report: unknown) {
  return app.inject({ method: 'POST', url: '/api/v1/reports', headers: device.headers, payload: { protocolVersion: SYNC_PROTOCOL_VERSION, report } as Record<string, unknown> });
}

async function pushReport(app: FastifyInstance, device: Pick<TestDevice, 'headers'>, report: IssuedReportContent): Promise<PushReportResponse> {
  const res = await pushRaw(app, device, report);
  expect(res.statusCode, res.body).toBe(200);
  return pushReportResponseSchema.parse(res.json());
}

async function pullReports(app: FastifyInstance, device: Pick<TestDevice, 'headers'>, after?: string, limit?: number): Promise<PullReportsResponse> {
  const query = new URLSearchParams();
  if (after !== undefined) query.set('after', after);
  if (limit !== undefined) query.set('limit', String(limit));
  const res = await app.inject({ method: 'GET', url: `/api/v1/reports?${query.toString()}`, headers: device.headers });
  expect(res.statusCode, res.body).toBe(200);
  return pullReportsResponseSchema.parse(res.json());
}

async function pullAllReports(app: FastifyInstance, device: Pick<TestDevice, 'headers'>): Promise<PullReportsResponse['reports']> {
  const out: PullReportsResponse['reports'] = [];
  let after: string | undefined;
  for (;;) {
    const page = await pullReports(app, device, after, 1);
    out.push(...page.reports);
    after = page.cursor ?? undefined;
    if (!page.hasMore) return out;
  }
}

describeEachDb('issued reports', (h) => {
  beforeEach(() => h.reset());

  const analyst = (app: FastifyInstance, office = 'HQ-VIE', userName = 'Hanna') => enrolDevice(app, office, `${userName} laptop`, { userName, role: 'hq_analyst' });

  it('numbers each new report {office}-{year of the period end}-{seq}, naming who issued it from the token, and keeps it as sent', async () => {
    const app = await h.app();
    const hanna = await analyst(app);
    const first = sampleIssuedReportContent(randomUUID());
    const answer = await pushReport(app, hanna, first);
    expect(answer).toMatchObject({ id: first.id, number: 'HQ-VIE-2026-001', issuedBy: 'Hanna', office: 'HQ-VIE' });
    expect((await pushReport(app, hanna, sampleIssuedReportContent(randomUUID()))).number).toBe('HQ-VIE-2026-002');
    const december = sampleIssuedReportContent(randomUUID(), { parameters: sampleParameters({ period: { from: '2025-12-01', to: '2025-12-31' } }) });
    expect((await pushReport(app, hanna, december)).number).toBe('HQ-VIE-2025-001');

    const [pulled] = await pullAllReports(app, hanna);
    expect(pulled).toEqual({ ...first, number: 'HQ-VIE-2026-001', issuedBy: 'Hanna', office: 'HQ-VIE', receivedAt: answer.receivedAt });
    const audit = await h.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'report.%'");
    expect(audit.map((row) => row.action)).toEqual(['report.issued', 'report.issued', 'report.issued']);
  });

  it('ignores an office, author, device or number forged in the body: they are the token\'s', async () => {
    const app = await h.app();
    const hanna = await analyst(app);
    const report = sampleIssuedReportContent(randomUUID());
    const res = await pushRaw(app, hanna, { ...report, office: 'RS-BEL', issuedBy: 'Somebody else', device: 'dev_forged', number: 'RS-BEL-2026-999', receivedAt: '2020-01-01T00:00:00.000Z' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ number: 'HQ-VIE-2026-001', issuedBy: 'Hanna', office: 'HQ-VIE' });
    const rows = await h.db.query<{ office: string; issued_by: string; device_id: string }>('SELECT office, issued_by, device_id FROM issued_reports');
    expect(rows).toEqual([{ office: 'HQ-VIE', issued_by: 'Hanna', device_id: hanna.deviceId }]);
    expect(JSON.stringify(await pullAllReports(app, hanna))).not.toMatch(/Somebody else|dev_forged|RS-BEL|2020-01-01/);
  });

  it('answers the same number to the same report pushed again, and refuses other content under its id (409 report_already_issued)', async () => {
    const app = await h.app();
    const hanna = await analyst(app);
    const laptop2 = await analyst(app, 'HQ-VIE', 'Hanna');
    const report = sampleIssuedReportContent(randomUUID());
    const first = await pushReport(app, hanna, report);
    // A retry after a lost answer, even from the user's other laptop, with keys in another order.
    const { document, ...rest } = report;
    expect(await pushReport(app, laptop2, { document, ...rest })).toEqual(first);
    expect(await countRows(h.db, 'issued_reports')).toBe(1);

    for (const changed of [
      { ...report, highlights: ['Entries fell.'] },
      { ...report, issuedAt: '2026-04-01T08:00:01.000Z' },
      { ...report, document: { ...report.document, title: 'Another title' } },
      { ...report, parameters: sampleParameters({ includeSubmitted: true }) },
    ]) {
      const res = await pushRaw(app, hanna, changed);
      expectError(res, 409, 'report_already_issued');
      expect(res.json<{ error: { message: string } }>().error.message).toContain('HQ-VIE-2026-001');
    }
    const [kept] = await pullAllReports(app, hanna);
    expect(kept?.highlights).toEqual(report.highlights);
    expect(kept?.document.title).toBe(report.document.title);
    expect((await pushReport(app, hanna, sampleIssuedReportContent(randomUUID()))).number).toBe('HQ-VIE-2026-002');
  });

  it("refuses another office's report id (403) without telling its number, office or author", async () => {
    const app = await h.app();
    const hanna = await analyst(app);
    const other = await analyst(app, 'HQ-GVA', 'Greta');
    const report = sampleIssuedReportContent(randomUUID());
    await pushReport(app, hanna, report);
    for (const attempt of [report, { ...report, highlights: ['Mine now.'] }]) {
      const res = await pushRaw(app, other, attempt);
      expectError(res, 403, 'forbidden');
      expect(res.body).not.toMatch(/HQ-VIE|Hanna|2026-001/);
    }
    expect(await countRows(h.db, 'issued_reports')).toBe(1);
    expect(await pullAllReports(app, hanna)).toHaveLength(1);
  });

  it('lets only roles the rule book lets issue push reports, and no administrator read them', async () => {
    const app = await h.app();
    const ana = await enrolDevice(app, 'RS-BEL', 'Ana laptop', { userName: 'Ana' });
    const sonja = await enrolDevice(app, 'RS-BEL', 'Sonja laptop', { userName: 'Sonja', role: 'supervisor' });
    const admin = await enrolDevice(app, 'HQ-VIE', 'admin laptop', { userName: 'Adam', role: 'administrator' });
    for (const device of [ana, sonja, admin]) expectError(await pushRaw(app, device, sampleIssuedReportContent(randomUUID())), 403, 'forbidden');
    expectError(await app.inject({ method: 'GET', url: '/api/v1/reports', headers: admin.headers }), 403, 'forbidden');
    expect(await countRows(h.db, 'issued_reports')).toBe(0);
    expectError(await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { protocolVersion: SYNC_PROTOCOL_VERSION, report: sampleIssuedReportContent(randomUUID()) } }), 401, 'unauthorized');
  });

  it('refuses malformed reports whole (400, naming the field) and stores nothing', async () => {
    const app = await h.app();
    const hanna = await analyst(app);
    const good = sampleIssuedReportContent(randomUUID());
    const imageSection = (pngBase64: string) => ({ key: 'map', heading: 'Map', blocks: [{ kind: 'image', pngBase64, width: 1, height: 1, alt: 'map' }] });
    const bad: [string, unknown][] = [
      ['id', { ...good, id: 'not-a-uuid' }],
      ['id', { ...good, id: good.id.toUpperCase() }],
      ['highlights', { ...good, highlights: ['1', '2', '3', '4', '5', '6'] }],
      ['highlights.0', { ...good, highlights: ['x'.repeat(501)] }],
      ['document.sections.0.blocks.0.pngBase64', { ...good, document: { ...good.document, sections: [imageSection('not base64!')] } }],
      ['document.sections.0.blocks.0.pngBase64', { ...good, document: { ...good.document, sections: [imageSection(Buffer.from('GIF89a not a png').toString('base64'))] } }],
      ['document.sections.0.blocks.0.kind', { ...good, document: { ...good.document, sections: [{ key: 'x', heading: 'x', blocks: [{ kind: 'script', text: 'alert(1)' }] }] } }],
      ['document.sections.0.key', { ...good, document: { ...good.document, sections: [{ key: '<img onerror=x>', heading: 'x', blocks: [] }] } }],
      ['document.sections.0.blocks.0.value', { ...good, document: { ...good.document, sections: [{ key: 'k', heading: 'x', blocks: [{ kind: 'figure', label: 'x', value: { text: '1', value: 'NaN' } }] }] } }],
      ['document.sections.0.blocks.0.tiles', { ...good, document: { ...good.document, sections: [{ key: 'k', heading: 'x', blocks: [{ kind: 'tiles', tiles: Array.from({ length: 13 }, () => ({ label: 'x', value: '1', changes: [] })) }] }] } }],
      ['document.sections.0.blocks.0.name', { ...good, document: { ...good.document, sections: [{ key: 'k', heading: 'x', blocks: [{ kind: 'slot', name: 'iframe' }] }] } }],
      ['document', { ...good, document: '<html></html>' }],
      ['parameters.period.to', { ...good, parameters: sampleParameters({ period: { from: '2026-03-31', to: '2026-03-01' } }) }],
      ['parameters.classification', { ...good, parameters: { ...good.parameters, classification: 'top_secret' } }],
      ['issuedAt', { ...good, issuedAt: 'yesterday' }],
    ];
    for (const [field, report] of bad) {
      const res = await pushRaw(app, hanna, report);
      expectError(res, 400, 'invalid_request');
      expect(res.json<{ error: { message: string } }>().error.message, field).toContain(field);
    }
    expectError(await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...hanna.headers, 'content-type': 'application/json' }, payload: '{"report": ' }), 400, 'invalid_request');
    expect(await countRows(h.db, 'issued_reports')).toBe(0);
    expect(await countRows(h.db, 'issued_report_counters')).toBe(0);
    // A good one afterwards still gets the first number: refusals drew none.
    expect((await pushReport(app, hanna, good)).number).toBe('HQ-VIE-2026-001');
  });

  it('keeps any text a report holds, NUL and lone surrogates included, and hands it back unchanged', async () => {
    const app = await h.app();
    const hanna = await analyst(app);
    const odd = 'a\u0000b \ud800 <script>alert(1)</script> \u202e';
    const report = sampleIssuedReportContent(randomUUID(), { highlights: [odd] });
    report.document.sections[0] = { key: 'odd', heading: odd, blocks: [{ kind: 'paragraph', text: odd }] };
    expect((await pushReport(app, hanna, report)).number).toBe('HQ-VIE-2026-001');
    const [pulled] = await pullAllReports(app, hanna);
    expect(pulled?.highlights).toEqual([odd]);
    expect(pulled?.document.sections[0]).toEqual({ key: 'odd', heading: odd, blocks: [{ kind: 'paragraph', text: odd }] });
    // And the same content again is the same report.
    expect((await pushReport(app, hanna, report)).number).toBe('HQ-VIE-2026-001');
  });

  it('refuses a body over the limit with 413 payload_too_large before parsing, gzipped or not, and takes one just under it', async () => {
    const app = await h.app();
    const hanna = await analyst(app);
    const good = sampleIssuedReportContent(randomUUID());
    const body = (padding: number) =>
      JSON.stringify({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        report: { ...good, document: { ...good.document, sections: [{ key: 'map', heading: 'Map', blocks: [{ kind: 'image', pngBase64: `iVBORw0KGgoA${'A'.repeat(padding - (padding % 4))}`, width: 1, height: 1, alt: 'map' }] }] } },
      });
    const overhead = body(0).length;
    const over = body(MAX_ISSUED_REPORT_BYTES - overhead + 8);
    expect(over.length).toBeGreaterThan(MAX_ISSUED_REPORT_BYTES);
    const headers = { ...hanna.headers, 'content-type': 'application/json' };
    const plain = await app.inject({ method: 'POST', url: '/api/v1/reports', headers, payload: over });
    expectError(plain, 413, 'payload_too_large');
    expect(plain.json<{ error: { message: string } }>().error.message).toContain(String(MAX_ISSUED_REPORT_BYTES));
    expectError(await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...headers, 'content-encoding': 'gzip' }, payload: gzipSync(over) }), 413, 'payload_too_large');
    expect(await countRows(h.db, 'issued_reports')).toBe(0);
    // Under the limit, larger than a push of records may be: taken (padding keeps it base64 of a "PNG").
    const under = body(MAX_ISSUED_REPORT_BYTES - overhead - 1024);
    expect(under.length).toBeGreaterThan(MAX_ISSUED_REPORT_BYTES - 2048);
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...headers, 'content-encoding': 'gzip' }, payload: gzipSync(under) });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  });

  it("pulls the office's own reports to its devices, and every office's to HQ analysts, page by page", async () => {
    const app = await h.app();
    const belAnalyst = await analyst(app, 'RS-BEL', 'Bojan');
    const vieAnalyst = await analyst(app, 'HQ-VIE', 'Hanna');
    const sonja = await enrolDevice(app, 'RS-BEL', 'Sonja laptop', { userName: 'Sonja', role: 'supervisor' });
    const elena = await enrolDevice(app, 'MK-SKO', 'Elena laptop', { userName: 'Elena', role: 'supervisor' });
    const hqElsewhere = await analyst(app, 'HQ-GVA', 'Greta');
    const bel = [await pushReport(app, belAnalyst, sampleIssuedReportContent(randomUUID())), await pushReport(app, belAnalyst, sampleIssuedReportContent(randomUUID()))];
    const vie = await pushReport(app, vieAnalyst, sampleIssuedReportContent(randomUUID()));
    expect(bel.map((r) => r.number)).toEqual(['RS-BEL-2026-001', 'RS-BEL-2026-002']);
    expect(vie.number).toBe('HQ-VIE-2026-001');

    expect((await pullAllReports(app, sonja)).map((r) => r.number)).toEqual(['RS-BEL-2026-001', 'RS-BEL-2026-002']);
    expect(await pullAllReports(app, elena)).toEqual([]);
    expect((await pullAllReports(app, hqElsewhere)).map((r) => r.number)).toEqual(['RS-BEL-2026-001', 'RS-BEL-2026-002', 'HQ-VIE-2026-001']);
    // The scope is the role's (the rule book's record.view), wherever the analyst sits.
    expect((await pullAllReports(app, belAnalyst)).map((r) => r.number)).toEqual(['RS-BEL-2026-001', 'RS-BEL-2026-002', 'HQ-VIE-2026-001']);

    const page = await pullReports(app, hqElsewhere, undefined, 2);
    expect(page.hasMore).toBe(true);
    const rest = await pullReports(app, hqElsewhere, page.cursor ?? undefined, 2);
    expect(rest.reports.map((r) => r.number)).toEqual(['HQ-VIE-2026-001']);
    expect(rest.hasMore).toBe(false);
    const after = await pullReports(app, hqElsewhere, rest.cursor ?? undefined);
    expect(after).toEqual({ reports: [], cursor: rest.cursor, hasMore: false });
    for (const query of ['after=-1', 'after=abc', 'after=99999999999999999999', 'limit=0', 'limit=51']) {
      expectError(await app.inject({ method: 'GET', url: `/api/v1/reports?${query}`, headers: sonja.headers }), 400, 'invalid_request');
    }
  });

  it('gives concurrent pushes of one office distinct numbers, in one process and across server instances', async () => {
    const app = await h.app();
    const devices = [await analyst(app, 'HQ-VIE', 'Hanna'), await analyst(app, 'HQ-VIE', 'Hugo')];
    const apps: FastifyInstance[] = [app];
    if (h.kind === 'postgres') {
      // A second instance on its own connection pool: the transactions really overlap.
      const other = await buildServer({ db: await h.openAnother(), adminToken: ADMIN_TOKEN });
      apps.push(other);
    }
    const reports = Array.from({ length: 12 }, () => sampleIssuedReportContent(randomUUID()));
    const answers = await Promise.all(reports.map((report, i) => pushReport(apps[i % apps.length] as FastifyInstance, devices[i % 2] as TestDevice, report)));
    const numbers = answers.map((a) => a.number).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `HQ-VIE-2026-${String(i + 1).padStart(3, '0')}`));
    // The same report pushed at once from two places is one report with one number.
    const twice = sampleIssuedReportContent(randomUUID());
    const [a, b] = await Promise.all([pushReport(apps[0] as FastifyInstance, devices[0] as TestDevice, twice), pushReport(apps[apps.length - 1] as FastifyInstance, devices[1] as TestDevice, twice)]);
    expect(a.number).toBe('HQ-VIE-2026-013');
    expect(b.number).toBe('HQ-VIE-2026-013');
    for (const other of apps.slice(1)) await other.close();
  });
});
