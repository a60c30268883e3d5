/** Which column of the file fills which field, and the defaults for what the file does not say. */
import { useId } from 'react';
import { DATE_ORDERS, IMPORT_FIELDS } from '../../shared/import/import-fields';
import type { ImportDefaults, ImportField, ImportMapping } from '../../shared/import/import-fields';
import { COUNT_METHODS, OBSERVATION_KINDS, SOURCE_TYPES } from '../../shared/observations/codelists';
import type { CountMethod, ObservationKind, SourceType } from '../../shared/observations/codelists';
import { codelistLabel } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';

interface Props {
  columns: readonly string[];
  mapping: ImportMapping;
  /** GeoJSON gives the point itself: no latitude and longitude columns to map. */
  pointsGiven: boolean;
  disabled: boolean;
  onChange: (mapping: ImportMapping) => void;
}

export function MappingPanel({ columns, mapping, pointsGiven, disabled, onChange }: Props) {
  const setColumn = (field: ImportField, column: string) => {
    const next = { ...mapping.columns };
    if (column === '') Reflect.deleteProperty(next, field);
    else next[field] = column;
    onChange({ ...mapping, columns: next });
  };
  const setDefault = (patch: Partial<ImportDefaults>) => {
    onChange({ ...mapping, defaults: { ...mapping.defaults, ...patch } });
  };
  const id = useId();
  const fields = IMPORT_FIELDS.filter((field) => !pointsGiven || (field !== 'latitude' && field !== 'longitude'));
  return (
    <section className="import-mapping" aria-labelledby="import-mapping-title">
      <h2 id="import-mapping-title">{t('import.mapping')}</h2>
      <div className="import-grid">
        {fields.map((field) => (
          <div key={field} className="import-field">
            <label htmlFor={`${id}-${field}`}>{t(`import.field.${field}`)}</label>
            <select id={`${id}-${field}`} value={mapping.columns[field] ?? ''} disabled={disabled} onChange={(e) => setColumn(field, e.target.value)}>
              <option value="">{t('import.notInFile')}</option>
              {columns.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <h3>{t('import.defaults')}</h3>
      <div className="import-grid">
        <div className="import-field">
          <label htmlFor={`${id}-defaultKind`}>{t('import.defaultKind')}</label>
          <select id={`${id}-defaultKind`} value={mapping.defaults.kind} disabled={disabled} onChange={(e) => setDefault({ kind: e.target.value as ObservationKind })}>
            {OBSERVATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {codelistLabel('kind', kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="import-field">
          <label htmlFor={`${id}-defaultCountMethod`}>{t('import.defaultCountMethod')}</label>
          <select id={`${id}-defaultCountMethod`} value={mapping.defaults.countMethod} disabled={disabled} onChange={(e) => setDefault({ countMethod: e.target.value as CountMethod })}>
            {COUNT_METHODS.map((method) => (
              <option key={method} value={method}>
                {codelistLabel('countMethod', method)}
              </option>
            ))}
          </select>
        </div>
        <div className="import-field">
          <label htmlFor={`${id}-defaultSourceType`}>{t('import.defaultSourceType')}</label>
          <select id={`${id}-defaultSourceType`}
            value={mapping.defaults.sourceType ?? ''}
            disabled={disabled}
            onChange={(e) => setDefault({ sourceType: e.target.value === '' ? null : (e.target.value as SourceType) })}
          >
            <option value="">{t('import.noSourceType')}</option>
            {SOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {codelistLabel('sourceType', type)}
              </option>
            ))}
          </select>
        </div>
        <div className="import-field">
          <label htmlFor={`${id}-defaultSourceName`}>{t('import.defaultSourceName')}</label>
          <input id={`${id}-defaultSourceName`} type="text" maxLength={200} value={mapping.defaults.sourceName} disabled={disabled} onChange={(e) => setDefault({ sourceName: e.target.value })} />
        </div>
        <div className="import-field">
          <label htmlFor={`${id}-dateOrder`}>{t('import.dateOrder')}</label>
          <select id={`${id}-dateOrder`} value={mapping.defaults.dateOrder} disabled={disabled} onChange={(e) => setDefault({ dateOrder: e.target.value === 'mdy' ? 'mdy' : 'dmy' })}>
            {DATE_ORDERS.map((order) => (
              <option key={order} value={order}>
                {t(`import.dateOrder.${order}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </section>
  );
}
