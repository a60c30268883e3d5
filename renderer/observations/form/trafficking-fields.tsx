/** Trafficking indicators (sensitive): IOM's five questions, then the ILO dimensions. */
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { CheckboxGroup } from './form-fields';
import type { TraffickingIndicator } from '../../../shared/observations/codelists';
import { WithheldField } from './withheld-field';

/** `withheld`: the server withheld the indicators from this device: shown as withheld, not as unticked boxes. */
export function TraffickingFields({
  value,
  onChange,
  withheld = false,
}: {
  value: readonly TraffickingIndicator[];
  onChange: (value: TraffickingIndicator[]) => void;
  withheld?: boolean;
}) {
  if (withheld) return <WithheldField label={t('form.traffickingSection')} path="traffickingIndicators" />;
  return (
    <div className="sensitive">
      <CheckboxGroup
        legend={t('form.traffickingSection')}
        path="traffickingIndicators"
        values={value}
        onChange={onChange}
        options={codelistOptions('traffickingIndicator')}
      />
      <p className="muted small">{t('form.sensitiveHint')}</p>
    </div>
  );
}
