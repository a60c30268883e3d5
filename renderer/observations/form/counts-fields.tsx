/**
 * The breakdown of the total: sex and age, children on their own, how it was counted.
 * Unaccompanied and separated children are asked here only; the record's
 * vulnerabilities carry them too (observation-draft.ts), as reports read them there.
 */
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { GroupError, NumberField, SelectField } from './form-fields';
import type { DraftCounts } from './observation-draft';
import { hasRange } from './observation-draft';

interface Props {
  value: DraftCounts;
  onChange: (patch: Partial<DraftCounts>) => void;
}

export function CountsFields({ value, onChange }: Props) {
  // The range waits until a method that has one is chosen: empty boxes no one fills
  // are stops on the way for the keyboard. A range already given always shows.
  const showRange = value.method === '' ? value.min.trim() !== '' || value.max.trim() !== '' : hasRange(value.method);
  return (
    <fieldset>
      <legend>{t('form.countsSection')}</legend>
      <p className="muted small">{t('form.countsHelp')}</p>
      <div className="field-row four">
        <NumberField label={t('form.men')} path="counts.men" value={value.men} onChange={(men) => onChange({ men })} />
        <NumberField label={t('form.women')} path="counts.women" value={value.women} onChange={(women) => onChange({ women })} />
        <NumberField label={t('form.boys')} path="counts.boys" value={value.boys} onChange={(boys) => onChange({ boys })} />
        <NumberField label={t('form.girls')} path="counts.girls" value={value.girls} onChange={(girls) => onChange({ girls })} />
      </div>
      <GroupError path="counts" />
      <div className="field-row">
        <NumberField
          label={t('form.unaccompanied')}
          path="counts.unaccompaniedChildren"
          value={value.unaccompaniedChildren}
          onChange={(unaccompaniedChildren) => onChange({ unaccompaniedChildren })}
        />
        <NumberField
          label={t('form.separated')}
          path="counts.separatedChildren"
          value={value.separatedChildren}
          onChange={(separatedChildren) => onChange({ separatedChildren })}
        />
      </div>
      <div className="field-row">
        <SelectField
          label={t('form.countMethod')}
          path="counts.method"
          value={value.method}
          onChange={(method) => onChange({ method })}
          options={codelistOptions('countMethod')}
        />
        {showRange && (
          <>
            <NumberField label={t('form.estimateMin')} path="counts.min" value={value.min} onChange={(min) => onChange({ min })} />
            <NumberField label={t('form.estimateMax')} path="counts.max" value={value.max} onChange={(max) => onChange({ max })} />
          </>
        )}
      </div>
    </fieldset>
  );
}
