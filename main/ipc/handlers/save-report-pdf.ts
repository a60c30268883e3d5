import type { IpcResponse, IpcResult } from '../../../shared/ipc/contract';
import type { IpcRequestData } from '../ipc-call';
import { reportPdfSpec } from '../../../shared/reports/pdf-page';
import type { ReportPdfSpec } from '../../../shared/reports/pdf-page';

/** What 'report:savePdf' does to the world, bound to the window that asked. */
export interface SaveReportPdfEffects {
  /** `webContents.printToPDF` of the calling window. */
  readonly printToPdf: (options: ReportPdfSpec) => Promise<Uint8Array>;
  /** A native save dialog, parented to the calling window: the chosen path, or null if cancelled. */
  readonly chooseSavePath: (suggestedName: string) => Promise<string | null>;
  readonly writeFile: (filePath: string, data: Uint8Array) => Promise<void>;
}

/**
 * 'report:savePdf': asks where to save first (so a cancel costs no printing), then
 * prints the calling window on the paper asked for, with the classification, title and
 * page count on every page (shared/reports/pdf-page.ts), and writes it there.
 * Print and write errors throw and reach the renderer as `failed`.
 */
export async function saveReportPdf(
  request: IpcRequestData<'report:savePdf'>,
  effects: SaveReportPdfEffects,
): Promise<IpcResult<IpcResponse<'report:savePdf'>>> {
  const filePath = await effects.chooseSavePath(request.suggestedName);
  if (filePath === null) return { ok: true, data: { saved: false, path: null } };

  const { suggestedName: _name, paper, ...text } = request;
  const pdf = await effects.printToPdf(reportPdfSpec(paper, text));
  await effects.writeFile(filePath, pdf);
  return { ok: true, data: { saved: true, path: filePath } };
}
