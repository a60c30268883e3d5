/**
 * The summary on the form's first screen; its language, the record's classification
 * and the notes (sensitive) in the "language, classification and notes" panel.
 */
import { useId } from 'react';
import { NOTES_MAX_LENGTH } from '../../../shared/observations/observation-detail-schemas';
import { SUMMARY_MAX_LENGTH } from '../../../shared/observations/observation-schema';
import { codelistOptions } from '../../i18n/codelist-label';
import { formatNumber, t } from '../../i18n/i18n';
import { SelectField, useFieldMessage } from './form-fields';
import type { ObservationDraft } from './observation-draft';
import { WithheldField } from './withheld-field';

type Texts = Pick<ObservationDraft, 'summary' | 'summaryLanguage' | 'notes' | 'classification'>;

export function SummaryField({ value, onChange }: { value: string; onChange: (summary: string) => void }) {
  const id = useId();
  const summary = useFieldMessage('summary');
  return (
    <div className="field">
      <label htmlFor={`${id}-summary`}>{t('form.summary')}</label>
      <textarea
        id={`${id}-summary`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={3}
        maxLength={SUMMARY_MAX_LENGTH}
        {...summary.aria}
        aria-describedby={`${id}-summary-count ${summary.aria['aria-describedby'] ?? ''}`.trim()}
      />
      <p className="muted small" id={`${id}-summary-count`}>
        {t('form.summaryCount', { count: formatNumber(value.length), max: formatNumber(SUMMARY_MAX_LENGTH) })}
      </p>
      {summary.message}
    </div>
  );
}

/** `notesWithheld`: the server withheld the notes from this device: shown as withheld, not as an empty box. */
export function RecordDetailsFields({ value, onChange, notesWithheld = false }: { value: Texts; onChange: (patch: Partial<Texts>) => void; notesWithheld?: boolean }) {
  const id = useId();
  const notes = useFieldMessage('notes');
  return (
    <>
      <div className="field-row">
        <SelectField
          label={t('form.summaryLanguage')}
          path="summaryLanguage"
          value={value.summaryLanguage}
          onChange={(summaryLanguage) => onChange({ summaryLanguage })}
          options={codelistOptions('summaryLanguage')}
        />
        <SelectField
          label={t('form.classification')}
          path="classification"
          value={value.classification}
          onChange={(classification) => onChange({ classification: classification === '' ? 'internal' : classification })}
          options={codelistOptions('classification')}
        />
      </div>
      {notesWithheld ? (
        <WithheldField label={t('form.notes')} path="notes" />
      ) : (
        <div className="field sensitive">
          <label htmlFor={`${id}-notes`}>{t('form.notes')}</label>
          <textarea id={`${id}-notes`} value={value.notes} onChange={(e) => onChange({ notes: e.target.value })} rows={3} maxLength={NOTES_MAX_LENGTH} {...notes.aria} />
          <p className="muted small">{t('form.sensitiveHint')}</p>
          {notes.message}
        </div>
      )}
    </>
  );
}
