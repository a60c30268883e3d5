/**
 * Incidents, border status changes, and reception capacity and occupancy: what changed
 * at the borders in the period (against the status known before it), and how full the
 * sites were at its end.
 */
import type { BorderChange, BorderState } from '../../../shared/reports/border-changes';
import type { Capacity } from '../../../shared/reports/capacity';
import type { Incidents } from '../../../shared/reports/incidents';
import type { ReportBlock, ReportCell, ReportSection } from '../../../shared/reports/report-document';
import { codelistLabel, nationalityName } from '../../i18n/codelist-label';
import { formatDate, formatNumber, t } from '../../i18n/i18n';
import { kindsOf } from '../report-filter';
import { figureCell, numberCell } from './figure-cells';
import { incidentsBlocks } from './incidents-document';
import type { ReportContext } from './report-context';
import { countryLabel, placeName, sectionFooter } from './report-context';

const SITES = kindsOf('presence');

function stateText(state: BorderState | null): string {
  if (state === null) return t('report.border.unknownBefore');
  const status = codelistLabel('borderStatus', state.status);
  return state.nationalityFilter.length === 0 ? status : t('report.border.withFilter', { status, nationalities: state.nationalityFilter.map(nationalityName).join(', ') });
}

/**
 * The changes a reader needs: every change against a known earlier status, and a first
 * status that is not open (a border first recorded as closed is news; one first
 * recorded as open is not a change).
 */
export function reportedBorderChanges(changes: readonly BorderChange[]): BorderChange[] {
  return changes.filter((c) => c.from !== null || c.to.status !== 'open');
}

export function borderChangesTable(changes: readonly BorderChange[], context: ReportContext): ReportBlock {
  return {
    kind: 'table',
    key: 'border-changes',
    title: t('report.border.title'),
    columns: [
      { label: t('report.col.day'), numeric: false },
      { label: t('report.col.place'), numeric: false },
      { label: t('report.col.country'), numeric: false },
      { label: t('report.col.before'), numeric: false },
      { label: t('report.col.after'), numeric: false },
      { label: t('report.col.records'), numeric: true },
    ],
    rows: changes.map((c): ReportCell[] => [
      formatDate(`${c.day}T12:00:00`),
      placeName(context, c.placeId),
      c.country === null ? '' : countryLabel(c.country),
      stateText(c.from),
      stateText(c.to),
      figureCell(c.figure, { kinds: ['border_status'], placeId: c.placeId }),
    ]),
    caption: t('report.border.method'),
  };
}

function percent(rate: number | null): string {
  return rate === null ? '' : `${formatNumber(Math.round(rate * 100))} %`;
}

export function capacityTable(capacity: Capacity, context: ReportContext): ReportBlock {
  return {
    kind: 'table',
    key: 'capacity',
    title: t('report.capacity.title'),
    columns: [
      { label: t('report.col.site'), numeric: false },
      { label: t('report.col.asOf'), numeric: false },
      { label: t('report.col.occupancy'), numeric: true },
      { label: t('report.col.capacity'), numeric: true },
      { label: t('report.col.rate'), numeric: true },
      { label: t('report.col.note'), numeric: false },
    ],
    rows: capacity.sites.map((s): ReportCell[] => [
      placeName(context, s.placeId),
      formatDate(`${s.day}T12:00:00`),
      figureCell(s.occupancy, { kinds: SITES, placeId: s.placeId }),
      s.capacity === null ? t('report.capacity.notGiven') : numberCell(s.capacity),
      percent(s.rate),
      s.overCapacity ? t('report.overCapacity') : '',
    ]),
    total: [t('report.total'), '', figureCell(capacity.occupancy, { kinds: SITES }), numberCell(capacity.capacity), percent(capacity.rate), ''],
    caption: t('report.capacity.method', { sites: capacity.sites.length - capacity.sitesWithoutCapacity, persons: formatNumber(capacity.occupancyOfSitesWithCapacity), without: capacity.sitesWithoutCapacity, over: capacity.sitesOverCapacity }),
  };
}

export function receptionSection(incidents: Incidents, changes: readonly BorderChange[], capacity: Capacity, context: ReportContext): ReportSection {
  const blocks: ReportBlock[] = [
    ...incidentsBlocks(incidents),
    changes.length === 0 ? { kind: 'paragraph', text: t('report.border.none') } : borderChangesTable(changes, context),
    capacity.sites.length === 0 ? { kind: 'paragraph', text: t('report.capacity.none') } : capacityTable(capacity, context),
  ];
  const records = incidents.total.records + changes.reduce((n, c) => n + c.figure.records, 0) + capacity.sites.length;
  return { key: 'incidents', heading: t('report.reception.title'), blocks, footer: sectionFooter(context, records) };
}
