/**
 * The parts of the form that only one kind has: an incident's type, actor and
 * casualties; a site's capacity and occupancy; a border's status and, when it is
 * restricted, the nationalities let through.
 */
import { codelistOptions, sortedNationalities } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { CheckboxGroup, NumberField, SelectField } from './form-fields';
import type { ObservationDraft } from './observation-draft';
import { countOf } from './observation-draft';
import { FREQUENT_NATIONALITIES } from './country-select';

type Incident = ObservationDraft['incident'];
type Site = ObservationDraft['site'];
type Border = ObservationDraft['borderStatus'];

export function IncidentFields({ value, onChange }: { value: Incident; onChange: (patch: Partial<Incident>) => void }) {
  return (
    <fieldset>
      <legend>{t('form.incidentSection')}</legend>
      <div className="field-row">
        <SelectField label={t('form.incidentType')} path="incident.type" value={value.type} onChange={(type) => onChange({ type })} options={codelistOptions('incidentType')} />
        <SelectField label={t('form.incidentActor')} path="incident.actor" value={value.actor} onChange={(actor) => onChange({ actor })} options={codelistOptions('incidentActor')} />
      </div>
      <div className="field-row">
        <NumberField label={t('form.dead')} path="incident.dead" value={value.dead} onChange={(dead) => onChange({ dead })} />
        <NumberField label={t('form.injured')} path="incident.injured" value={value.injured} onChange={(injured) => onChange({ injured })} />
        <NumberField label={t('form.missing')} path="incident.missing" value={value.missing} onChange={(missing) => onChange({ missing })} />
      </div>
    </fieldset>
  );
}

export function SiteFields({ value, onChange }: { value: Site; onChange: (patch: Partial<Site>) => void }) {
  const capacity = countOf(value.capacity);
  const occupancy = countOf(value.occupancy);
  return (
    <fieldset>
      <legend>{t('form.siteSection')}</legend>
      <div className="field-row">
        <NumberField label={t('form.capacity')} path="site.capacity" value={value.capacity} onChange={(c) => onChange({ capacity: c })} />
        <NumberField label={t('form.occupancy')} path="site.occupancy" value={value.occupancy} onChange={(o) => onChange({ occupancy: o })} />
      </div>
      {/* Over capacity is a finding to flag, not an error: the record saves. */}
      {capacity !== null && occupancy !== null && occupancy > capacity && (
        <p className="warning" role="status">
          {t('validation.overCapacity')}
        </p>
      )}
    </fieldset>
  );
}

export function BorderFields({ value, onChange }: { value: Border; onChange: (patch: Partial<Border>) => void }) {
  const names = new Map(sortedNationalities().map((n) => [n.code, n.name]));
  return (
    <fieldset>
      <legend>{t('form.borderSection')}</legend>
      <SelectField
        label={t('form.borderStatus')}
        path="borderStatus.status"
        value={value.status}
        onChange={(status) => onChange({ status })}
        options={codelistOptions('borderStatus')}
      />
      {value.status === 'restricted' && (
        <CheckboxGroup
          legend={t('form.nationalityFilter')}
          path="borderStatus.nationalityFilter"
          values={value.nationalityFilter}
          onChange={(nationalityFilter) => onChange({ nationalityFilter })}
          options={FREQUENT_NATIONALITIES.map((code) => ({ code, label: names.get(code) ?? code }))}
          className="inline"
        />
      )}
    </fieldset>
  );
}
