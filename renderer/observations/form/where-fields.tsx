/**
 * Where: a gazetteer place found by typing (Latin or Cyrillic, diacritics optional) on
 * the form's first screen; typed coordinates (decimal or degrees-minutes-seconds), the
 * point chosen (typed or clicked on the map beside the form) and the precision in the
 * "time and place details" panel. Shows what is chosen in words.
 */
import type { Place } from '../../../shared/places/place';
import { formatDms } from '../../../shared/geo/coordinates';
import { codelistOptions } from '../../i18n/codelist-label';
import { t } from '../../i18n/i18n';
import { CoordinateInput } from '../coordinate-input';
import { PlaceCombobox } from '../place-combobox';
import { SelectField, useFieldMessage } from './form-fields';
import type { DraftLocation, ObservationDraft } from './observation-draft';

interface PlaceProps {
  location: DraftLocation | null;
  places: readonly Place[];
  onLocation: (location: DraftLocation | null) => void;
  /** The place input's id, for the form to focus it on opening. */
  inputId: string;
}

export function PlaceField({ location, places, onLocation, inputId }: PlaceProps) {
  const { aria, message } = useFieldMessage('placeId');
  const point = location?.point ?? null;
  return (
    <div className="field">
      <PlaceCombobox
        id={inputId}
        label={t('form.place')}
        places={places}
        value={location?.placeId ?? null}
        onChange={(placeId) => onLocation(placeId === null ? (point ? { placeId: null, point, method: location?.method ?? 'map_click' } : null) : { placeId, point: null, method: 'gazetteer' })}
        invalid={aria['aria-invalid'] === true}
        describedBy={aria['aria-describedby']}
      />
      {message}
    </div>
  );
}

/** The point chosen, in words, with a way to clear it: shown on the first screen too, where the map click lands. */
export function ChosenPoint({ location, onLocation }: { location: DraftLocation | null; onLocation: (location: DraftLocation | null) => void }) {
  const point = location?.point ?? null;
  if (!point) return null;
  return (
    <p className="chosen-point" data-testid="chosen-point">
      {t('form.pointChosen', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5), dms: formatDms(point.lat, point.lon) })}{' '}
      <button type="button" className="link-button" onClick={() => onLocation(location?.placeId ? { ...location, point: null } : null)}>
        {t('form.clearPoint')}
      </button>
    </p>
  );
}

interface DetailsProps {
  precision: ObservationDraft['locationPrecision'];
  onLocation: (location: DraftLocation | null) => void;
  onPrecision: (precision: ObservationDraft['locationPrecision']) => void;
}

export function PlaceDetailsFields({ precision, onLocation, onPrecision }: DetailsProps) {
  return (
    <>
      <CoordinateInput label={t('form.coordinates')} onApply={(p) => onLocation({ placeId: null, point: p, method: 'typed' })} />
      <SelectField
        label={t('form.locationPrecision')}
        path="locationPrecision"
        value={precision}
        onChange={onPrecision}
        options={codelistOptions('locationPrecision')}
      />
    </>
  );
}
