/** The highlights as the analyst edited them: up to five sentences, in their order. */
import type { ReportSection } from '../../../shared/reports/report-document';
import { t } from '../../i18n/i18n';

export const MAX_HIGHLIGHTS = 5;

export function highlightsSection(highlights: readonly string[]): ReportSection {
  const items = highlights.map((h) => h.trim()).filter((h) => h !== '').slice(0, MAX_HIGHLIGHTS);
  return {
    key: 'highlights',
    heading: t('report.highlights.title'),
    blocks: items.length === 0 ? [{ kind: 'paragraph', text: t('report.highlights.none'), note: true }] : [{ kind: 'bullets', items }],
  };
}
