/**
 * A ReportDocument as a Word document (the `docx` library: maintained, no runtime
 * dependencies beyond a zip writer, and the same code in the browser and in Node): the
 * paper and margins of the PDF, the classification and title in the page header, the
 * classification and "Page X of Y" (Word fields, so Word and LibreOffice number the
 * pages) in the footer, real Word tables whose heading row repeats on each page and
 * whose total row comes once at the end, and images at their proportions.
 *
 * Text from the document goes into text runs, which the library escapes: a summary that
 * looks like markup is written as text.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopPosition,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { IRunOptions } from 'docx';
import type { PaperSize } from './pdf-page';
import type { ReportBlock, ReportCell, ReportColumn, ReportDocument, ReportTile } from './report-document';
import { cellText, titleWithNumber } from './report-document';

/**
 * A text run from options typed as such: TextRun also takes a plain string, and through
 * that union `bold` and `italics` would read as String's deprecated HTML methods.
 */
function run(options: IRunOptions): TextRun {
  return new TextRun(options);
}

/** Twentieths of a point ("twips"): Word's page unit. */
const TWIPS_PER_INCH = 1440;
const PAPER: Readonly<Record<PaperSize, { width: number; height: number }>> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};
const MARGIN = { top: 0.7, bottom: 0.7, side: 0.5 };
/** Pixels at 96 to the inch, as the library takes image sizes. */
const PIXELS_PER_INCH = 96;

/** "Page {page} of {pages}" as runs, with Word's page fields in the two slots. */
function pageCounter(pattern: string): TextRun[] {
  return pattern
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) => {
      if (part === '{page}') return new TextRun({ children: [PageNumber.CURRENT], size: 16 });
      if (part === '{pages}') return new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 });
      return new TextRun({ text: part, size: 16 });
    });
}

function band(left: TextRun[], right: TextRun[]): Paragraph {
  return new Paragraph({ children: [...left, new TextRun({ text: '\t', size: 16 }), ...right], tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX }] });
}

function cell(content: ReportCell, column: ReportColumn | undefined, bold: boolean): TableCell {
  return new TableCell({
    margins: { top: 30, bottom: 30, left: 80, right: 80 },
    children: [new Paragraph({ alignment: column?.numeric === true ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run({ text: cellText(content), bold })] })],
  });
}

/** Key figures side by side: a one-row table without rules, a tile per cell. */
function tiles(items: readonly ReportTile[]): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const tile = (item: ReportTile) =>
    new TableCell({
      margins: { top: 80, bottom: 80, left: 100, right: 100 },
      shading: { fill: 'F1F4F7', color: 'auto', type: 'clear' },
      children: [
        new Paragraph({ children: [run({ text: item.label, size: 16, color: '444444' })] }),
        new Paragraph({ children: [run({ text: cellText(item.value), bold: true, size: 30, color: '16324F' })] }),
        ...item.changes.map((line) => new Paragraph({ children: [run({ text: line, size: 15, color: '444444' })] })),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ cantSplit: true, children: items.map(tile) })],
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: { style: BorderStyle.SINGLE, size: 24, color: 'FFFFFF' } },
  });
}

function table(block: Extract<ReportBlock, { kind: 'table' }>): Table {
  const head = new TableRow({ tableHeader: true, children: block.columns.map((column) => cell(column.label, column, true)) });
  const rows = block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, block.columns[i], false)) }));
  const total = block.total === undefined ? [] : [new TableRow({ cantSplit: true, children: block.total.map((text, i) => cell(text, block.columns[i], true)) })];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [head, ...rows, ...total],
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
      left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'DDDDDD' },
      insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
    },
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({ children: [run({ text, italics: true, size: 18, color: '555555' })] });
}

function blocks(block: ReportBlock, contentWidthInches: number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'paragraph':
      return [new Paragraph({ children: [new TextRun(block.note === true ? { text: block.text, size: 18, color: '555555' } : { text: block.text })] })];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'tiles':
      return [tiles(block.tiles)];
    case 'figure':
      return [
        new Paragraph({
          children: [run({ text: `${block.label} ` }), run({ text: cellText(block.value), bold: true }), ...(block.after === undefined ? [] : [run({ text: ` ${block.after}` })])],
        }),
      ];
    case 'slot':
      // Only the screen draws it; an export fills it first (fillSlots).
      return [];
    case 'table':
      return [
        ...(block.title === undefined ? [] : [new Paragraph({ keepNext: true, children: [run({ text: block.title, bold: true })] })]),
        table(block),
        ...(block.caption === undefined ? [] : [caption(block.caption)]),
      ];
    case 'image': {
      // As wide as the text, at the image's proportions (never wider than it was drawn).
      const width = Math.min(block.width, Math.round(contentWidthInches * PIXELS_PER_INCH));
      const height = Math.round((block.height / Math.max(1, block.width)) * width);
      const image = new ImageRun({ type: 'png', data: block.png, transformation: { width, height }, altText: { name: block.alt, description: block.alt, title: block.alt } });
      return [new Paragraph({ children: [image] }), ...(block.caption === undefined ? [] : [caption(block.caption)])];
    }
  }
}

export function reportDocx(report: ReportDocument): Document {
  const paper = PAPER[report.paper];
  const contentWidthInches = paper.width / TWIPS_PER_INCH - 2 * MARGIN.side;
  const classification = () => run({ text: report.classification, bold: true, size: 16 });
  const body: (Paragraph | Table)[] = [
    new Paragraph({ children: [run({ text: report.classification, bold: true, color: '7A1F1F' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
    ...(report.numberLine === undefined || report.numberLine === '' ? [] : [new Paragraph({ children: [run({ text: report.numberLine, bold: true })] })]),
    ...report.headerLines.map((line) => new Paragraph({ children: [new TextRun(line)] })),
    ...(report.watermark === null ? [] : [new Paragraph({ children: [run({ text: report.watermark, bold: true, color: 'B00020', size: 28 })] })]),
  ];
  for (const section of report.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun(section.heading)] }));
    for (const block of section.blocks) body.push(...blocks(block, contentWidthInches));
    if (section.footer !== undefined) body.push(caption(section.footer));
  }
  const headerRight = [new TextRun({ text: titleWithNumber(report), size: 16 }), ...(report.watermark === null ? [] : [run({ text: ` · ${report.watermark}`, bold: true, size: 16, color: 'B00020' })])];
  return new Document({
    title: titleWithNumber(report),
    // Sans, as the on-screen report and its PDF are (Word has Arial; LibreOffice maps it to Liberation Sans).
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 20 }, paragraph: { spacing: { after: 60 } } },
        heading1: { run: { font: 'Arial', size: 26, bold: true, color: '16324F' }, paragraph: { spacing: { before: 240, after: 120 } } },
        title: { run: { font: 'Arial', size: 36, bold: true, color: '16324F' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: paper,
            margin: {
              top: MARGIN.top * TWIPS_PER_INCH,
              bottom: MARGIN.bottom * TWIPS_PER_INCH,
              left: MARGIN.side * TWIPS_PER_INCH,
              right: MARGIN.side * TWIPS_PER_INCH,
              header: 0.3 * TWIPS_PER_INCH,
              footer: 0.3 * TWIPS_PER_INCH,
            },
          },
        },
        headers: { default: new Header({ children: [band([classification()], headerRight)] }) },
        footers: { default: new Footer({ children: [band([classification()], pageCounter(report.pageOf))] }) },
        children: body,
      },
    ],
  });
}

/** The document's bytes (a .docx file). */
export async function reportDocxBytes(report: ReportDocument): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(reportDocx(report)));
}
