/**
 * A report figure as a document cell: its number in the user's language, † when it
 * includes submitted (unverified) records, its number for spreadsheets, and where its
 * records are (the preview opens them; print, DOCX and spreadsheets show the text).
 */
import type { ObservationKind } from '../../../shared/observations/codelists';
import type { Figure } from '../../../shared/reports/figure';
import type { ReportCell } from '../../../shared/reports/report-document';
import type { TranslationKey } from '../../i18n/i18n';
import { formatNumber, t } from '../../i18n/i18n';

export interface FigureTarget {
  kinds: readonly ObservationKind[];
  placeId?: string | null;
}

/**
 * A figure's method line in words. Its one value (places, entry points, sites, counts)
 * chooses the sentence's plural form.
 */
export function methodText(figure: Figure): string {
  const { key, values } = figure.method;
  const [count] = Object.values(values);
  return t(`report.method.${key}` as TranslationKey, count === undefined ? values : { ...values, count });
}

export type FigureCell = Exclude<ReportCell, string>;

export function figureCell(figure: Figure, target: FigureTarget, testId?: string): FigureCell {
  return {
    text: formatNumber(figure.value),
    value: figure.value,
    ...(figure.includesSubmitted ? { marked: true } : {}),
    ...(figure.records > 0 ? { link: { kinds: target.kinds, placeId: target.placeId ?? null, records: figure.records, title: methodText(figure) } } : {}),
    ...(testId === undefined ? {} : { testId }),
  };
}

/** A plain count (records, capacity): a number in the user's language that stays a number in a spreadsheet. */
export function numberCell(value: number): { text: string; value: number } {
  return { text: formatNumber(value), value };
}
