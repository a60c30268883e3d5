/**
 * An issued report to test with: a small document of every block kind, a 1x1 PNG, and
 * the parameters of March 2026. For tests only (unit, integration and end to end).
 */
import { toByteArray } from 'base64-js';
import type { IssuedReportContent, IssuedReportParameters } from '../../shared/reports/issued-report';
import { documentToWire } from '../../shared/reports/issued-report';
import type { ReportDocument } from '../../shared/reports/report-document';

/** A 1x1 PNG. */
export const TINY_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function sampleReportDocument(patch: Partial<ReportDocument> = {}): ReportDocument {
  return {
    classification: 'INTERNAL',
    title: 'Situation report',
    headerLines: ['As of 1 April 2026, 08:00', 'Period: 1 March 2026 to 31 March 2026'],
    pageOf: 'Page {page} of {pages}',
    paper: 'A4',
    watermark: null,
    sections: [
      { key: 'section', heading: 'Highlights', blocks: [{ kind: 'bullets', items: ['Entries rose by a fifth.', '<b>not markup</b>'] }] },
      {
        key: 'by-place',
        heading: 'Persons by place',
        blocks: [
          {
            kind: 'table',
            columns: [
              { label: 'Place', numeric: false },
              { label: 'Persons', numeric: true },
            ],
            rows: [
              ['Preševo', '1,204'],
              ['Tabanovce', '388'],
            ],
            total: ['Total', '1,592'],
            caption: 'Verified records only.',
          },
          { kind: 'paragraph', text: 'Seen at each place; one group may be seen at several.', note: true },
        ],
      },
      { key: 'section', heading: 'Map', blocks: [{ kind: 'image', png: toByteArray(TINY_PNG_BASE64), width: 1, height: 1, alt: 'Flow map' }] },
    ],
    ...patch,
  };
}

export function sampleParameters(patch: Partial<IssuedReportParameters> = {}): IssuedReportParameters {
  return {
    period: { from: '2026-03-01', to: '2026-03-31' },
    kinds: [],
    missions: [],
    placeIds: [],
    includeSubmitted: false,
    training: false,
    classification: 'internal',
    paper: 'A4',
    timeZone: 'Europe/Belgrade',
    ...patch,
  };
}

/** What a device pushes for a report with this id. */
export function sampleIssuedReportContent(id: string, patch: Partial<IssuedReportContent> = {}): IssuedReportContent {
  return {
    id,
    parameters: sampleParameters(),
    highlights: ['Entries rose by a fifth against February.'],
    document: documentToWire(sampleReportDocument()),
    issuedAt: '2026-04-01T08:00:00.000Z',
    ...patch,
  };
}
