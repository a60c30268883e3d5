/**
 * Official figures, one row each with its source and as-of date: listed beside the
 * observed figures, never added to them nor to one another (no total row).
 */
import type { OfficialFigure } from '../../../shared/reports/official';
import type { ReportBlock, ReportCell } from '../../../shared/reports/report-document';
import { codelistLabel } from '../../i18n/codelist-label';
import { formatDate, t } from '../../i18n/i18n';
import { figureCell, numberCell } from './figure-cells';
import type { ReportContext } from './report-context';
import { countryLabel } from './report-context';

/**
 * The latest figure of each source at each place, with how many it published in the
 * period: the body stays readable when a ministry publishes daily. Every figure is in
 * the annex (officialTable with `annex`).
 */
export function latestOfficial(figures: readonly OfficialFigure[]): { latest: OfficialFigure; count: number }[] {
  const groups = new Map<string, { latest: OfficialFigure; count: number }>();
  // The figures come latest first, so the first of each source and place is its latest.
  for (const figure of figures) {
    const key = JSON.stringify([figure.kind, figure.sourceType, figure.sourceName, figure.placeId, figure.country]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { latest: figure, count: 1 });
    else group.count += 1;
  }
  return [...groups.values()];
}

/**
 * Most official figures a printed annex lists. A year of training data holds about
 * 25,000 of them: as a table of 1,600 pages Chromium's printer fails (the bench's
 * report.pdf.100k) and the DOCX takes many seconds. The report lists the latest this
 * many; the spreadsheet annex of the report screen has every one (mode 'all').
 */
export const PRINTED_OFFICIAL_ROWS = 300;

/**
 * 'latest': the body's table, the latest figure of each source and place; 'annex': the
 * printed annex, the latest PRINTED_OFFICIAL_ROWS figures; 'all': every figure, for
 * the spreadsheet only.
 */
export function officialTable(figures: readonly OfficialFigure[], context: ReportContext, mode: 'latest' | 'annex' | 'all' = 'latest'): Extract<ReportBlock, { kind: 'table' }> {
  const annex = mode !== 'latest';
  const listed = mode === 'annex' ? figures.slice(0, PRINTED_OFFICIAL_ROWS) : figures;
  const rows = annex ? listed.map((latest) => ({ latest, count: 1 })) : latestOfficial(figures);
  return {
    kind: 'table',
    key: mode === 'latest' ? 'official-table' : 'official-all',
    title: t(mode === 'latest' ? 'report.official.latestTitle' : mode === 'annex' ? 'report.official.annexTitle' : 'report.official.allTitle'),
    ...(mode === 'annex' && listed.length < figures.length ? { caption: t('report.official.annexCapped', { shown: listed.length, count: figures.length }) } : {}),
    columns: [
      { label: t('report.col.sourceType'), numeric: false },
      { label: t('report.col.source'), numeric: false },
      { label: t('report.col.place'), numeric: false },
      { label: t('report.col.asOf'), numeric: false },
      { label: t('report.col.figure'), numeric: true },
      ...(annex ? [] : [{ label: t('report.col.figuresInPeriod'), numeric: true }]),
    ],
    rows: rows.map(({ latest: row, count }): ReportCell[] => {
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
        ...(annex ? [] : [numberCell(count)]),
      ];
    }),
  };
}

export function officialBlocks(figures: readonly OfficialFigure[], context: ReportContext): ReportBlock[] {
  return [{ kind: 'paragraph', text: t('report.official.note'), note: true }, figures.length === 0 ? { kind: 'paragraph', text: t('report.noRecords') } : officialTable(figures, context)];
}
