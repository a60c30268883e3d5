/**
 * Typed coordinates: a labelled field read by `parseCoordinates` (decimal or
 * degrees-minutes-seconds, any order when hemisphere letters are given). While the
 * text reads as a point it shows that point in decimal and DMS, so a slip such as a
 * swapped latitude is seen before it is used. "Use these coordinates", Enter, or
 * leaving the field with a readable point hands it to `onApply`; unreadable text gets
 * its message next to the field and changes nothing.
 */
import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { formatDecimal, formatDms, parseCoordinates } from '../../shared/geo/coordinates';
import type { CoordinateMessageKey, LatLon } from '../../shared/geo/coordinates';
import { t } from '../i18n/i18n';

export interface CoordinateInputProps {
  /** The visible label. */
  label: string;
  /** Called with a point that parsed and is in range; never with bad input. */
  onApply: (point: { lat: number; lon: number }) => void;
  /** Id of the input (one is made up otherwise). */
  id?: string;
}

export function CoordinateInput({ label, onApply, id }: CoordinateInputProps) {
  const madeUpId = useId();
  const inputId = id ?? `${madeUpId}-coordinates`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const readsAsId = `${inputId}-reads-as`;

  const [text, setText] = useState('');
  // The error shows once the user tries to use the text, not while they are still typing it.
  const [error, setError] = useState<CoordinateMessageKey | null>(null);
  // What was last handed over, so that leaving the field and then pressing the button applies once.
  const [applied, setApplied] = useState<string | null>(null);

  const parsed = text.trim() === '' ? null : parseCoordinates(text);
  const point: LatLon | null = parsed?.ok ? { lat: parsed.lat, lon: parsed.lon } : null;

  function apply(force: boolean) {
    const result = parseCoordinates(text);
    if (!result.ok) {
      // Leaving an empty field is not an attempt to use it.
      setError(!force && text.trim() === '' ? null : result.message);
      return;
    }
    setError(null);
    if (!force && applied === text) return;
    setApplied(text);
    onApply({ lat: result.lat, lon: result.lon });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    // Inside the capture form Enter would submit the whole record.
    event.preventDefault();
    apply(true);
  }

  const describedBy = [hintId, error ? errorId : readsAsId].join(' ');

  return (
    <div className="field coordinate-input">
      <label htmlFor={inputId}>{label}</label>
      <div className="coordinate-input-row">
        <input
          id={inputId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => apply(false)}
        />
        <button
          type="button"
          className="secondary"
          // A click would first blur the input (applying once) and then apply again.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => apply(true)}
        >
          {t('coordinates.apply')}
        </button>
      </div>
      <p id={hintId} className="muted small">
        {t('coordinates.hint')}
      </p>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : (
        <p id={readsAsId} className="small coordinate-input-reads-as" aria-live="polite">
          {point ? t('coordinates.readsAs', { decimal: formatDecimal(point.lat, point.lon), dms: formatDms(point.lat, point.lon) }) : ''}
        </p>
      )}
    </div>
  );
}
