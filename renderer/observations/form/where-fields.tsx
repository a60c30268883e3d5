/**
 * Where: a gazetteer place found by typing (Latin or Cyrillic, diacritics optional),
 * or typed coordinates (decimal or degrees-minutes-seconds), or a click on the map
 * beside the form. Shows what is chosen in words.
 */
import type { Place } from '../../../shared/places/place';
import { formatDms } from '../../../shared/geo/coordinates';
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { CoordinateInput } from '../coordinate-input';
import { PlaceCombobox } from '../place-combobox';
import { SelectField, useFieldMessage } from './form-fields';
import type { DraftLocation, ObservationDraft } from './observation-draft';

interface Props {
  location: DraftLocation | null;
  precision: ObservationDraft['locationPrecision'];
  places: readonly Place[];
  onLocation: (location: DraftLocation | null) => void;
  onPrecision: (precision: ObservationDraft['locationPrecision']) => void;
}

export function WhereFields({ location, precision, places, onLocation, onPrecision }: Props) {
  const { aria, message } = useFieldMessage('placeId');
  const point = location?.point ?? null;
  return (
    <fieldset>
      <legend>{t('form.whereSection')}</legend>
      <div className="field">
        <PlaceCombobox
          label={t('form.place')}
          places={places}
          value={location?.placeId ?? null}
          onChange={(placeId) => onLocation(placeId === null ? (point ? { placeId: null, point, method: location?.method ?? 'map_click' } : null) : { placeId, point: null, method: 'gazetteer' })}
          invalid={aria['aria-invalid'] === true}
          describedBy={aria['aria-describedby']}
        />
        {message}
      </div>
      <CoordinateInput label={t('form.coordinates')} onApply={(p) => onLocation({ placeId: null, point: p, method: 'typed' })} />
      {point && (
        <p className="chosen-point" data-testid="chosen-point">
          {t('form.pointChosen', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5), dms: formatDms(point.lat, point.lon) })}{' '}
          <button type="button" className="link-button" onClick={() => onLocation(location?.placeId ? { ...location, point: null } : null)}>
            {t('form.clearPoint')}
          </button>
        </p>
      )}
      <SelectField
        label={t('form.locationPrecision')}
        path="locationPrecision"
        value={precision}
        onChange={onPrecision}
        options={codelistOptions('locationPrecision')}
      />
    </fieldset>
  );
}
