/** Trafficking indicators (sensitive): IOM's five questions, then the ILO dimensions. */
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { CheckboxGroup } from './form-fields';
import type { TraffickingIndicator } from '../../../shared/observations/codelists';

export function TraffickingFields({ value, onChange }: { value: readonly TraffickingIndicator[]; onChange: (value: TraffickingIndicator[]) => void }) {
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
