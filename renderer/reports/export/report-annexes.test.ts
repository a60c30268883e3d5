import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../shared/reports/report-document';
import { unzipParts } from '../../../test-support/renderer/unzip-parts';
import { annexCsv, annexXlsx, reportTables, tableData } from './report-annexes';

const document: ReportDocument = {
  classification: 'INTERNAL',
  title: 'Situation report',
  headerLines: [],
  pageOf: 'Page {page} of {pages}',
  paper: 'A4',
  watermark: null,
  sections: [
    {
      key: 'movements',
      heading: 'Persons seen moving',
      blocks: [
        { kind: 'paragraph', text: 'x' },
        {
          kind: 'table',
          key: 'by-place',
          title: 'Persons seen moving by place',
          columns: [
            { label: 'Place', numeric: false },
            { label: 'Persons', numeric: true },
          ],
          rows: [
            ['=HYPERLINK("http://evil")', { text: '1,204', value: 1204, marked: true }],
            ['Прешево', { text: '−12', value: -12 }],
          ],
          total: ['Total', { text: '1,192', value: 1192 }],
        },
      ],
    },
    { key: 'annex', heading: 'Annex tables', blocks: [{ kind: 'table', title: 'Persons seen moving by place', columns: [{ label: 'Day', numeric: false }], rows: [['2015-10-01']] }] },
  ],
};

describe('the report’s annexes', () => {
  it('finds every table with its name, and gives figures as numbers without their † mark', () => {
    const tables = reportTables(document);
    expect(tables.map((t) => t.name)).toEqual(['Persons seen moving by place', 'Persons seen moving by place']);
    expect(tableData(tables[0]?.table ?? { kind: 'table', columns: [], rows: [] })).toEqual([
      ['Place', 'Persons'],
      ['=HYPERLINK("http://evil")', 1204],
      ['Прешево', -12],
      ['Total', 1192],
    ]);
  });

  it('writes a table as CSV whose formula-like text is neutralised and whose negative figure stays a number', () => {
    const [table] = reportTables(document);
    const text = annexCsv(table?.table ?? { kind: 'table', columns: [], rows: [] }, ['Filter: =cmd']);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1)).data;
    expect(rows[0]).toEqual(['Filter: =cmd']);
    expect(rows[2]).toEqual([`'=HYPERLINK("http://evil")`, '1204']);
    expect(rows[3]).toEqual(['Прешево', '-12']);
  });

  it('writes one sheet per table, with distinct names, figures as number cells and no formula', async () => {
    const blob = await annexXlsx(document, { sheetName: 'About', lines: [['Filter', '@SUM(1)']] });
    const [workbook = '', sheet = '', shared = ''] = await unzipParts(blob, ['xl/workbook.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml']);
    expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['About', 'Persons seen moving by place', 'Persons seen moving by pl (2)']);
    expect(sheet).toMatch(/<v>1204<\/v>/);
    expect(sheet).toMatch(/<v>-12<\/v>/);
    expect(sheet).not.toContain('<f>');
    expect(shared).toContain("'@SUM(1)");
  });
});
