/**
 * The capture form's building blocks: a labelled control that shows the message of
 * its own field path next to it (and points to it with aria-describedby), so that each
 * section only names its fields. Messages are i18n keys from the shared rules.
 */
import { createContext, useContext, useId } from 'react';
import type { ReactNode } from 'react';
import { t } from '../../i18n/i18n';
import type { TranslationKey } from '../../i18n/i18n';

export type FieldErrors = Readonly<Partial<Record<string, TranslationKey>>>;

const ErrorsContext = createContext<FieldErrors>({});

export function FieldErrorsProvider({ errors, children }: { errors: FieldErrors; children: ReactNode }) {
  return <ErrorsContext.Provider value={errors}>{children}</ErrorsContext.Provider>;
}

/** The message for a field path, if any (`counts.men`, `incident.type`, ...). */
export function useFieldError(path: string): TranslationKey | undefined {
  return useContext(ErrorsContext)[path];
}

/** The aria attributes and the message element of a field path. */
export function useFieldMessage(path: string): { aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }; message: ReactNode } {
  const key = useFieldError(path);
  const id = useId();
  if (!key) return { aria: {}, message: null };
  return {
    aria: { 'aria-invalid': true, 'aria-describedby': id },
    message: (
      <p className="field-error" id={id} role="alert">
        {t(key)}
      </p>
    ),
  };
}

/** A message for a whole group (e.g. `counts` when the breakdown exceeds the total). */
export function GroupError({ path }: { path: string }) {
  return useFieldMessage(path).message;
}

interface BaseProps {
  label: string;
  path: string;
  hint?: string;
  className?: string;
}

export function NumberField({ label, path, value, onChange, hint, className }: BaseProps & { value: string; onChange: (value: string) => void }) {
  const id = useId();
  const { aria, message } = useFieldMessage(path);
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
      {hint && <p className="muted small">{hint}</p>}
      {message}
    </div>
  );
}

export function TextField({
  label,
  path,
  value,
  onChange,
  hint,
  className,
  maxLength,
}: BaseProps & { value: string; onChange: (value: string) => void; maxLength?: number }) {
  const id = useId();
  const { aria, message } = useFieldMessage(path);
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} {...aria} />
      {hint && <p className="muted small">{hint}</p>}
      {message}
    </div>
  );
}

export interface Option<T extends string> {
  code: T;
  label: string;
}

/** A select with an empty first choice ("— choose —") meaning "not recorded". */
export function SelectField<T extends string>({
  label,
  path,
  value,
  onChange,
  options,
  emptyLabel,
  className,
  hint,
}: BaseProps & { value: T | ''; onChange: (value: T | '') => void; options: readonly Option<T>[]; emptyLabel?: string }) {
  const id = useId();
  const { aria, message } = useFieldMessage(path);
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T | '')} {...aria}>
        <option value="">{emptyLabel ?? t('form.choose')}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <p className="muted small">{hint}</p>}
      {message}
    </div>
  );
}

/** A group of checkboxes over a codelist, as a fieldset with its legend. */
export function CheckboxGroup<T extends string>({
  legend,
  path,
  values,
  onChange,
  options,
  className,
}: {
  legend: string;
  path: string;
  values: readonly T[];
  onChange: (values: T[]) => void;
  options: readonly Option<T>[];
  className?: string;
}) {
  const { message } = useFieldMessage(path);
  const chosen = new Set(values);
  return (
    <fieldset className={`checkbox-group ${className ?? ''}`.trim()}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.code} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.has(o.code)}
            onChange={(e) => onChange(e.target.checked ? [...values, o.code] : values.filter((v) => v !== o.code))}
          />
          {o.label}
        </label>
      ))}
      {message}
    </fieldset>
  );
}
