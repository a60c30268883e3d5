/**
 * The four key figures as tiles: entries, exits, average persons seen moving per day,
 * persons at sites at the end of the period; each with its change against the period
 * before of equal length and the same dates a year before, or that there is no data to
 * compare with (never a made-up 0 %).
 */
import type { KeyFigure } from '../../../shared/reports/key-figures';
import type { ReportBlock, ReportSection } from '../../../shared/reports/report-document';
import type { ReportWindow } from '../../../shared/reports/report-window';
import { formatNumber, t } from '../../i18n/i18n';
import { kindsOf } from '../report-filter';
import { changeText } from './change-text';
import { figureCell, methodText } from './figure-cells';

const MOVING = kindsOf('movements');
const SITES = kindsOf('presence');

export function keyFiguresSection(keyFigures: readonly KeyFigure[], window: ReportWindow, timeZone: string): ReportSection {
  const tiles = keyFigures.map((k) => {
    const round = k.key === 'averagePerDay';
    const cell = figureCell(k.figure, { kinds: k.key === 'atSites' ? SITES : MOVING }, `report-key-${k.key}`);
    return {
      label: t(`report.key.${k.key}`),
      value: round ? { ...cell, text: formatNumber(Math.round(k.figure.value)) } : cell,
      changes: k.hasData
        ? [changeText(k.previous, 'previous', window.previous.period, round, timeZone), changeText(k.yearBefore, 'yearBefore', window.yearBefore.period, round, timeZone)]
        : [t('report.key.noData')],
    };
  });
  const notes: ReportBlock[] = keyFigures.map((k) => ({ kind: 'paragraph', text: `${t(`report.key.${k.key}`)}: ${methodText(k.figure)}`, note: true }));
  return { key: 'key-figures', heading: t('report.key.title'), blocks: [{ kind: 'tiles', tiles }, ...notes] };
}
