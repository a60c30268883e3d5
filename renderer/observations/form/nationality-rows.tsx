/**
 * Nationalities with counts: one row per nationality, added as needed. Each row says
 * how the nationality was established (declared, documented, perceived): a perceived
 * nationality is a guess and reports must be able to tell.
 */
import { useState } from 'react';
import { codelistOptions } from '../../i18n/codelist-label';
import { formatNumber, t } from '../../i18n/i18n';
import { GroupError, NumberField, SelectField } from './form-fields';
import { NationalitySelect } from './country-select';
import type { DraftNationality } from './observation-draft';
import { countOf } from './observation-draft';

interface Props {
  rows: readonly DraftNationality[];
  onChange: (rows: DraftNationality[]) => void;
}

export function NationalityRows({ rows, onChange }: Props) {
  const update = (index: number, patch: Partial<DraftNationality>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const total = rows.reduce((sum, row) => sum + (countOf(row.count) ?? 0), 0);
  // The row just added takes the focus: the keyboard goes on where the person looks.
  const [added, setAdded] = useState<number | null>(null);
  return (
    <fieldset>
      <legend>{t('form.nationalitiesSection')}</legend>
      {rows.length === 0 && <p className="muted small">{t('form.nationalitiesNone')}</p>}
      {/* Rows as a table: the columns are named once (each control keeps its own full label). */}
      {rows.length > 0 && (
        <div className="nationality-head muted small" aria-hidden="true">
          <span>{t('form.nationalityColumn')}</span>
          <span>{t('form.personsColumn')}</span>
          <span>{t('form.basisColumn')}</span>
        </div>
      )}
      {rows.map((row, index) => (
        // Rows have no identity of their own; the index is their identity while editing.
        <div className="field-row nationality-row" key={index}>
          <NationalitySelect
            label={t('form.nationalityN', { n: index + 1 })}
            path={`nationalities.${index}.code`}
            value={row.code}
            onChange={(code) => update(index, { code })}
            autoFocus={index === added}
          />
          <NumberField label={t('form.nationalityCount', { n: index + 1 })} path={`nationalities.${index}.count`} value={row.count} onChange={(count) => update(index, { count })} />
          <SelectField
            label={t('form.nationalityBasis', { n: index + 1 })}
            path={`nationalities.${index}.basis`}
            value={row.basis}
            onChange={(basis) => update(index, { basis: basis === '' ? 'declared' : basis })}
            options={codelistOptions('nationalityBasis')}
          />
          <button type="button" className="link-button" aria-label={t('form.removeNationality', { n: index + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t('form.remove')}
          </button>
        </div>
      ))}
      <GroupError path="nationalities" />
      <div className="row-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setAdded(rows.length);
            onChange([...rows, { code: '', count: '', basis: 'declared' }]);
          }}
        >
          {t('form.addNationality')}
        </button>
        {rows.length > 0 && <span className="muted small">{t('form.nationalitiesTotal', { total: formatNumber(total) })}</span>}
      </div>
    </fieldset>
  );
}
