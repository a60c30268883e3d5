/**
 * Text fields outside the capture form keep what is typed or pasted whole, as the form
 * does (observations/form/form-fields.tsx, overLimit, says why): a `maxLength`
 * attribute trimmed a paste without a word. Over its limit a field says so, and the
 * screen does not act on it until it is shortened.
 */
import { t } from '../i18n/i18n';

export const isTooLong = (value: string, max: number): boolean => value.length > max;

/** The field's message when `value` is over `max`, else nothing; `id` for the field's aria-describedby. */
export function TooLongMessage({ id, label, value, max }: { id: string; label: string; value: string; max: number }) {
  if (!isTooLong(value, max)) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {t('validation.tooLong', { field: label, length: value.length, max })}
    </p>
  );
}

/** The aria attributes of a field that may be over its limit. */
export function tooLongAria(id: string, value: string, max: number): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return isTooLong(value, max) ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}
