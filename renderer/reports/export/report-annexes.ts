/**
 * The report's tables as data annexes: an XLSX with one sheet per table (figures as
 * numbers) and a first sheet saying the report, its filter and its as-of time; and any
 * one table as CSV. Both through the exports' one rule for safe cells
 * (shared/export/spreadsheet-cell.ts), so no cell starts a formula.
 */
import { csvDocument } from '../../../shared/export/csv-text';
import type { SafeCell } from '../../../shared/export/spreadsheet-cell';
import { safeCell } from '../../../shared/export/spreadsheet-cell';
import type { ReportBlock, ReportCell, ReportDocument } from '../../../shared/reports/report-document';
import { cellText, cellValue } from '../../../shared/reports/report-document';
import { sheetName } from '../../export/export-observations';
import type { XlsxSheet } from '../../export/xlsx-writer';
import { writeXlsx } from '../../export/xlsx-writer';

export type ReportTable = Extract<ReportBlock, { kind: 'table' }>;

/** Every table of the document, in order, each with a name for its sheet or file. */
export function reportTables(document: ReportDocument): { name: string; table: ReportTable }[] {
  const tables: { name: string; table: ReportTable }[] = [];
  for (const section of document.sections) {
    for (const block of section.blocks) if (block.kind === 'table') tables.push({ name: block.title ?? section.heading, table: block });
  }
  return tables;
}

/** A cell as data: a figure as its number (without the † mark, which a number cannot hold), text as text. */
function dataValue(cell: ReportCell): number | string {
  return cellValue(cell) ?? cellText(cell);
}

/** The header row, the rows and the total, as numbers and texts (made safe by the writers). */
export function tableData(table: ReportTable): (number | string)[][] {
  return [table.columns.map((c) => c.label), ...table.rows.map((row) => row.map(dataValue)), ...(table.total ? [table.total.map(dataValue)] : [])];
}

function tableRows(table: ReportTable): SafeCell[][] {
  return tableData(table).map((row) => row.map(safeCell));
}

/** Distinct sheet names of at most 31 characters (Excel's rule): a repeated name gets " (2)". */
function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = sheetName(name).trimEnd();
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = sheetName(`${name.slice(0, 25)} (${String(n)})`);
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export interface AnnexAbout {
  sheetName: string;
  /** Label–value lines: report, number, period, filter, as of, counting, note on † marks. */
  lines: readonly (readonly [string, string])[];
}

export async function annexXlsx(document: ReportDocument, about: AnnexAbout, spreadsheetOnly: readonly ReportTable[] = []): Promise<Blob> {
  const tables = [...reportTables(document), ...spreadsheetOnly.map((table) => ({ name: table.title ?? 'Table', table }))];
  const names = uniqueNames([about.sheetName, ...tables.map((t) => t.name)]);
  const sheets: XlsxSheet[] = [
    { name: names[0] ?? 'About', rows: about.lines.map(([label, value]) => [safeCell(label), safeCell(value)]), columnWidths: [28, 90] },
    ...tables.map(({ table }, i) => ({
      name: names[i + 1] ?? `Table ${String(i + 1)}`,
      rows: tableRows(table),
      frozenRows: 1,
      columnWidths: table.columns.map((c) => (c.numeric ? 14 : 30)),
    })),
  ];
  return writeXlsx(sheets);
}

/** One table as CSV, with lines naming the report and its filter above the header row. */
export function annexCsv(table: ReportTable, about: readonly string[]): string {
  // The about lines are data too (a place name may be in the filter): made safe like the rows.
  return csvDocument([], [...about.map((line) => [line]), ...tableData(table)]);
}
