import { describe, expect, it } from 'vitest';
import { htmlText, playwrightPdfOptions, reportPdfSpec } from './pdf-page';

describe('the report PDF page', () => {
  it('puts the classification in the header and the footer, the title in the header, and the page count in the footer', () => {
    const spec = reportPdfSpec('Letter', { classification: 'RESTRICTED', title: 'Situation report RS-BEL-2026-003', pageOf: 'Page {page} of {pages}' });
    expect(spec).toMatchObject({ pageSize: 'Letter', printBackground: true, displayHeaderFooter: true });
    expect(spec.headerTemplate).toContain('<strong>RESTRICTED</strong>');
    expect(spec.headerTemplate).toContain('Situation report RS-BEL-2026-003');
    expect(spec.footerTemplate).toContain('<strong>RESTRICTED</strong>');
    expect(spec.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    // Chromium draws templates at a tiny default size unless told.
    expect(spec.headerTemplate).toContain('font-size: 8pt');
  });

  it('keeps the words of another language, slots in any order', () => {
    const spec = reportPdfSpec('A4', { classification: 'ИНТЕРНО', title: 'Извештај', pageOf: 'Страна {page} од {pages}' });
    expect(spec.footerTemplate).toContain('Страна <span class="pageNumber"></span> од <span class="totalPages"></span>');
    expect(reportPdfSpec('A4', { classification: 'X', title: '', pageOf: '{pages}/{page}' }).footerTemplate).toContain(
      '<span class="totalPages"></span>/<span class="pageNumber"></span>',
    );
  });

  it('prints hostile words as text, never as markup', () => {
    const spec = reportPdfSpec('A4', { classification: '<img src=x onerror=alert(1)>', title: `R&D "report" it's`, pageOf: 'Page {page} of {pages} <b>' });
    expect(spec.headerTemplate).not.toContain('<img');
    expect(spec.headerTemplate).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(spec.headerTemplate).toContain('R&amp;D &quot;report&quot; it&#39;s');
    expect(spec.footerTemplate).toContain('&lt;b&gt;');
    expect(htmlText('<>&"\'')).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('gives Playwright the same page: paper, templates and margins in inches', () => {
    const spec = reportPdfSpec('A4', { classification: 'INTERNAL', title: 'T', pageOf: 'Page {page} of {pages}' });
    expect(playwrightPdfOptions(spec)).toEqual({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: spec.headerTemplate,
      footerTemplate: spec.footerTemplate,
      margin: { top: '0.7in', bottom: '0.7in', left: '0.5in', right: '0.5in' },
    });
  });
});

describe('a training report', () => {
  it('says TRAINING beside the classification at the top and bottom of every page, as text', () => {
    const spec = reportPdfSpec('A4', { classification: 'INTERNAL', title: 'Situation report', pageOf: 'Page {page} of {pages}', watermark: 'TRAINING <i>' });
    expect(spec.headerTemplate).toContain('TRAINING &lt;i&gt;');
    expect(spec.footerTemplate).toContain('TRAINING &lt;i&gt;');
    expect(reportPdfSpec('A4', { classification: 'INTERNAL', title: '', pageOf: '' }).headerTemplate).not.toContain('TRAINING');
  });
});
