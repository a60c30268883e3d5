import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import type { IpcRequestData } from '../ipc-call';

/** The print settings of every report PDF (a subset of Electron's PrintToPDFOptions). */
export interface ReportPdfOptions {
  readonly pageSize: 'A4';
  readonly printBackground: boolean;
}

export const REPORT_PDF_OPTIONS: ReportPdfOptions = { pageSize: 'A4', printBackground: true };

/** What 'report:savePdf' does to the world, bound to the window that asked. */
export interface SaveReportPdfEffects {
  /** `webContents.printToPDF` of the calling window. */
  readonly printToPdf: (options: ReportPdfOptions) => Promise<Uint8Array>;
  /** A native save dialog, parented to the calling window: the chosen path, or null if cancelled. */
  readonly chooseSavePath: (suggestedName: string) => Promise<string | null>;
  readonly writeFile: (filePath: string, data: Uint8Array) => Promise<void>;
}

/**
 * 'report:savePdf': asks where to save first (so a cancel costs no printing), then
 * prints the calling window to an A4 PDF with backgrounds and writes it there.
 * Print and write errors throw and reach the renderer as `failed`.
 */
export async function saveReportPdf(
  request: IpcRequestData<'report:savePdf'>,
  effects: SaveReportPdfEffects,
): Promise<IpcResult<IpcResponse<'report:savePdf'>>> {
  const filePath = await effects.chooseSavePath(request.suggestedName);
  if (filePath === null) return { ok: true, data: { saved: false, path: null } };

  const pdf = await effects.printToPdf(REPORT_PDF_OPTIONS);
  await effects.writeFile(filePath, pdf);
  return { ok: true, data: { saved: true, path: filePath } };
}
