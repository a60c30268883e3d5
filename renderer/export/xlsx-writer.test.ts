/**
 * The XLSX writer, tested by opening what it wrote: an XLSX is a zip of XML parts,
 * read back here through the zip's central directory and the platform's
 * DecompressionStream (no zip library: the test reads the file as any reader would).
 */
import { describe, expect, it } from 'vitest';
import { observationsSheet } from '../../shared/export/observations-sheet';
import { safeCell } from '../../shared/export/spreadsheet-cell';
import { PLACES, exportRecord } from '../../test-support/shared/export-test-fixtures';
import { unzipParts } from '../../test-support/renderer/unzip-parts';
import { XLSX_MIME, writeXlsx, xlsxText } from './xlsx-writer';

/** The cells of a sheet's XML as { ref: { type, value } }, shared strings resolved. */
function cellsOf(sheetXml: string, sharedXml: string): Map<string, { type: string; value: string }> {
  const strings = [...sharedXml.matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => m[1] ?? '');
  const cells = new Map<string, { type: string; value: string }>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/g)) {
    const type = /t="(\w+)"/.exec(m[2] ?? '')?.[1] ?? 'n';
    const raw = m[3] ?? '';
    cells.set(m[1] ?? '', { type, value: type === 's' ? (strings[Number(raw)] ?? '') : raw });
  }
  return cells;
}

const unescapeXml = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

describe('writeXlsx', () => {
  it('writes numbers as number cells, dates as dates, and a formula-looking text as text', async () => {
    const record = exportRecord({ summary: '=cmd|\' /C calc\'!A0', reviewStatus: 'returned', review: { reviewer: 'Сава', reviewedAt: null, note: 'Провери број' }, location: { lat: -12.5, lon: 19.25 }, locationMethod: 'gps' });
    const sheet = observationsSheet([record], { user: null, includeSensitive: false, includeTraining: false }, PLACES);
    const blob = await writeXlsx([
      { name: 'Observations', rows: sheet.rows, frozenRows: 1 },
      { name: 'About this export', rows: [[safeCell('Exported by'), safeCell('Hana')]] },
    ]);
    expect(blob.type).toBe(XLSX_MIME);
    const [sheet1 = '', shared = '', workbook = ''] = await unzipParts(blob, ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']);
    expect(workbook).toContain('name="Observations"');
    expect(workbook).toContain('name="About this export"');
    const cells = cellsOf(sheet1, shared);
    const header = sheet.columns.map((c) => c.name);
    const col = (name: string) => String.fromCharCode(65 + Math.floor(header.indexOf(name) / 26) - 1).replace('@', '') + String.fromCharCode(65 + (header.indexOf(name) % 26));
    expect(cells.get(`${col('latitude')}1`)).toEqual({ type: 's', value: 'latitude' });
    expect(cells.get(`${col('latitude')}2`)).toEqual({ type: 'n', value: '-12.5' });
    expect(cells.get(`${col('total_persons')}2`)).toEqual({ type: 'n', value: '20' });
    const summary = cells.get(`${col('summary')}2`);
    expect(summary?.type).toBe('s');
    expect(unescapeXml(summary?.value ?? '')).toBe("'=cmd|' /C calc'!A0");
    // 2015-10-01T08:00Z as an Excel serial day number (days since 1899-12-30), in a date style.
    expect(Number(cells.get(`${col('observed_start')}2`)?.value)).toBeCloseTo(42278 + 8 / 24, 6);
    expect(sheet1).toMatch(new RegExp(`<c r="${col('observed_start')}2" s="\\d+">`));
    // No cell is a formula.
    expect(sheet1).not.toContain('<f>');
    // Cyrillic intact.
    expect(shared).toContain('Провери број');
    expect(shared).toContain('Шид');
  });

  it('drops what XML cannot hold without bringing a formula character to the front', async () => {
    expect(xlsxText("'\u0000=1")).toBe("'=1");
    expect(xlsxText('\u0001x')).toBe('x');
    expect(xlsxText('a\uD800b')).toBe('ab');
    expect(xlsxText('😀 ok')).toBe('😀 ok');
    const blob = await writeXlsx([{ name: 'S', rows: [[safeCell('\u0001=1+1'), safeCell('<b>&</b>')]] }]);
    const [sheet1 = '', shared = ''] = await unzipParts(blob, ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']);
    const cells = cellsOf(sheet1, shared);
    expect(unescapeXml(cells.get('A1')?.value ?? '')).toBe("'=1+1");
    expect(unescapeXml(cells.get('B1')?.value ?? '')).toBe('<b>&</b>');
  });
});
