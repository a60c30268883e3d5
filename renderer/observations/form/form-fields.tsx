/**
 * The capture form's building blocks: a labelled control that shows the message of
 * its own field path next to it (and points to it with aria-describedby), so that each
 * section only names its fields. Messages are the shared rules' findings, put in words
 * with the field's label (issue-text.ts).
 *
 * Each control's id is made from its field path (fieldIdOf), and each message's id from
 * it too (messageIdOf): the error summary at the top of the form finds the field of an
 * entry by them, whichever section draws it.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { IssueParams, ValidationIssue } from '../../../shared/observations/validation-issue';
import { formatNumber, t } from '../../i18n/i18n';
import type { TranslationKey } from '../../i18n/i18n';
import { isTooLong } from '../../app/too-long';
import { issueText } from '../issue-text';

/** A message for a field: a bare key, or a finding with the values it names. */
export type FieldError = TranslationKey | { message: string; params?: IssueParams };
export type FieldErrors = Readonly<Partial<Record<string, FieldError>>>;

/** The id of the control of a field path (`counts.men` -> `field-counts-men`). */
export function fieldIdOf(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The id of the message shown at a field path. */
export function messageIdOf(path: string): string {
  return `${fieldIdOf(path)}-message`;
}

/** A field's message in words, its label included. */
export function fieldErrorText(path: string, error: FieldError): string {
  return issueText(typeof error === 'string' ? { field: path, message: error } : { field: path, ...error });
}

/**
 * Show each finding at its field: members of vulnerabilities at their group (the form
 * shows them as one), a point's at the place. The first finding per field wins.
 */
export function errorsOf(issues: readonly ValidationIssue[]): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const issue of issues) {
    const field = issue.field.startsWith('vulnerabilities') ? 'vulnerabilities' : issue.field === 'location' ? 'placeId' : issue.field;
    errors[field] ??= issue.params ? { message: issue.message, params: issue.params } : { message: issue.message };
  }
  return errors;
}

const ErrorsContext = createContext<FieldErrors>({});

export function FieldErrorsProvider({ errors, children }: { errors: FieldErrors; children: ReactNode }) {
  return <ErrorsContext.Provider value={errors}>{children}</ErrorsContext.Provider>;
}

/** The message for a field path, if any (`counts.men`, `incident.type`, ...). */
export function useFieldError(path: string): FieldError | undefined {
  return useContext(ErrorsContext)[path];
}

/**
 * The aria attributes and the message element of a field path. `live` is a message the
 * field finds itself as it is typed (a text over its limit); it wins over the last submit's.
 */
export function useFieldMessage(path: string, live?: FieldError): { aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }; message: ReactNode } {
  const submitted = useFieldError(path);
  const error = live ?? submitted;
  if (!error) return { aria: {}, message: null };
  const id = messageIdOf(path);
  return {
    aria: { 'aria-invalid': true, 'aria-describedby': id },
    message: (
      // Focusable, so that the summary can move to a message whose field is a group (the breakdown).
      <p className="field-error" id={id} role="alert" tabIndex={-1}>
        {fieldErrorText(path, error)}
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
  const id = fieldIdOf(path);
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

/**
 * A text over its field's limit is kept whole and said to be too long, never cut.
 *
 * Why kept rather than refused: a `maxLength` attribute (what the form had) trims a
 * paste silently, and refusing a paste would throw away text that may exist nowhere
 * else (a note dictated into another app, a clipboard since overwritten). Kept, the
 * person sees all of it, the draft holds it, and they decide what to cut; the schema
 * refuses it on submit, so nothing too long is ever stored. The same for every text
 * field and text area of the form.
 */
export function overLimit(value: string, limit: number | undefined): FieldError | undefined {
  return limit !== undefined && isTooLong(value, limit) ? { message: 'validation.tooLong', params: { max: limit, length: value.length } } : undefined;
}

export function TextField({
  label,
  path,
  value,
  onChange,
  hint,
  className,
  maxLength,
}: BaseProps & { value: string; onChange: (value: string) => void; /** The field's limit: over it, a message (see overLimit), never a cut. */ maxLength?: number }) {
  const id = fieldIdOf(path);
  const { aria, message } = useFieldMessage(path, overLimit(value, maxLength));
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...aria} />
      {hint && <p className="muted small">{hint}</p>}
      {message}
    </div>
  );
}

/** A text area with its limit and a running count of characters; over the limit, a message, never a cut. */
export function TextAreaField({
  label,
  path,
  value,
  onChange,
  hint,
  className,
  maxLength,
  rows,
}: BaseProps & { value: string; onChange: (value: string) => void; maxLength: number; rows: number }) {
  const id = fieldIdOf(path);
  const countId = `${id}-count`;
  const { aria, message } = useFieldMessage(path, overLimit(value, maxLength));
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        {...aria}
        aria-describedby={`${countId} ${aria['aria-describedby'] ?? ''}`.trim()}
      />
      {/* The count and the hint in one line of small print: the limit is read with the field. */}
      <p className="muted small" id={countId}>
        {t('form.summaryCount', { count: formatNumber(value.length), max: formatNumber(maxLength) })}
        {hint && ` · ${hint}`}
      </p>
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
  const id = fieldIdOf(path);
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
