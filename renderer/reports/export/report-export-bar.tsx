import { useState } from 'react';
import type { ReportDocument } from '../../../shared/reports/report-document';
// Bundled, not loaded when first used: web mode may be offline by then, and the app must export offline.
import { reportDocxBytes } from '../../../shared/reports/report-docx';
import { useServices } from '../../app/services';
import { formatDateTime, t } from '../../i18n/i18n';
import { downloadBlob } from '../../map/snapshot/copy-map-image';
import type { ReportMapImage } from '../report-map-image';
import type { ReportTable } from './report-annexes';
import { annexCsv, annexXlsx, reportTables } from './report-annexes';
import { documentWithPictures } from './report-pictures';

export interface ReportExportBarProps {
  document: ReportDocument | null;
  /** The name files start with: "situation-report-RS-BEL-2026-003" or "situation-report-draft-2015-10-01-2015-10-31". */
  fileStem: string;
  /** The analyst's copied map picture, if any; else the report's own map is pictured. */
  copiedMap: ReportMapImage | null;
  /** The element holding the report's own map. */
  mapElement: () => HTMLElement | null;
  /** Lines that say what the annexes are: report, period, filter, as of, counting. */
  about: readonly (readonly [string, string])[];
  /** Tables for the spreadsheet only, too long to print (every official figure). */
  spreadsheetOnly?: readonly ReportTable[];
}

/** The words under the map's picture: when the analyst's copy was taken, or that the report drew its own map. */
export function mapWords(copiedMap: ReportMapImage | null): { alt: string; caption: string } {
  return {
    alt: t('report.map.imageAlt'),
    caption: copiedMap ? t('report.map.copiedCaption', { time: formatDateTime(copiedMap.takenAt) }) : t('report.map.ownCaption'),
  };
}

type Busy = null | 'pdf' | 'docx' | 'xlsx' | 'csv';

/**
 * The report's exports: PDF (the page as printed), DOCX (the same document, map and
 * chart as pictures), the annex tables as XLSX (one sheet per table) and any one table
 * as CSV. Each message says what happened: a download was handed to the browser (which
 * decides where it goes), a file was saved, the print dialog is open, or what failed.
 */
export function ReportExportBar({ document, fileStem, copiedMap, mapElement, about, spreadsheetOnly = [] }: ReportExportBarProps) {
  const { platform } = useServices();
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [csvTable, setCsvTable] = useState(0);
  const tables = document === null ? [] : [...reportTables(document), ...spreadsheetOnly.map((table) => ({ name: table.title ?? '', table }))];

  async function run(kind: Exclude<Busy, null>, work: () => Promise<string>) {
    setBusy(kind);
    setMessage(kind === 'docx' ? t('report.export.preparingDocx') : null);
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(t('report.export.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(null);
    }
  }

  const exportPdf = () =>
    run('pdf', async () => {
      if (document === null) throw new Error(t('report.export.notReady'));
      const outcome = await platform.saveReportPdf({
        suggestedName: `${fileStem}.pdf`,
        paper: document.paper,
        text: {
          classification: document.classification,
          title: document.numberLine === undefined ? document.title : `${document.title} · ${document.numberLine}`,
          pageOf: document.pageOf,
          ...(document.watermark === null ? {} : { watermark: document.watermark }),
        },
      });
      return t(outcome === 'saved' ? 'report.pdfSaved' : outcome === 'cancelled' ? 'report.pdfCancelled' : 'report.pdfPrintDialog');
    });

  const exportDocx = () =>
    run('docx', async () => {
      if (document === null) throw new Error(t('report.export.notReady'));
      const filled = await documentWithPictures(document, copiedMap, mapElement(), mapWords(copiedMap));
      const bytes = await reportDocxBytes(filled);
      const fileName = `${fileStem}.docx`;
      downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), fileName);
      return t('report.export.downloading', { file: fileName });
    });

  const exportXlsx = () =>
    run('xlsx', async () => {
      if (document === null) throw new Error(t('report.export.notReady'));
      const blob = await annexXlsx(document, { sheetName: t('report.annex.aboutSheet'), lines: about }, spreadsheetOnly);
      const fileName = `${fileStem}-annex.xlsx`;
      downloadBlob(blob, fileName);
      return t('report.export.downloading', { file: fileName });
    });

  const exportCsv = () =>
    run('csv', () => {
      const chosen = tables[csvTable];
      if (chosen === undefined) throw new Error(t('report.export.notReady'));
      const fileName = `${fileStem}-${chosen.table.key ?? `table-${String(csvTable + 1)}`}.csv`;
      downloadBlob(new Blob([annexCsv(chosen.table, about.map(([label, value]) => `${label}: ${value}`))], { type: 'text/csv;charset=utf-8' }), fileName);
      return Promise.resolve(t('report.export.downloading', { file: fileName }));
    });

  const disabled = document === null || busy !== null;
  return (
    <div className="report-export-bar">
      <button type="button" className="primary" onClick={() => void exportPdf()} disabled={disabled}>
        {t('report.exportPdf')}
      </button>
      <button type="button" className="secondary" onClick={() => void exportDocx()} disabled={disabled}>
        {t('report.exportDocx')}
      </button>
      <button type="button" className="secondary" onClick={() => void exportXlsx()} disabled={disabled || tables.length === 0}>
        {t('report.exportXlsx')}
      </button>
      <label>
        {t('report.csvTable')}{' '}
        <select value={csvTable} onChange={(e) => setCsvTable(Number(e.target.value))} disabled={tables.length === 0}>
          {tables.map((table, i) => (
            <option key={i} value={i}>
              {table.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={disabled || tables.length === 0}>
        {t('report.exportCsv')}
      </button>
      {message !== null && (
        <p role="status" className="report-export-message">
          {message}
        </p>
      )}
    </div>
  );
}
