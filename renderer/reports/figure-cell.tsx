import type { ObservationKind } from '../../shared/observations/codelists';
import type { Figure } from '../../shared/reports/figure';
import type { TranslationKey } from '../i18n/i18n';
import { useFilter } from '../filter/filter-state';
import { formatNumber, t } from '../i18n/i18n';
import { figureFilter } from './report-filter';

export interface FigureTarget {
  kinds: readonly ObservationKind[];
  placeId?: string | null;
}

/**
 * A figure of the report: its number as a link that opens the records behind it in the
 * Observations list (the report's filter narrowed to the figure's kinds and place), its
 * method line as the link's title, and † when submitted records are among them. In
 * print the link is plain text.
 */
export function FigureValue({ figure, target, includeSubmitted, testId }: { figure: Figure; target: FigureTarget; includeSubmitted: boolean; testId?: string }) {
  const { filter, setFilter } = useFilter();
  const number = formatNumber(figure.value);
  const mark = figure.includesSubmitted ? (
    <sup className="report-submitted" title={t('report.submittedMarkLabel')} aria-label={t('report.submittedMarkLabel')}>
      {t('report.submittedMark')}
    </sup>
  ) : null;
  if (figure.records === 0) {
    return (
      <span data-testid={testId} data-records={0}>
        {number}
      </span>
    );
  }
  return (
    <>
      <a
        className="report-figure"
        href="#/observations"
        data-testid={testId}
        data-records={figure.records}
        title={`${methodText(figure)} ${t('report.openRecords', { count: figure.records })}`}
        onClick={() => setFilter(figureFilter(filter, includeSubmitted, target.kinds, target.placeId))}
      >
        {number}
      </a>
      {mark}
    </>
  );
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

/** The method line of a figure, under it. */
export function MethodLine({ figure }: { figure: Figure }) {
  return <p className="report-method">{methodText(figure)}</p>;
}
