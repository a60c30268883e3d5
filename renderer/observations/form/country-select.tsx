/**
 * Pickers for a country (alpha-2) and a nationality (alpha-3). Both are long lists, so
 * the likely answers come first in their own group; a native select keeps type-to-find
 * and keyboard use for free.
 */
import { useId, useMemo } from 'react';
import { countryName, ROUTE_COUNTRIES, sortedCountries, sortedNationalities } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { useFieldMessage } from './form-fields';

/** The nationalities reported most along the route since 2015, first in the picker. */
export const FREQUENT_NATIONALITIES = ['SYR', 'AFG', 'IRQ', 'PAK', 'IRN', 'MAR', 'BGD', 'IND', 'TUR', 'DZA', 'TUN', 'EGY', 'PSE', 'CUB', 'BDI'] as const;

interface Props {
  label: string;
  path: string;
  value: string;
  onChange: (code: string) => void;
  className?: string;
  /** Focus it when it appears (a nationality row just added). */
  autoFocus?: boolean;
}

export function CountrySelect({ label, path, value, onChange, className }: Props) {
  const id = useId();
  const { aria, message } = useFieldMessage(path);
  const all = sortedCountries();
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...aria}>
        <option value="">{t('form.choose')}</option>
        <optgroup label={t('form.routeCountries')}>
          {ROUTE_COUNTRIES.map((code) => (
            <option key={code} value={code}>
              {countryName(code)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('form.allCountries')}>
          {all.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </optgroup>
      </select>
      {message}
    </div>
  );
}

export function NationalitySelect({ label, path, value, onChange, className, autoFocus }: Props) {
  const id = useId();
  const { aria, message } = useFieldMessage(path);
  const all = sortedNationalities();
  const names = useMemo(() => new Map(all.map((n) => [n.code, n.name])), [all]);
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} {...aria}>
        <option value="">{t('form.choose')}</option>
        <optgroup label={t('form.frequentNationalities')}>
          {FREQUENT_NATIONALITIES.map((code) => (
            <option key={code} value={code}>
              {names.get(code) ?? code}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('form.allNationalities')}>
          {all.map((n) => (
            <option key={n.code} value={n.code}>
              {n.name}
            </option>
          ))}
        </optgroup>
      </select>
      {message}
    </div>
  );
}
