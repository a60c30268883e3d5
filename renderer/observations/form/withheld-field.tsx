/**
 * In place of a field's input, for a field the server withheld from this device: says
 * so, and offers nothing to type. An empty input there would read as "empty", and what
 * the person typed would replace, on the server, a value they were never shown.
 */
import { useId } from 'react';
import { t } from '../../i18n/i18n';
import './withheld-field.css';

export function WithheldField({ label, path }: { label: string; path: string }) {
  const id = useId();
  return (
    <div className="field sensitive withheld-field" role="group" aria-labelledby={id} data-withheld={path}>
      <span className="withheld-label" id={id}>
        {label}
      </span>
      <p className="withheld-value">{t('form.withheld')}</p>
      <p className="muted small">{t('form.withheldHelp')}</p>
    </div>
  );
}
