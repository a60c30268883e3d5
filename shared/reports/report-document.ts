/**
 * A situation report as a document: what the preview shows, the PDF prints and the DOCX
 * writes, in one neutral shape, so that the three cannot say different things. The
 * words are already in the user's language and the figures already formatted: the
 * writers lay out, they never compute or translate.
 */
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
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportColumn {
  label: string;
  /** Right-aligned, as figures are. */
  numeric: boolean;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string; note?: boolean }
  | { kind: 'bullets'; items: string[] }
  | {
      kind: 'table';
      columns: ReportColumn[];
      rows: string[][];
      /** The total row, printed once at the end of the table. */
      total?: string[];
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
    };

/** The document with its number line set (pure: the document given is not changed). */
export function withReportNumber(document: ReportDocument, numberLine: string): ReportDocument {
  return { ...document, numberLine };
}

/** The title as the page header shows it: the title and, when set, the number line. */
export function titleWithNumber(document: Pick<ReportDocument, 'title' | 'numberLine'>): string {
  return document.numberLine === undefined || document.numberLine === '' ? document.title : `${document.title} · ${document.numberLine}`;
}
