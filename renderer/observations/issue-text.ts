/**
 * A rule's or the schema's finding in words: its message with the field's label and the
 * values it names (countries by name). One function for the form, its summary, the
 * warnings before saving and the import report, so that they all say the same.
 */
import type { ValidationIssue } from '../../shared/observations/validation-issue';
import { englishCatalogue } from '../i18n/catalogue-en';
import { countryName } from '../i18n/codelist-label';
import { t } from '../i18n/i18n';
import type { Params, TranslationKey } from '../i18n/i18n';
import { fieldLabel } from './field-labels';

const isKey = (key: string): key is TranslationKey => Object.hasOwn(englishCatalogue, key);

/** The parameters of a message, with the field's label and country codes as names. */
export function issueParams(issue: ValidationIssue): Params {
  const params: Record<string, string | number> = { field: fieldLabel(issue.field) };
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    params[name] = typeof value === 'string' && /Country$/.test(name) ? countryName(value) : value;
  }
  return params;
}

/** The finding in words; for a key this version does not know, the field is still named. */
export function issueText(issue: ValidationIssue): string {
  return t(isKey(issue.message) ? issue.message : 'validation.invalidField', issueParams(issue));
}
