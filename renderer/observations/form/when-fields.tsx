/**
 * When: the start (defaults to now) is on the form's first screen; the optional end
 * and how precise the time is wait in the "time and place details" panel.
 */
import { useId } from 'react';
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { SelectField, useFieldMessage } from './form-fields';
import type { ObservationDraft } from './observation-draft';

type When = Pick<ObservationDraft, 'observedStart' | 'observedEnd' | 'timePrecision'>;

function DateTimeField({ label, path, value, onChange }: { label: string; path: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const { aria, message } = useFieldMessage(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} {...aria} />
      {message}
    </div>
  );
}

export function StartField({ value, onChange }: { value: string; onChange: (observedStart: string) => void }) {
  return <DateTimeField label={t('form.observedStart')} path="observedStart" value={value} onChange={onChange} />;
}

export function TimeDetailsFields({ value, onChange }: { value: When; onChange: (patch: Partial<When>) => void }) {
  return (
    <div className="field-row">
      <DateTimeField label={t('form.observedEnd')} path="observedEnd" value={value.observedEnd} onChange={(observedEnd) => onChange({ observedEnd })} />
      <SelectField
        label={t('form.timePrecision')}
        path="timePrecision"
        value={value.timePrecision}
        onChange={(timePrecision) => onChange({ timePrecision: timePrecision === '' ? 'exact' : timePrecision })}
        options={codelistOptions('timePrecision')}
        emptyLabel={t('form.choose')}
      />
    </div>
  );
}
