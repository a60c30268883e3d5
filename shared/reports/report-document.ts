/**
 * A situation report as a document: what the preview shows, the PDF prints and the DOCX
 * writes, in one neutral shape, so that the three cannot say different things. The
 * words are already in the user's language and the figures already formatted: the
 * writers lay out, they never compute or translate.
 */
import type { ObservationKind } from '../observations/codelists';
import type { PaperSize } from './pdf-page';

export interface ReportDocument {
  /** The classification label, e.g. "RESTRICTED": on every page, top and bottom. */
  classification: string;
  /** The title, without the report number: "Situation report". */
  title: string;
  /**
   * The report's number as a line under the title ("No. RS-BEL-2026-003", or that the
   * number is assigned on sync), set by withReportNumber when the report is shown or
   * exported: an issued report is stored without it, since the server numbers it later.
   */
  numberLine?: string;
  /** Lines under the title: as-of time, period, issuing office, next report. */
  headerLines: string[];
  /** "Page {page} of {pages}", in the user's language. */
  pageOf: string;
  paper: PaperSize;
  sections: ReportSection[];
  /** A training report says so on every page (issue 11); null for a real one. */
  watermark: string | null;
}

export interface ReportSection {
  /** Stable name of the section ('movements', 'highlights'…): anchors and tests, never shown. */
  key: string;
  heading: string;
  blocks: ReportBlock[];
  /** The line that ends the section: the filter it used and the records it counted. */
  footer?: string;
}

/**
 * Where a figure's records are: the preview opens them in the Observations list (the
 * report's filter narrowed to these kinds and place). Print, DOCX and spreadsheets show
 * only the text.
 */
export interface ReportFigureLink {
  kinds: readonly ObservationKind[];
  placeId?: string | null;
  /** How many records are behind the figure. */
  records: number;
  /** The figure's method line, in words (the link's title in the preview). */
  title: string;
}

/**
 * A table cell: text, or a figure: its formatted text (with † when it includes
 * submitted records), its number for spreadsheets, and where its records are.
 */
export type ReportCell = string | { text: string; value?: number; link?: ReportFigureLink; testId?: string; marked?: boolean };

/** The mark of a figure that includes submitted (unverified) records; the header says what it means. */
export const SUBMITTED_MARK = '†';

export function cellText(cell: ReportCell): string {
  return typeof cell === 'string' ? cell : cell.marked === true ? cell.text + SUBMITTED_MARK : cell.text;
}

/** The number a spreadsheet cell holds, or null when the cell is text. */
export function cellValue(cell: ReportCell): number | null {
  return typeof cell === 'string' || cell.value === undefined ? null : cell.value;
}

/** One key figure: its label, its value, and its changes against earlier periods in words. */
export interface ReportTile {
  label: string;
  value: ReportCell;
  /** "+12 % (+1,204) against 21–27 Nov", or that no data exists to compare. */
  changes: string[];
}

export interface ReportColumn {
  label: string;
  /** Right-aligned, as figures are. */
  numeric: boolean;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string; note?: boolean }
  | { kind: 'tiles'; tiles: ReportTile[] }
  /** A figure on its own line: "Persons at sites at the end of the period: 6,022 (as of …)". */
  | { kind: 'figure'; label: string; value: ReportCell; after?: string }
  /**
   * A place a picture goes that only the screen can draw (the live map): the preview
   * shows the live part; exporting puts an image block here (`fillSlots`), and a
   * writer given a slot still empty leaves it out.
   */
  | { kind: 'slot'; name: 'map' }
  | { kind: 'bullets'; items: string[] }
  | {
      kind: 'table';
      /** Stable name ('by-place'): the annex sheet's and the tests' handle, never shown. */
      key?: string;
      /** The table's name as an annex sheet or file ("Persons seen moving by place"). */
      title?: string;
      columns: ReportColumn[];
      rows: ReportCell[][];
      /** The total row, printed once at the end of the table. */
      total?: ReportCell[];
      caption?: string;
    }
  | {
      kind: 'image';
      /** PNG bytes. */
      png: Uint8Array;
      /** Its size in pixels, for its proportions on the page. */
      width: number;
      height: number;
      alt: string;
      caption?: string;
      /** The same picture as SVG, where it was drawn as one (a chart): sharp in print. */
      svg?: string;
    };

/** The document with its slots filled: a slot with no picture is left out. */
export function fillSlots(document: ReportDocument, pictures: Partial<Record<'map', ReportBlock>>): ReportDocument {
  return {
    ...document,
    sections: document.sections.map((section) => ({
      ...section,
      blocks: section.blocks.flatMap((block) => (block.kind === 'slot' ? (pictures[block.name] === undefined ? [] : [pictures[block.name] as ReportBlock]) : [block])),
    })),
  };
}

/** The document with its number line set (pure: the document given is not changed). */
export function withReportNumber(document: ReportDocument, numberLine: string): ReportDocument {
  return { ...document, numberLine };
}

/** The title as the page header shows it: the title and, when set, the number line. */
export function titleWithNumber(document: Pick<ReportDocument, 'title' | 'numberLine'>): string {
  return document.numberLine === undefined || document.numberLine === '' ? document.title : `${document.title} · ${document.numberLine}`;
}
