/** Incidents by type (the types recorded), and the casualties recorded on them. */
import type { Incidents } from '../../../shared/reports/incidents';
import { INCIDENT_TYPE_KEYS } from '../../../shared/reports/incidents';
import type { ReportBlock } from '../../../shared/reports/report-document';
import { codelistLabel } from '../../i18n/codelist-label';
import { formatNumber, t } from '../../i18n/i18n';
import { kindsOf } from '../report-filter';
import { figureCell, methodText } from './figure-cells';

const INCIDENTS = kindsOf('incidents');

export function incidentsTable(incidents: Incidents): ReportBlock {
  const types = INCIDENT_TYPE_KEYS.filter((k) => incidents.byType[k].records > 0);
  return {
    kind: 'table',
    key: 'incidents-by-type',
    title: t('report.incidents.byType'),
    columns: [
      { label: t('report.col.type'), numeric: false },
      { label: t('report.col.incidents'), numeric: true },
    ],
    rows: types.map((type) => [type === 'unknown' ? t('report.incidentType.unknown') : codelistLabel('incidentType', type), figureCell(incidents.byType[type], { kinds: INCIDENTS })]),
    total: [t('report.total'), figureCell(incidents.total, { kinds: INCIDENTS })],
  };
}

/** The incidents' part of the section "Incidents, border status and reception". */
export function incidentsBlocks(incidents: Incidents): ReportBlock[] {
  const { total } = incidents;
  const blocks: ReportBlock[] = [{ kind: 'figure', label: t('report.incidents.totalLabel'), value: figureCell(total, { kinds: INCIDENTS }, 'report-incidents-total') }];
  if (total.records === 0) return [...blocks, { kind: 'paragraph', text: t('report.noRecords') }];
  return [
    ...blocks,
    { kind: 'paragraph', text: methodText(total), note: true },
    incidentsTable(incidents),
    {
      kind: 'paragraph',
      text: t('report.casualties', { dead: formatNumber(incidents.dead.value), injured: formatNumber(incidents.injured.value), missing: formatNumber(incidents.missing.value) }),
    },
    { kind: 'paragraph', text: methodText(incidents.dead), note: true },
  ];
}
