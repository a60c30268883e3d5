/** Binds each handler of the contract to its real effects. The only place handlers meet Electron. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, shell, type SaveDialogOptions, type WebContents } from 'electron';
import { appInfo } from './handlers/app-info';
import { openExternal } from './handlers/open-external';
import { saveReportPdf, type SaveReportPdfEffects } from './handlers/save-report-pdf';
import { handleIpc } from './handle-ipc';

function saveReportPdfEffects(sender: WebContents): SaveReportPdfEffects {
  return {
    printToPdf: (options) => sender.printToPDF(options),
    chooseSavePath: async (suggestedName) => {
      const options: SaveDialogOptions = {
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = BrowserWindow.fromWebContents(sender);
      const result = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },
    writeFile: (filePath, data) => writeFile(filePath, data),
  };
}

/** Registers every channel of the contract. Call once, after `app` is ready. */
export function registerIpcHandlers(): void {
  handleIpc('app:info', appInfo, () => ({ version: app.getVersion(), platform: process.platform }));
  handleIpc('report:savePdf', saveReportPdf, saveReportPdfEffects);
  handleIpc('shell:openExternal', openExternal, () => ({ openExternal: (url: string) => shell.openExternal(url) }));
}
