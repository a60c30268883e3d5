/** Where a group comes from and goes to, how it travels, and who helps it. */
import type { Place } from '../../../shared/places/place';
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { PlaceCombobox } from '../place-combobox';
import { CheckboxGroup, GroupError, SelectField, useFieldMessage } from './form-fields';
import { CountrySelect } from './country-select';
import type { DraftMovement } from './observation-draft';

interface Props {
  value: DraftMovement;
  places: readonly Place[];
  onChange: (patch: Partial<DraftMovement>) => void;
}

function PlaceField({ label, path, value, places, onChange }: { label: string; path: string; value: string | null; places: readonly Place[]; onChange: (id: string | null) => void }) {
  const { aria, message } = useFieldMessage(path);
  return (
    <div className="field">
      <PlaceCombobox label={label} places={places} value={value} onChange={onChange} invalid={aria['aria-invalid'] === true} describedBy={aria['aria-describedby']} />
      {message}
    </div>
  );
}

export function MovementFields({ value, places, onChange }: Props) {
  return (
    <fieldset>
      <legend>{t('form.movementSection')}</legend>
      <div className="field-row">
        <SelectField
          label={t('form.direction')}
          path="movement.direction"
          value={value.direction}
          onChange={(direction) => onChange({ direction })}
          options={codelistOptions('direction')}
        />
        <SelectField
          label={t('form.crossingType')}
          path="movement.crossingType"
          value={value.crossingType}
          onChange={(crossingType) => onChange({ crossingType })}
          options={codelistOptions('crossingType')}
        />
        <SelectField
          label={t('form.facilitator')}
          path="movement.facilitator"
          value={value.facilitator}
          onChange={(facilitator) => onChange({ facilitator })}
          options={codelistOptions('facilitator')}
        />
      </div>
      <div className="field-row">
        <PlaceField label={t('form.fromPlace')} path="movement.fromPlaceId" value={value.fromPlaceId} places={places} onChange={(fromPlaceId) => onChange({ fromPlaceId })} />
        <CountrySelect label={t('form.fromCountry')} path="movement.fromCountry" value={value.fromCountry} onChange={(fromCountry) => onChange({ fromCountry })} />
      </div>
      <div className="field-row">
        <PlaceField label={t('form.toPlace')} path="movement.toPlaceId" value={value.toPlaceId} places={places} onChange={(toPlaceId) => onChange({ toPlaceId })} />
        <CountrySelect label={t('form.toCountry')} path="movement.toCountry" value={value.toCountry} onChange={(toCountry) => onChange({ toCountry })} />
      </div>
      <GroupError path="movement" />
      <div className="field-row">
        <CountrySelect
          label={t('form.intendedCountry')}
          path="movement.intendedCountry"
          value={value.intendedCountry}
          onChange={(intendedCountry) => onChange({ intendedCountry })}
        />
      </div>
      <CheckboxGroup
        legend={t('form.transportModes')}
        path="movement.transportModes"
        values={value.transportModes}
        onChange={(transportModes) => onChange({ transportModes })}
        options={codelistOptions('transportMode')}
        className="inline"
      />
    </fieldset>
  );
}
