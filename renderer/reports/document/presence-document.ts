/** Persons at sites: each site's latest count in the period, and their sum with its as-of range. */
import type { Presence } from '../../../shared/reports/presence';
import type { ReportBlock, ReportCell, ReportSection } from '../../../shared/reports/report-document';
import { formatDateTime, t } from '../../i18n/i18n';
import { kindsOf } from '../report-filter';
import { figureCell, methodText, numberCell } from './figure-cells';
import type { ReportContext } from './report-context';
import { placeCountry, placeName, sectionFooter } from './report-context';

const SITES = kindsOf('presence');

export function sitesTable(presence: Presence, context: ReportContext): ReportBlock {
  return {
    kind: 'table',
    key: 'sites',
    title: t('report.presence.tableTitle'),
    columns: [
      { label: t('report.col.site'), numeric: false },
      { label: t('report.col.country'), numeric: false },
      { label: t('report.col.asOf'), numeric: false },
      { label: t('report.col.occupancy'), numeric: true },
      { label: t('report.col.snapshots'), numeric: true },
    ],
    rows: presence.sites.map((site): ReportCell[] => {
      const occupancy = figureCell(site.occupancy, { kinds: SITES, placeId: site.placeId });
      return [
        placeName(context, site.placeId),
        placeCountry(context, site.placeId),
        formatDateTime(site.asOf),
        occupancy,
        numberCell(site.snapshots),
      ];
    }),
    total: [t('report.total'), '', '', figureCell(presence.total, { kinds: SITES }), numberCell(presence.sites.reduce((n, s) => n + s.snapshots, 0))],
  };
}

export function presenceSection(presence: Presence, context: ReportContext): ReportSection {
  const blocks: ReportBlock[] = [];
  if (presence.sites.length === 0) blocks.push({ kind: 'paragraph', text: t('report.noRecords') });
  else {
    blocks.push(
      {
        kind: 'figure',
        label: t('report.presence.totalLabel'),
        value: figureCell(presence.total, { kinds: SITES }, 'report-at-sites-total'),
        ...(presence.asOfFrom !== null && presence.asOfTo !== null
          ? { after: `(${t('report.presence.asOf', { from: formatDateTime(presence.asOfFrom), to: formatDateTime(presence.asOfTo) })})` }
          : {}),
      },
      { kind: 'paragraph', text: methodText(presence.total), note: true },
      sitesTable(presence, context),
    );
  }
  return { key: 'presence', heading: t('report.presence.title'), blocks, footer: sectionFooter(context, presence.sites.reduce((n, s) => n + s.snapshots, 0)) };
}
