import { describe, expect, it, vi } from 'vitest';
import { saveReportPdf, type SaveReportPdfEffects } from './save-report-pdf';

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
  it('asks for a path, prints A4 with backgrounds, and writes the PDF there', async () => {
    const effects = fakeEffects('/home/ana/Reports/january.pdf');
    const result = await saveReportPdf({ suggestedName: 'january.pdf' }, effects);
    expect(result).toEqual({ ok: true, data: { saved: true, path: '/home/ana/Reports/january.pdf' } });
    expect(effects.calls).toEqual(['choose january.pdf', 'print', 'write /home/ana/Reports/january.pdf']);
    expect(effects.printToPdf).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true });
    expect(effects.writeFile).toHaveBeenCalledWith('/home/ana/Reports/january.pdf', PDF);
  });

  it('reports a cancelled dialog as not saved, without printing or writing', async () => {
    const effects = fakeEffects(null);
    expect(await saveReportPdf({ suggestedName: 'january.pdf' }, effects)).toEqual({ ok: true, data: { saved: false, path: null } });
    expect(effects.printToPdf).not.toHaveBeenCalled();
    expect(effects.writeFile).not.toHaveBeenCalled();
  });

  it('lets a write failure propagate (the IPC wrapper turns it into `failed`)', async () => {
    const effects = { ...fakeEffects('/read-only/x.pdf'), writeFile: () => Promise.reject(new Error('EACCES')) };
    await expect(saveReportPdf({ suggestedName: 'x.pdf' }, effects)).rejects.toThrow('EACCES');
  });
});
