import { describe, expect, it, vi } from 'vitest';
import { saveReportPdf, type SaveReportPdfEffects } from './save-report-pdf';

const PAGE = { paper: 'A4', classification: 'INTERNAL', title: 'Situation report RS-BEL-2026-003', pageOf: 'Page {page} of {pages}' } as const;

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46]); // "%PDF"

function fakeEffects(chosenPath: string | null): SaveReportPdfEffects & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    chooseSavePath: vi.fn((name: string) => {
      calls.push(`choose ${name}`);
      return Promise.resolve(chosenPath);
    }),
    printToPdf: vi.fn(() => {
      calls.push('print');
      return Promise.resolve(PDF);
    }),
    writeFile: vi.fn((filePath: string) => {
      calls.push(`write ${filePath}`);
      return Promise.resolve();
    }),
  };
}

describe('report:savePdf handler', () => {
  it('asks for a path, prints the paper asked for with the header and footer, and writes the PDF there', async () => {
    const effects = fakeEffects('/home/ana/Reports/january.pdf');
    const result = await saveReportPdf({ suggestedName: 'january.pdf', ...PAGE, paper: 'Letter' }, effects);
    expect(result).toEqual({ ok: true, data: { saved: true, path: '/home/ana/Reports/january.pdf' } });
    expect(effects.calls).toEqual(['choose january.pdf', 'print', 'write /home/ana/Reports/january.pdf']);
    expect(effects.printToPdf).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'Letter', printBackground: true, displayHeaderFooter: true }));
    const spec = vi.mocked(effects.printToPdf).mock.calls[0]?.[0];
    expect(spec?.headerTemplate).toContain('Situation report RS-BEL-2026-003');
    expect(spec?.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(effects.writeFile).toHaveBeenCalledWith('/home/ana/Reports/january.pdf', PDF);
  });

  it('reports a cancelled dialog as not saved, without printing or writing', async () => {
    const effects = fakeEffects(null);
    expect(await saveReportPdf({ suggestedName: 'january.pdf', ...PAGE }, effects)).toEqual({ ok: true, data: { saved: false, path: null } });
    expect(effects.printToPdf).not.toHaveBeenCalled();
    expect(effects.writeFile).not.toHaveBeenCalled();
  });

  it('lets a write failure propagate (the IPC wrapper turns it into `failed`)', async () => {
    const effects = { ...fakeEffects('/read-only/x.pdf'), writeFile: () => Promise.reject(new Error('EACCES')) };
    await expect(saveReportPdf({ suggestedName: 'x.pdf', ...PAGE }, effects)).rejects.toThrow('EACCES');
  });
});
