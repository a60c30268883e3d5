import { t } from '../i18n/i18n';

/** The line that ends every section: the filter it used and how many records it counted. */
export function SectionFooter({ text, records }: { text: string; records: number }) {
  return <p className="report-section-footer">{t('report.sectionFooter', { filter: text, count: records })}</p>;
}
