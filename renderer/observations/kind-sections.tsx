/**
 * The parts of the capture form that depend on the kind: an incident's type and
 * actor, a site's capacity and occupancy, a border's status. Each returns the detail
 * group the record carries, or nothing when the kind has none.
 */
import { useId } from 'react';
import type { BorderStatusValue, IncidentActor, IncidentType, ObservationKind } from '../../shared/observations/codelists';
import { codelistOptions } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';
import type { TranslationKey } from '../i18n/i18n';

export interface KindDetails {
  incidentType: IncidentType | '';
  incidentActor: IncidentActor | '';
  capacity: string;
  occupancy: string;
  borderStatus: BorderStatusValue | '';
}

export const EMPTY_KIND_DETAILS: KindDetails = { incidentType: '', incidentActor: '', capacity: '', occupancy: '', borderStatus: '' };

const toCount = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** The detail groups of the record for its kind, from what the form holds. */
export function detailsForKind(kind: ObservationKind, d: KindDetails): Record<string, unknown> {
  switch (kind) {
    case 'incident':
      return { incident: { type: d.incidentType || null, actor: d.incidentActor || null, dead: null, injured: null, missing: null } };
    case 'site_snapshot':
      return { site: { capacity: toCount(d.capacity), occupancy: toCount(d.occupancy) } };
    case 'border_status':
      return d.borderStatus ? { borderStatus: { status: d.borderStatus, nationalityFilter: [] } } : {};
    case 'group_sighting':
    case 'point_count':
    case 'route_report':
    case 'secondary_source':
      return {};
  }
}

interface Props {
  kind: ObservationKind;
  value: KindDetails;
  onChange: (patch: Partial<KindDetails>) => void;
  errorFor: (field: string) => TranslationKey | undefined;
}

export function KindSections({ kind, value, onChange, errorFor }: Props) {
  const id = useId();
  const error = (field: string) => {
    const key = errorFor(field);
    return key ? (
      <p className="field-error" id={`${id}-${field}-error`} role="alert">
        {t(key)}
      </p>
    ) : null;
  };
  const invalid = (field: string) => (errorFor(field) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {});
  if (kind === 'incident') {
    return (
      <fieldset>
        <legend>{t('form.incidentSection')}</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-itype`}>{t('form.incidentType')}</label>
            <select id={`${id}-itype`} value={value.incidentType} onChange={(e) => onChange({ incidentType: e.target.value as IncidentType | '' })} {...invalid('incident.type')}>
              <option value="">{t('form.choose')}</option>
              {codelistOptions('incidentType').map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </select>
            {error('incident.type')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-iactor`}>{t('form.incidentActor')}</label>
            <select id={`${id}-iactor`} value={value.incidentActor} onChange={(e) => onChange({ incidentActor: e.target.value as IncidentActor | '' })}>
              <option value="">{t('form.choose')}</option>
              {codelistOptions('incidentActor').map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
    );
  }
  if (kind === 'site_snapshot') {
    return (
      <fieldset>
        <legend>{t('form.siteSection')}</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-cap`}>{t('form.capacity')}</label>
            <input id={`${id}-cap`} type="number" min={0} step={1} value={value.capacity} onChange={(e) => onChange({ capacity: e.target.value })} {...invalid('site.capacity')} />
            {error('site.capacity')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-occ`}>{t('form.occupancy')}</label>
            <input id={`${id}-occ`} type="number" min={0} step={1} value={value.occupancy} onChange={(e) => onChange({ occupancy: e.target.value })} {...invalid('site.occupancy')} />
            {error('site.occupancy')}
          </div>
        </div>
        {toCount(value.capacity) !== null && (toCount(value.occupancy) ?? 0) > (toCount(value.capacity) ?? 0) && (
          <p className="warning" role="status">
            {t('validation.overCapacity')}
          </p>
        )}
      </fieldset>
    );
  }
  if (kind === 'border_status') {
    return (
      <fieldset>
        <legend>{t('form.borderSection')}</legend>
        <div className="field">
          <label htmlFor={`${id}-bs`}>{t('form.borderStatus')}</label>
          <select id={`${id}-bs`} value={value.borderStatus} onChange={(e) => onChange({ borderStatus: e.target.value as BorderStatusValue | '' })}>
            <option value="">{t('form.choose')}</option>
            {codelistOptions('borderStatus').map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    );
  }
  return null;
}
