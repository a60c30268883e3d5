/** Nationality words no code, country name or demonym matched: the user picks the nationality each means, or skips its rows. */
import { useState } from 'react';
import type { UnmatchedName } from '../../shared/import/import-rows';
import { sortedNationalities } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';

const SKIP = '\u0000skip';

interface Props {
  names: readonly UnmatchedName[];
  disabled?: boolean;
  onApply: (chosen: Record<string, string | null>) => void;
}

export function UnmatchedNationalities({ names, disabled = false, onApply }: Props) {
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const options = sortedNationalities();
  const settled = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== '').map(([key, value]) => [key, value === SKIP ? null : value]));
  return (
    <section className="import-unmatched" aria-labelledby="import-unmatched-nationalities-title" data-testid="import-unmatched-nationalities">
      <h2 id="import-unmatched-nationalities-title">{t('import.unmatchedNationalitiesTitle')}</h2>
      <p className="muted">{t('import.unmatchedNationalitiesIntro')}</p>
      <ul>
        {names.map(({ name, key, rows }) => (
          <li key={key}>
            <label>
              <span>{t('import.unmatchedRows', { name, count: rows })}</span>
              <select aria-label={t('import.unmatchedNationalityChoice', { name })} value={chosen[key] ?? ''} disabled={disabled} onChange={(e) => setChosen({ ...chosen, [key]: e.target.value })}>
                <option value="">{t('import.unmatchedUnset')}</option>
                <option value={SKIP}>{t('import.unmatchedSkip')}</option>
                {options.map((option) => (
                  <option key={option.code} value={option.code}>
                    {`${option.name} (${option.code})`}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" disabled={disabled || Object.keys(settled).length === 0} onClick={() => onApply(settled)}>
        {t('import.applyNationalities')}
      </button>
    </section>
  );
}
