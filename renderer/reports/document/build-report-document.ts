/**
 * The situation report as one ReportDocument (shared/reports/report-document.ts): what
 * the preview shows, the PDF prints and the DOCX writes, so that the three cannot say
 * different things. The figures come computed (shared/reports); here they become words
 * in the user's language, in the order of the outline:
 * header, highlights, key figures, map, persons seen moving (by day, by country, by
 * place), persons at sites, who was seen, incidents, border status and reception,
 * official figures (listed, never added), methodology and sources, annex tables.
 */
import type { ReportFigures } from '../../../shared/reports/report-figures';
import type { PaperSize } from '../../../shared/reports/pdf-page';
import type { ReportDocument, ReportSection } from '../../../shared/reports/report-document';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import { t } from '../../i18n/i18n';
import { headerLines } from './header-document';
import { highlightsSection } from './highlights-document';
import { byDayChart, byDayTable } from './by-day-document';
import { demographicsSection } from './demographics-document';
import { keyFiguresSection } from './key-figures-document';
import { methodologySection } from './methodology-document';
import { receptionSection, reportedBorderChanges } from './reception-document';
import { movementsSection } from './movements-document';
import { officialBlocks, officialTable } from './official-document';
import { presenceSection } from './presence-document';
import type { ReportContext } from './report-context';
import { sectionFooter } from './report-context';

export interface ReportRequest extends ReportContext {
  period: ReportPeriod;
  fromDate: string;
  toDate: string;
  /** The office's time zone: the period's days and the days compared with it are its local days. */
  timeZone: string;
  asOf: Date;
  office: string;
  classification: string;
  paper: PaperSize;
  training: boolean;
  /** The analyst's highlights, as edited. */
  highlights: readonly string[];
}

export function buildReportDocument(figures: ReportFigures, request: ReportRequest): ReportDocument {
  const { measures } = figures;
  const sections: ReportSection[] = [
    highlightsSection(request.highlights),
    keyFiguresSection(figures.keyFigures, figures.window, request.timeZone),
    { key: 'flow-map', heading: t('report.map.title'), blocks: [{ kind: 'slot', name: 'map' }] },
    movementsSection(measures.movements, request, byDayChart(figures.byDayByCountry)),
    presenceSection(measures.presence, request),
    demographicsSection(figures.demographics, request),
    receptionSection(measures.incidents, reportedBorderChanges(figures.borderChanges), figures.capacity, request),
    {
      key: 'official',
      heading: t('report.official.title'),
      blocks: officialBlocks(measures.official, request),
      footer: sectionFooter(request, measures.official.length),
    },
    methodologySection(figures.methodology),
    { key: 'annex', heading: t('report.annex.title'), blocks: [byDayTable(figures.byDayByCountry), ...(measures.official.length > 0 ? [officialTable(measures.official, request, 'annex')] : [])] },
  ];
  return {
    classification: request.classification,
    title: t('report.title'),
    // The preview is a draft; an issued report's number line is set from the server's number (withReportNumber).
    numberLine: t('report.numberDraft'),
    headerLines: headerLines(request),
    pageOf: t('report.pageOf'),
    paper: request.paper,
    sections,
    watermark: request.training ? t('report.trainingWatermark') : null,
  };
}
