/**
 * The summary on the form's first screen; its language, the record's classification
 * and the notes (sensitive) in the "language, classification and notes" panel.
 */
import { NOTES_MAX_LENGTH } from '../../../shared/observations/observation-detail-schemas';
import { SUMMARY_MAX_LENGTH } from '../../../shared/observations/observation-schema';
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { SelectField, TextAreaField } from './form-fields';
import type { ObservationDraft } from './observation-draft';
import { WithheldField } from './withheld-field';

type Texts = Pick<ObservationDraft, 'summary' | 'summaryLanguage' | 'notes' | 'classification'>;

export function SummaryField({ value, onChange }: { value: string; onChange: (summary: string) => void }) {
  return <TextAreaField label={t('form.summary')} path="summary" value={value} onChange={onChange} rows={3} maxLength={SUMMARY_MAX_LENGTH} />;
}

/** `notesWithheld`: the server withheld the notes from this device: shown as withheld, not as an empty box. */
export function RecordDetailsFields({ value, onChange, notesWithheld = false }: { value: Texts; onChange: (patch: Partial<Texts>) => void; notesWithheld?: boolean }) {
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
        <TextAreaField
          className="sensitive"
          label={t('form.notes')}
          path="notes"
          value={value.notes}
          onChange={(notes) => onChange({ notes })}
          rows={3}
          maxLength={NOTES_MAX_LENGTH}
          hint={t('form.sensitiveHint')}
        />
      )}
    </>
  );
}
