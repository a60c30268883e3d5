/**
 * Official figures, one row each with its source and as-of date: listed beside the
 * observed figures, never added to them nor to one another (no total row).
 */
import type { OfficialFigure } from '../../../shared/reports/official';
import type { ReportBlock, ReportCell } from '../../../shared/reports/report-document';
import { codelistLabel } from '../../i18n/codelist-label';
import { formatDate, t } from '../../i18n/i18n';
import { figureCell } from './figure-cells';
import type { ReportContext } from './report-context';
import { countryLabel } from './report-context';

export function officialTable(figures: readonly OfficialFigure[], context: ReportContext): ReportBlock {
  return {
    kind: 'table',
    key: 'official-table',
    title: t('report.official.title'),
    columns: [
      { label: t('report.col.sourceType'), numeric: false },
      { label: t('report.col.source'), numeric: false },
      { label: t('report.col.place'), numeric: false },
      { label: t('report.col.asOf'), numeric: false },
      { label: t('report.col.figure'), numeric: true },
    ],
    rows: figures.map((row): ReportCell[] => {
      const place = row.placeId === null ? undefined : context.placesById.get(row.placeId);
      const where = place ? place.name : row.country ? countryLabel(row.country) : t('report.unplaced');
      const start = formatDate(row.observedStart);
      const end = row.observedEnd ? formatDate(row.observedEnd) : start;
      return [
        row.sourceType ? codelistLabel('sourceType', row.sourceType) : t('report.sourceNotGiven'),
        row.sourceName ?? '',
        where,
        end === start ? start : `${start} – ${end}`,
        figureCell(row.figure, { kinds: [row.kind], placeId: row.placeId }),
      ];
    }),
  };
}

export function officialBlocks(figures: readonly OfficialFigure[], context: ReportContext): ReportBlock[] {
  return [{ kind: 'paragraph', text: t('report.official.note'), note: true }, figures.length === 0 ? { kind: 'paragraph', text: t('report.noRecords') } : officialTable(figures, context)];
}
