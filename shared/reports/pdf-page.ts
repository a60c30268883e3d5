/**
 * The page of every report PDF: paper, margins, and the header and footer Chromium's
 * PDF printer draws on each page (the classification at the top and the bottom, the
 * report's title, "Page X of Y"). One spec for Electron's `webContents.printToPDF` and
 * for the same printer driven in web mode and in tests (Playwright's `page.pdf`), so
 * that both print the same page.
 *
 * The header and footer are HTML templates that Chromium fills in (`pageNumber`,
 * `totalPages`); everything else in them is text of ours or the user's, so it is
 * escaped here, never trusted as markup. The templates are drawn outside the page's own
 * styles: their font size must be given, or Chromium draws them at a size too small
 * to read.
 */

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** The words of the header and footer, in the user's language. */
export interface PdfPageText {
  /** The classification label, e.g. "INTERNAL": at the top and the bottom of every page. */
  classification: string;
  /** The report's title, at the top of every page. */
  title: string;
  /** The report's number line (ReportDocument.numberLine), after the title when given. */
  numberLine?: string;
  /** The page count pattern, with `{page}` and `{pages}`: "Page {page} of {pages}". */
  pageOf: string;
  /** "TRAINING": a training report says so at the top of every page, beside the classification. */
  watermark?: string | undefined;
}

export interface ReportPdfSpec {
  pageSize: PaperSize;
  printBackground: true;
  displayHeaderFooter: true;
  headerTemplate: string;
  footerTemplate: string;
  /** Inches, as Electron takes them: room for the header and footer outside the content. */
  margins: { top: number; bottom: number; left: number; right: number };
}

/** Text as HTML text: the five characters that could open markup or an attribute. */
export function htmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const BAND_STYLE = 'font-family: sans-serif; font-size: 8pt; color: #333; width: 100%; margin: 0 0.5in; display: flex; justify-content: space-between;';

/** "Page {page} of {pages}" with Chromium's counters in place of the two slots (each used once at most). */
function pageCounter(pattern: string): string {
  const slots: Record<string, string> = { '{page}': '<span class="pageNumber"></span>', '{pages}': '<span class="totalPages"></span>' };
  return pattern
    .split(/(\{page\}|\{pages\})/)
    .map((part) => slots[part] ?? htmlText(part))
    .join('');
}

export function reportPdfSpec(paper: PaperSize, text: PdfPageText): ReportPdfSpec {
  const mark = text.watermark === undefined ? '' : ` · <strong style="color: #b00020;">${htmlText(text.watermark)}</strong>`;
  const classification = `<strong>${htmlText(text.classification)}</strong>${mark}`;
  return {
    pageSize: paper,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style="${BAND_STYLE}"><span>${classification}</span><span>${htmlText(text.numberLine === undefined || text.numberLine === '' ? text.title : `${text.title} · ${text.numberLine}`)}</span></div>`,
    footerTemplate: `<div style="${BAND_STYLE}"><span>${classification}</span><span>${pageCounter(text.pageOf)}</span></div>`,
    margins: { top: 0.7, bottom: 0.7, left: 0.5, right: 0.5 },
  };
}

/** The same spec in the shape Playwright's `page.pdf` takes (web-mode tests and the bench print with it). */
export function playwrightPdfOptions(spec: ReportPdfSpec): {
  format: PaperSize;
  printBackground: boolean;
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  margin: { top: string; bottom: string; left: string; right: string };
} {
  const inches = (n: number) => `${String(n)}in`;
  return {
    format: spec.pageSize,
    printBackground: spec.printBackground,
    displayHeaderFooter: spec.displayHeaderFooter,
    headerTemplate: spec.headerTemplate,
    footerTemplate: spec.footerTemplate,
    margin: { top: inches(spec.margins.top), bottom: inches(spec.margins.bottom), left: inches(spec.margins.left), right: inches(spec.margins.right) },
  };
}
