/**
 * Persons seen moving as report sections: the total with its method line, entries and
 * exits by country, and by place with a column per direction seen (directions nobody
 * was seen moving in are left out, so the table fits the page).
 */
import type { Direction } from '../../../shared/observations/codelists';
import { DIRECTIONS } from '../../../shared/observations/codelists';
import type { Movements } from '../../../shared/reports/movements';
import type { ReportBlock, ReportCell, ReportSection } from '../../../shared/reports/report-document';
import { t } from '../../i18n/i18n';
import { kindsOf } from '../report-filter';
import { figureCell, methodText, numberCell } from './figure-cells';
import type { ReportContext } from './report-context';
import { countryLabel, placeCountry, placeName, sectionFooter } from './report-context';

const MOVING = kindsOf('movements');

export function byCountryTable(movements: Movements): ReportBlock {
  return {
    kind: 'table',
    key: 'by-country',
    title: t('report.movements.byCountry'),
    columns: [
      { label: t('report.col.country'), numeric: false },
      { label: t('report.col.entries'), numeric: true },
      { label: t('report.col.exits'), numeric: true },
    ],
    rows: movements.byCountry.map((row) => [countryLabel(row.country), figureCell(row.entries, { kinds: MOVING }), figureCell(row.exits, { kinds: MOVING })]),
    caption: t('report.methodByCountry'),
  };
}

export function byPlaceTable(movements: Movements, context: ReportContext): ReportBlock {
  const directions: Direction[] = DIRECTIONS.filter((d) => movements.byDirection[d].records > 0);
  const { total } = movements;
  return {
    kind: 'table',
    key: 'by-place',
    title: t('report.movements.byPlaceTitle'),
    columns: [
      { label: t('report.col.place'), numeric: false },
      { label: t('report.col.country'), numeric: false },
      { label: t('report.col.records'), numeric: true },
      ...directions.map((d) => ({ label: t(`report.dir.${d}`), numeric: true })),
      { label: t('report.col.seenMoving'), numeric: true },
    ],
    rows: movements.byPlace.map((row): ReportCell[] => [
      placeName(context, row.placeId),
      placeCountry(context, row.placeId),
      numberCell(row.total.records),
      ...directions.map((d) => figureCell(row.byDirection[d], { kinds: MOVING, placeId: row.placeId })),
      figureCell(row.total, { kinds: MOVING, placeId: row.placeId }),
    ]),
    total: [
      t('report.total'),
      '',
      { ...numberCell(total.records), testId: 'report-total-records' },
      ...directions.map((d) => figureCell(movements.byDirection[d], { kinds: MOVING })),
      figureCell(total, { kinds: MOVING }, 'report-total-persons'),
    ],
    caption: methodText(total),
  };
}

export function movementsSection(movements: Movements, context: ReportContext, byDayChart: ReportBlock): ReportSection {
  const { total } = movements;
  const blocks: ReportBlock[] = [
    { kind: 'figure', label: t('report.movements.totalLabel'), value: figureCell(total, { kinds: MOVING }, 'report-moving-total') },
    { kind: 'paragraph', text: methodText(total), note: true },
  ];
  if (total.records === 0) blocks.push({ kind: 'paragraph', text: t('report.noRecords') });
  else {
    blocks.push(byDayChart);
    if (movements.byCountry.length > 0) blocks.push(byCountryTable(movements));
    blocks.push(byPlaceTable(movements, context));
  }
  return { key: 'movements', heading: t('report.movements.title'), blocks, footer: sectionFooter(context, total.records) };
}
