/** Place names the gazetteer did not match: the user picks the place each means, or skips its rows. */
import { useState } from 'react';
import type { Place } from '../../shared/places/place';
import { t } from '../i18n/i18n';

const SKIP = '\u0000skip';

interface Props {
  names: readonly { name: string; key: string; rows: number }[];
  places: readonly Place[];
  onApply: (chosen: Record<string, string | null>) => void;
}

export function UnmatchedPlaces({ names, places, onApply }: Props) {
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const sorted = [...places].sort((a, b) => a.name.localeCompare(b.name));
  const settled = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== '').map(([key, value]) => [key, value === SKIP ? null : value]));
  return (
    <section className="import-unmatched" aria-labelledby="import-unmatched-title" data-testid="import-unmatched">
      <h2 id="import-unmatched-title">{t('import.unmatchedTitle')}</h2>
      <p className="muted">{t('import.unmatchedIntro')}</p>
      <ul>
        {names.map(({ name, key, rows }) => (
          <li key={key}>
            <label>
              <span>{t('import.unmatchedRows', { name, count: rows })}</span>
              <select aria-label={t('import.unmatchedChoice', { name })} value={chosen[key] ?? ''} onChange={(e) => setChosen({ ...chosen, [key]: e.target.value })}>
                <option value="">{t('import.unmatchedUnset')}</option>
                <option value={SKIP}>{t('import.unmatchedSkip')}</option>
                {sorted.map((place) => (
                  <option key={place.id} value={place.id}>
                    {place.name === place.nameLocal ? place.name : `${place.name} (${place.nameLocal})`}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" disabled={Object.keys(settled).length === 0} onClick={() => onApply(settled)}>
        {t('import.applyPlaces')}
      </button>
    </section>
  );
}
