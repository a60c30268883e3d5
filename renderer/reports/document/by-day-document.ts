/**
 * Persons seen moving by day: a chart with one line per country (the country of the
 * place where they were seen), drawn as SVG; its numbers are in Annex A.
 */
import type { ByDayByCountry } from '../../../shared/reports/by-day-by-country';
import { dayChartSvg } from '../../../shared/reports/day-chart-svg';
import type { ReportBlock, ReportCell } from '../../../shared/reports/report-document';
import { formatNumber, t } from '../../i18n/i18n';
import { kindsOf } from '../report-filter';
import { figureCell, numberCell } from './figure-cells';
import { countryLabel } from './report-context';

const MOVING = kindsOf('movements');
const CHART = { width: 720, height: 300 };

function seriesLabel(country: string | null): string {
  return country === null ? t('report.byDay.noCountry') : countryLabel(country);
}

function shortDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function byDayChart(byDay: ByDayByCountry): ReportBlock {
  const title = t('report.byDay.chartTitle');
  const svg = dayChartSvg({
    days: byDay.days,
    series: byDay.series.map((s) => ({ label: seriesLabel(s.country), values: s.values })),
    formatNumber,
    formatDay: shortDay,
    title,
    ...CHART,
  });
  return { kind: 'image', png: new Uint8Array(0), svg, width: CHART.width, height: CHART.height, alt: title, caption: t(byDay.series.length === 0 ? 'report.byDay.empty' : 'report.byDay.caption') };
}

/** Annex A: the chart's numbers, a row per day, a column per country, and the totals. */
export function byDayTable(byDay: ByDayByCountry): ReportBlock {
  return {
    kind: 'table',
    key: 'by-day',
    title: t('report.byDay.tableTitle'),
    columns: [{ label: t('report.col.day'), numeric: false }, ...byDay.series.map((s) => ({ label: seriesLabel(s.country), numeric: true })), { label: t('report.total'), numeric: true }],
    rows: byDay.days.map((day, i): ReportCell[] => [day, ...byDay.series.map((s) => numberCell(s.values[i] ?? 0)), numberCell(byDay.totals[i] ?? 0)]),
    total: [t('report.total'), ...byDay.series.map((s) => figureCell(s.total, { kinds: MOVING })), numberCell(byDay.totals.reduce((a, b) => a + b, 0))],
  };
}
