import { useId } from 'react';
import { t } from '../i18n/i18n';
import { MAX_HIGHLIGHTS } from './document/highlights-document';

/**
 * The analyst's highlights: the sentences generated from the figures, to edit, reorder
 * by deleting and adding, or replace, before the report is issued. What is here is what
 * the report prints. "Write again from the figures" drops the edits, so it asks first.
 */
export function HighlightsEditor({
  highlights,
  onChange,
  onRegenerate,
  edited,
}: {
  highlights: readonly string[];
  onChange: (next: string[]) => void;
  onRegenerate: () => void;
  edited: boolean;
}) {
  const id = useId();
  const set = (i: number, text: string) => onChange(highlights.map((h, j) => (j === i ? text : h)));
  return (
    <fieldset className="report-highlights-editor" aria-describedby={`${id}-help`}>
      <legend>{t('report.highlights.editTitle')}</legend>
      <p id={`${id}-help`} className="report-filter-note">
        {t('report.highlights.help', { count: MAX_HIGHLIGHTS })}
      </p>
      <ol>
        {highlights.map((text, i) => (
          <li key={i}>
            <textarea
              aria-label={t('report.highlights.itemLabel', { n: i + 1 })}
              value={text}
              maxLength={500}
              rows={2}
              onChange={(e) => set(i, e.target.value)}
            />
            <button type="button" className="secondary" onClick={() => onChange(highlights.filter((_, j) => j !== i))}>
              {t('report.highlights.remove', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <div className="inline-fields">
        <button type="button" className="secondary" disabled={highlights.length >= MAX_HIGHLIGHTS} onClick={() => onChange([...highlights, ''])}>
          {t('report.highlights.add')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            if (!edited || window.confirm(t('report.highlights.regenerateConfirm'))) onRegenerate();
          }}
        >
          {t('report.highlights.regenerate')}
        </button>
      </div>
    </fieldset>
  );
}
