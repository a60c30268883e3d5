/** A key figure's change against another period, in words. */
import type { Comparison } from '../../../shared/reports/key-figures';
import type { ReportPeriod } from '../../../shared/reports/report-period';
import { localDay } from '../../../shared/reports/report-period';
import { formatDate, formatNumber, t } from '../../i18n/i18n';

/** A local day (`YYYY-MM-DD`) in the user's date format, whatever the machine's zone. */
export function dayText(day: string): string {
  return formatDate(`${day}T12:00:00`);
}

/** A period by its first and last local days in the office's time zone. */
export function periodText(period: ReportPeriod, timeZone: string): string {
  const from = dayText(localDay(period.from, timeZone));
  const to = dayText(localDay(new Date(Date.parse(period.to) - 1).toISOString(), timeZone));
  return from === to ? from : `${from} – ${to}`;
}

function signed(value: number, text: string): string {
  return value > 0 ? `+${text}` : value < 0 ? `−${text.replace(/^-/, '')}` : text;
}

/** "+25 % (+1,204) against 21 Nov – 27 Nov 2015", "from 0 …", or that no data exists to compare. */
export function changeText(comparison: Comparison | null, which: 'previous' | 'yearBefore', otherPeriod: ReportPeriod, round: boolean, timeZone: string): string {
  if (comparison === null) return t(which === 'previous' ? 'report.change.noPrevious' : 'report.change.noYearBefore', { period: periodText(otherPeriod, timeZone) });
  const absolute = round ? Math.round(comparison.absolute) : comparison.absolute;
  const abs = signed(absolute, formatNumber(Math.abs(absolute)));
  if (comparison.relative === null) return t('report.change.fromZero', { absolute: abs, period: periodText(comparison.period, timeZone) });
  const percent = signed(comparison.relative, `${formatNumber(Math.round(Math.abs(comparison.relative) * 100))} %`);
  return t('report.change.against', { percent, absolute: abs, period: periodText(comparison.period, timeZone) });
}
