/**
 * Where the information comes from, and its Admiralty grading: source reliability A-F
 * and information credibility 1-6, read together as e.g. "B2". The source's name is
 * sensitive.
 */
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { SelectField, TextField } from './form-fields';
import type { ObservationDraft } from './observation-draft';
import { WithheldField } from './withheld-field';

type Source = ObservationDraft['source'];

/** `nameWithheld`: the server withheld the source's name from this device: shown as withheld, not as an empty box. */
export function SourceFields({ value, onChange, nameWithheld = false }: { value: Source; onChange: (patch: Partial<Source>) => void; nameWithheld?: boolean }) {
  const grade = value.reliability !== '' && value.credibility !== '' ? `${value.reliability}${value.credibility}` : null;
  return (
    <fieldset>
      <legend>{t('form.sourceSection')}</legend>
      <div className="field-row">
        <SelectField label={t('form.sourceType')} path="source.type" value={value.type} onChange={(type) => onChange({ type })} options={codelistOptions('sourceType')} />
        {nameWithheld ? (
          <WithheldField label={t('form.sourceName')} path="source.name" />
        ) : (
          <TextField
            label={t('form.sourceName')}
            path="source.name"
            value={value.name}
            onChange={(name) => onChange({ name })}
            maxLength={200}
            hint={t('form.sensitiveHint')}
            className="sensitive"
          />
        )}
      </div>
      {/* Boxes level at the bottom: a label may wrap, and the grade sits beside them. */}
      <div className="field-row align-end">
        <SelectField
          label={t('form.reliability')}
          path="source.reliability"
          value={value.reliability}
          onChange={(reliability) => onChange({ reliability })}
          options={codelistOptions('sourceReliability')}
        />
        <SelectField
          label={t('form.credibility')}
          path="source.credibility"
          value={value.credibility}
          onChange={(credibility) => onChange({ credibility })}
          options={codelistOptions('informationCredibility')}
        />
        <p className="grade" aria-live="polite">
          {grade ? t('form.grade', { grade }) : t('form.gradeNone')}
        </p>
      </div>
    </fieldset>
  );
}
