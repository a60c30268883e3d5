import { describe, expect, it } from 'vitest';
import { documentFromWire, documentToWire, formatReportNumber, issuedReportContentSchema, reportDocumentWireSchema, reportYear } from './issued-report';
import { sampleIssuedReportContent, sampleParameters, sampleReportDocument } from '../../test-support/shared/issued-report-fixtures';
import { readZipParts } from '../../tests/support/read-zip';
import { reportPdfSpec } from './pdf-page';
import { reportDocxBytes } from './report-docx';
import { titleWithNumber, withReportNumber } from './report-document';

describe('issued report wire form', () => {
  it('carries a document through JSON and back unchanged, PNG bytes included', () => {
    const document = withReportNumber(sampleReportDocument(), 'No. HQ-VIE-2026-001');
    const wire = reportDocumentWireSchema.parse(JSON.parse(JSON.stringify(documentToWire(document))));
    expect(documentFromWire(wire)).toEqual(document);
    const image = wire.sections[2]?.blocks[0];
    expect(image?.kind === 'image' && image.pngBase64.startsWith('iVBORw0KGgo')).toBe(true);
  });

  it('drops authorship named in a body (the server takes it from the token)', () => {
    const parsed = issuedReportContentSchema.parse({ ...sampleIssuedReportContent('0195e6a0-0000-7000-8000-000000000001'), office: 'RS-BEL', issuedBy: 'Mallory', number: 'RS-BEL-2026-999' });
    expect(Object.keys(parsed).sort()).toEqual(['document', 'highlights', 'id', 'issuedAt', 'parameters']);
  });

  it('numbers {office}-{year}-{seq, three digits at least} in the year of the period end', () => {
    expect(formatReportNumber('RS-BEL', 2026, 3)).toBe('RS-BEL-2026-003');
    expect(formatReportNumber('RS-BEL', 2026, 1234)).toBe('RS-BEL-2026-1234');
    expect(reportYear(sampleParameters({ period: { from: '2025-12-20', to: '2026-01-02' } }))).toBe(2026);
  });
});

describe('withReportNumber', () => {
  it('sets the number line without changing the document given, and the PDF header prints it escaped after the title', () => {
    const document = sampleReportDocument();
    const numbered = withReportNumber(document, 'Number assigned on sync <soon>');
    expect(document.numberLine).toBeUndefined();
    expect(titleWithNumber(numbered)).toBe('Situation report · Number assigned on sync <soon>');
    expect(titleWithNumber(document)).toBe('Situation report');
    const spec = reportPdfSpec('A4', { classification: 'INTERNAL', title: numbered.title, numberLine: numbered.numberLine ?? '', pageOf: numbered.pageOf });
    expect(spec.headerTemplate).toContain('Situation report · Number assigned on sync &lt;soon&gt;');
  });
});

describe('the DOCX of a numbered report', () => {
  it('prints the number line under the title and after the title in the page header', async () => {
    const bytes = await reportDocxBytes(withReportNumber(sampleReportDocument(), 'No. HQ-VIE-2026-004'));
    const parts = readZipParts(Buffer.from(bytes));
    const text = (name: string) => [...parts].filter(([part]) => part.startsWith(name)).map(([, content]) => content.toString('utf8')).join('');
    expect(text('word/document.xml')).toContain('No. HQ-VIE-2026-004');
    expect(text('word/header')).toContain('Situation report · No. HQ-VIE-2026-004');
    const unnumbered = readZipParts(Buffer.from(await reportDocxBytes(sampleReportDocument())));
    expect([...unnumbered.values()].map((b) => b.toString('utf8')).join('')).not.toContain('No. ');
  });
});
