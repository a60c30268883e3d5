/**
 * The generated highlights in words: one sentence per fact (shared/reports/highlights.ts),
 * with place names from the gazetteer, dates and numbers in the user's language. The
 * analyst edits them before issuing; the report prints what the analyst left.
 */
import type { Highlight } from '../../../shared/reports/highlights';
import type { TranslationKey } from '../../i18n/i18n';
import { formatDate, formatNumber, t } from '../../i18n/i18n';
import { codelistLabel } from '../../i18n/codelist-label';
import type { ReportContext } from './report-context';
import { countryLabel } from './report-context';

function text(values: Highlight['values'], key: string): string {
  const value = values[key];
  return typeof value === 'string' ? value : value === undefined ? '' : String(value);
}

function num(values: Highlight['values'], key: string): number {
  const value = values[key];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

function day(values: Highlight['values'], key: string): string {
  const value = text(values, key);
  return value === '' ? '' : formatDate(`${value}T12:00:00`);
}

function percent(fraction: number): string {
  return `${formatNumber(Math.round(Math.abs(fraction) * 100))} %`;
}

export function highlightSentence(highlight: Highlight, context: Pick<ReportContext, 'placesById'>): string {
  const v = highlight.values;
  const place = () => {
    const id = text(v, 'place');
    if (id === '') return t('report.highlight.somewhere');
    return context.placesById.get(id)?.name ?? id;
  };
  switch (highlight.key) {
    case 'largestRise':
    case 'largestFall':
      return t(`report.highlight.${highlight.key}`, {
        figure: t(`report.key.${text(v, 'figure')}` as TranslationKey),
        value: formatNumber(Math.round(num(v, 'value'))),
        base: formatNumber(Math.round(num(v, 'base'))),
        percent: percent(num(v, 'relative')),
        days: num(v, 'days'),
      });
    case 'newPeak':
      return t('report.highlight.newPeak', {
        day: day(v, 'day'),
        value: formatNumber(num(v, 'value')),
        previousPeak: formatNumber(num(v, 'previousPeak')),
        previousPeakDay: day(v, 'previousPeakDay'),
        lookBackDays: num(v, 'lookBackDays'),
      });
    case 'borderClosed':
    case 'borderRestricted': {
      const country = text(v, 'country');
      return t(`report.highlight.${highlight.key}`, {
        place: place(),
        country: country === '' ? '' : countryLabel(country),
        day: day(v, 'day'),
        nationalities: text(v, 'nationalities'),
        count: num(v, 'nationalityCount'),
      });
    }
    case 'incidentCasualties': {
      const type = text(v, 'type');
      return t('report.highlight.incidentCasualties', {
        type: type === 'unknown' || type === '' ? t('report.incidentType.unknown') : codelistLabel('incidentType', type as Parameters<typeof codelistLabel<'incidentType'>>[1]),
        place: place(),
        day: day(v, 'day'),
        dead: formatNumber(num(v, 'dead')),
        injured: formatNumber(num(v, 'injured')),
        missing: formatNumber(num(v, 'missing')),
      });
    }
    case 'siteOverCapacity':
      return t('report.highlight.siteOverCapacity', {
        place: place(),
        day: day(v, 'day'),
        occupancy: formatNumber(num(v, 'occupancy')),
        capacity: formatNumber(num(v, 'capacity')),
        percent: percent(num(v, 'rate')),
        count: num(v, 'sitesOverCapacity'),
      });
  }
}
