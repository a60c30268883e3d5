/**
 * The situation report as one ReportDocument (shared/reports/report-document.ts): what
 * the preview shows, the PDF prints and the DOCX writes, so that the three cannot say
 * different things. The figures come computed (shared/reports); here they become words
 * in the user's language, in the order of the outline:
 * header, highlights, key figures, map, persons by day and by place, who was seen,
 * incidents, border status and reception, methodology and sources, annex tables.
 */
import type { Measures } from '../../../shared/reports/measures';
import type { PaperSize } from '../../../shared/reports/pdf-page';
import type { ReportDocument, ReportSection } from '../../../shared/reports/report-document';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import { t } from '../../i18n/i18n';
import { headerLines } from './header-document';
import { highlightsSection } from './highlights-document';
import { incidentsSection } from './incidents-document';
import { movementsSection } from './movements-document';
import { officialBlocks } from './official-document';
import { presenceSection } from './presence-document';
import type { ReportContext } from './report-context';
import { sectionFooter } from './report-context';

export interface ReportRequest extends ReportContext {
  period: ReportPeriod;
  fromDate: string;
  toDate: string;
  asOf: Date;
  office: string;
  /** "RS-BEL-2026-003"; null while the report is not issued or not yet numbered by the server. */
  number: string | null;
  /** What to say in place of a number: not issued yet, or waiting for the server. */
  numberPending: 'draft' | 'sync';
  classification: string;
  paper: PaperSize;
  training: boolean;
  /** The analyst's highlights, as edited. */
  highlights: readonly string[];
}

export function buildReportDocument(measures: Measures, request: ReportRequest): ReportDocument {
  const sections: ReportSection[] = [
    highlightsSection(request.highlights),
    { key: 'map', heading: t('report.map.title'), blocks: [{ kind: 'slot', name: 'map' }] },
    movementsSection(measures.movements, request),
    presenceSection(measures.presence, request),
    incidentsSection(measures.incidents, request),
    {
      key: 'official',
      heading: t('report.official.title'),
      blocks: officialBlocks(measures.official, request),
      footer: sectionFooter(request, measures.official.length),
    },
  ];
  return {
    classification: request.classification,
    title: t('report.title'),
    numberLine: request.number !== null ? t('report.number', { number: request.number }) : t(request.numberPending === 'draft' ? 'report.numberDraft' : 'report.numberOnSync'),
    headerLines: headerLines(request),
    pageOf: t('report.pageOf'),
    paper: request.paper,
    sections,
    watermark: request.training ? t('report.trainingWatermark') : null,
  };
}
