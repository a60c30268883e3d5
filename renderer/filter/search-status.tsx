import { t } from '../i18n/i18n';
import type { SummarySearchState } from '../observations/use-summary-search';

/** Progress of the summary search under the filter bar, or its failure; nothing once it is done. */
export function SearchStatus({ search }: { search: SummarySearchState | null }) {
  if (search === null || (search.finished && !search.failed)) return null;
  if (search.failed) {
    return (
      <p className="field-error" role="alert">
        {t('filter.searchFailed')}
      </p>
    );
  }
  const percent = search.total === 0 ? 100 : Math.floor((search.done / search.total) * 100);
  return (
    <div className="search-status" data-testid="search-progress">
      <progress max={100} value={percent} aria-label={t('filter.searching', { percent })} />
      <span>{t('filter.searching', { percent })}</span>
    </div>
  );
}

