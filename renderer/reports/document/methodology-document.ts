/**
 * Methodology and sources: how the persons were counted (count methods), how the
 * sources were graded (Admiralty grade mix), how much of it was verified, and the
 * official figures' sources, which are listed and never added.
 */
import type { Methodology } from '../../../shared/reports/methodology';
import { COUNT_METHOD_KEYS } from '../../../shared/reports/methodology';
import type { ReportBlock, ReportCell, ReportSection } from '../../../shared/reports/report-document';
import { codelistLabel } from '../../i18n/codelist-label';
import { formatDate, formatNumber, t } from '../../i18n/i18n';
import { figureCell, numberCell } from './figure-cells';

function share(part: number, whole: number): string {
  return whole > 0 ? `${formatNumber(Math.round((part / whole) * 1000) / 10)} %` : '';
}

export function methodologySection(m: Methodology): ReportSection {
  const methods = COUNT_METHOD_KEYS.filter((k) => m.countMethods.movements[k].records + m.countMethods.presence[k].records > 0);
  const methodLabel = (k: (typeof COUNT_METHOD_KEYS)[number]) => (k === 'unknown' ? t('report.methodology.methodNotGiven') : codelistLabel('countMethod', k));
  const blocks: ReportBlock[] = [{ kind: 'paragraph', text: t('report.methodology.intro') }];
  if (methods.length > 0)
    blocks.push({
      kind: 'table',
      key: 'count-methods',
      title: t('report.methodology.countMethods'),
      columns: [
        { label: t('report.col.method'), numeric: false },
        { label: t('report.col.seenMoving'), numeric: true },
        { label: t('report.col.recordsMoving'), numeric: true },
        { label: t('report.col.atSites'), numeric: true },
      ],
      rows: methods.map((k): ReportCell[] => [
        methodLabel(k),
        figureCell(m.countMethods.movements[k], { kinds: ['group_sighting', 'point_count'] }),
        numberCell(m.countMethods.movements[k].records),
        figureCell(m.countMethods.presence[k], { kinds: ['site_snapshot'] }),
      ]),
    });
  const graded = m.grades.reduce((n, g) => n + g.records.value, 0);
  if (m.grades.length > 0)
    blocks.push({
      kind: 'table',
      key: 'grades',
      title: t('report.methodology.grades'),
      columns: [
        { label: t('report.col.grade'), numeric: false },
        { label: t('report.col.records'), numeric: true },
        { label: t('report.col.share'), numeric: true },
      ],
      rows: m.grades.map((g): ReportCell[] => [g.grade === 'unknown' ? t('report.methodology.gradeNotGiven') : g.grade, numberCell(g.records.value), share(g.records.value, graded)]),
      caption: t('report.methodology.gradesNote'),
    });
  const r = m.review;
  blocks.push({
    kind: 'paragraph',
    text:
      r.verifiedShare === null
        ? t('report.methodology.noRecords')
        : t(r.includeSubmitted ? 'report.methodology.reviewWithSubmitted' : 'report.methodology.review', {
            counted: formatNumber(r.counted),
            verified: formatNumber(r.verified.value),
            submitted: formatNumber(r.submitted.value),
            share: share(r.verified.value, r.counted),
          }),
  });
  blocks.push(
    m.officialSources.length === 0
      ? { kind: 'paragraph', text: t('report.methodology.noOfficial') }
      : {
          kind: 'table',
          key: 'official-sources',
          title: t('report.methodology.officialSources'),
          columns: [
            { label: t('report.col.sourceType'), numeric: false },
            { label: t('report.col.source'), numeric: false },
            { label: t('report.col.figures'), numeric: true },
            { label: t('report.col.asOf'), numeric: false },
          ],
          rows: m.officialSources.map((s): ReportCell[] => {
            const from = formatDate(s.asOfFrom);
            const to = formatDate(s.asOfTo);
            return [s.sourceType === null ? t('report.sourceNotGiven') : codelistLabel('sourceType', s.sourceType), s.sourceName ?? '', numberCell(s.figures.value), from === to ? from : `${from} – ${to}`];
          }),
          caption: t('report.official.note'),
        },
  );
  return { key: 'methodology', heading: t('report.methodology.title'), blocks };
}
